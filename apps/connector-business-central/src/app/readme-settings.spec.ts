import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigReference, replaceReferenceBlock } from '@hub/config';
import { connectorBusinessCentralConfig } from './connector-business-central.config';

describe('README settings table', () => {
  it('is the one rendered from the configuration (run `npx tsx apps/connector-business-central/src/app/render-readme.ts` after a change)', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const rendered = replaceReferenceBlock(
      readme,
      'config-reference',
      renderConfigReference(connectorBusinessCentralConfig),
    );
    expect(readme).toBe(rendered);
  });
});
