/**
 * `npx tsx apps/connector-sap/src/app/settings-docs.ts` rewrites this app's settings table in
 * its README and, once docs/configuration.md has its `settings:connector-sap` block, there too;
 * settings-docs.spec.ts fails while either is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONFIGURATION_DOC,
  renderConfigReference,
  replaceReferenceBlock,
  staleSettingsDocs,
  writeSettingsDocs,
  type AppSettingsDocs,
} from '@hub/config';
import { connectorSapConfig } from './connector-sap.config';

const root = join(__dirname, '../../../..');

export const settingsDocs: AppSettingsDocs = {
  app: 'connector-sap',
  config: connectorSapConfig,
  root,
};

/** docs/configuration.md is shared; until its section exists only the README is kept in step. */
function configurationDocHasSection(): boolean {
  return readFileSync(join(root, CONFIGURATION_DOC), 'utf8').includes(
    '<!-- settings:connector-sap:start -->',
  );
}

const readmePath = join(root, 'apps/connector-sap/README.md');

function renderedReadme(): { current: string; next: string } {
  const current = readFileSync(readmePath, 'utf8');
  return {
    current,
    next: replaceReferenceBlock(
      current,
      'config-reference',
      renderConfigReference(connectorSapConfig),
    ),
  };
}

export function staleSapSettingsDocs(): string[] {
  if (configurationDocHasSection()) return staleSettingsDocs(settingsDocs);
  const { current, next } = renderedReadme();
  return current === next ? [] : [readmePath];
}

if (require.main === module) {
  if (configurationDocHasSection()) {
    for (const path of writeSettingsDocs(settingsDocs)) process.stdout.write(`${path}: updated\n`);
  } else {
    const { current, next } = renderedReadme();
    if (current !== next) {
      writeFileSync(readmePath, next);
      process.stdout.write(`${readmePath}: updated\n`);
    }
  }
}
