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
    const defaultCell = setting.default === undefined ? fallback : code(setting.default);
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
