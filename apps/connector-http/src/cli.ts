/** Rewrites the settings table in the README from the config declaration: `npx tsx apps/connector-http/src/cli.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceReferenceBlock } from '@hub/config';
import { configReferenceTable } from './app/config-reference';

const readmePath = join(__dirname, '../README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = replaceReferenceBlock(readme, 'config-reference', configReferenceTable());
writeFileSync(readmePath, updated);
console.log(
  updated === readme ? 'README settings table is up to date' : 'README settings table rewritten',
);
