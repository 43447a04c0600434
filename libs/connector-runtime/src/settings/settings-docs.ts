/**
 * `npx tsx libs/connector-runtime/src/settings/settings-docs.ts` rewrites the CONNECTOR_*
 * table in this lib's README from the settings; the settings spec fails while it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, renderConfigReference, replaceReferenceBlock } from '@hub/config';
import { connectorRuntimeSettings } from './connector-runtime-settings';

export const runtimeSettingsReadme = {
  path: join(__dirname, '../../README.md'),
  render: (readme: string): string =>
    replaceReferenceBlock(
      readme,
      'connector-runtime-settings',
      renderConfigReference(defineConfig({ connector: connectorRuntimeSettings })),
    ),
};

if (require.main === module) {
  const { path, render } = runtimeSettingsReadme;
  writeFileSync(path, render(readFileSync(path, 'utf8')));
}
