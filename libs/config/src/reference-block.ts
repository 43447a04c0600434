import { ConfigError } from './config-error';

/**
 * Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in a Markdown
 * document. Used to keep READMEs in step with the schema; comparing the result with the
 * original tells whether the docs drifted.
 */
export function replaceReferenceBlock(markdown: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  if (from < 0 || to < from) {
    throw new ConfigError('CONFIG_DEFINITION_INVALID', [
      { variable: name, reason: `markers ${start} … ${end} not found` },
    ]);
  }
  return `${markdown.slice(0, from + start.length)}\n${content.trim()}\n${markdown.slice(to)}`;
}
