// Regenerates (or, with --check, verifies) the shared settings reference in a Markdown file:
//   npx tsx libs/config/src/cli.ts [--check] libs/config/README.md
import { readFileSync, writeFileSync } from 'node:fs';
import { replaceReferenceBlock } from './reference-block';
import { renderSharedSettingsReference } from './shared-settings-reference';

const BLOCK = 'config-reference';

function main(args: readonly string[]): number {
  const check = args.includes('--check');
  const file = args.find((arg) => arg !== '--check');
  if (file === undefined) {
    console.error('usage: cli.ts [--check] <markdown-file>');
    return 2;
  }
  const current = readFileSync(file, 'utf8');
  const next = replaceReferenceBlock(current, BLOCK, renderSharedSettingsReference());
  if (next === current) return 0;
  if (check) {
    console.error(
      `${file}: config reference is out of date; run: npx tsx libs/config/src/cli.ts ${file}`,
    );
    return 1;
  }
  writeFileSync(file, next);
  console.log(`${file}: config reference updated`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
