/**
 * `npx tsx apps/connector-sap/src/app/settings-docs.ts` rewrites this app's settings table in
 * its README from the configuration; settings-docs.spec.ts fails while it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigReference, replaceReferenceBlock } from '@hub/config';
import { connectorSapConfig } from './connector-sap.config';

export const README = join(__dirname, '../../README.md');

export function renderedReadme(): { current: string; next: string } {
  const current = readFileSync(README, 'utf8');
  return {
    current,
    next: replaceReferenceBlock(
      current,
      'config-reference',
      renderConfigReference(connectorSapConfig),
    ),
  };
}

if (require.main === module) {
  const { current, next } = renderedReadme();
  if (current !== next) writeFileSync(README, next);
}
