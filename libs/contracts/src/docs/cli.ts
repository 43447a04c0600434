/** Rewrites the generated event reference in libs/contracts/README.md: `npx tsx libs/contracts/src/docs/cli.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderEventReference } from './event-reference';
import { replaceReferenceBlock } from './reference-block';

const readme = resolve(__dirname, '../../README.md');
writeFileSync(
  readme,
  replaceReferenceBlock(readFileSync(readme, 'utf8'), 'event-reference', renderEventReference()),
);
console.log(`Updated ${readme}`);
