import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SettingEntry } from './define-config';

/**
 * The Markdown reference table for a definition, in declaration order. Docs are generated
 * from the schema rather than written beside it, so they cannot drift silently.
 */
export function renderConfigReference(definition: {
  readonly settings: readonly SettingEntry[];
}): string {
  const header = ['| Variable | Description | Default | Secret |', '|---|---|---|---|'];
  const rows = definition.settings.map(({ setting }) => {
    const required = !setting.schema.safeParse(undefined).success;
    const fallback = required ? '*required*' : '*unset*';
    const defaultCell =
      setting.default === undefined ? fallback : code(repositoryRelative(setting.default));
    return `| ${code(setting.env)} | ${cell(setting.description)} | ${defaultCell} | ${setting.secret ? 'yes' : 'no'} |`;
  });
  return [...header, ...rows].join('\n');
}

function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${cell(text)} \`\`` : `\`${cell(text)}\``;
}

/**
 * Defaults that are absolute paths inside the repository (e.g. the ownership lib's default
 * policy) are shown relative to its root, so the table is the same on every checkout.
 */
const repositoryRoot = resolve(__dirname, '../../..');

function repositoryRelative(value: string): string {
  return isAbsolute(value) && value.startsWith(repositoryRoot + sep)
    ? relative(repositoryRoot, value)
    : value;
}
