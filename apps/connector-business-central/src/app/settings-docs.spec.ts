import { staleSettingsDocs } from '@hub/config';
import { settingsDocs } from './settings-docs';

describe('the settings tables', () => {
  it('in the README and docs/configuration.md match the configuration (fix: npx tsx apps/connector-business-central/src/app/settings-docs.ts)', () => {
    expect(staleSettingsDocs(settingsDocs)).toEqual([]);
  });
});
