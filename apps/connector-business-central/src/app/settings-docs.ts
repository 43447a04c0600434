/**
 * `npx tsx apps/connector-business-central/src/app/settings-docs.ts` rewrites this app's settings table in its
 * README and in docs/configuration.md from the configuration; settings-docs.spec.ts fails
 * while either is stale.
 */
import { join } from 'node:path';
import { writeSettingsDocs, type AppSettingsDocs } from '@hub/config';
import { connectorBusinessCentralConfig } from './connector-business-central.config';

export const settingsDocs: AppSettingsDocs = {
  app: 'connector-business-central',
  config: connectorBusinessCentralConfig,
  root: join(__dirname, '../../../..'),
};

if (require.main === module) {
  for (const path of writeSettingsDocs(settingsDocs)) process.stdout.write(`${path}: updated\n`);
}
