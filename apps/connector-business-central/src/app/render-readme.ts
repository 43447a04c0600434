/** Rewrites the settings table in README.md from the configuration declaration. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigReference, replaceReferenceBlock } from '@hub/config';
import { connectorBusinessCentralConfig } from './connector-business-central.config';

const path = join(__dirname, '../../README.md');
writeFileSync(
  path,
  replaceReferenceBlock(
    readFileSync(path, 'utf8'),
    'config-reference',
    renderConfigReference(connectorBusinessCentralConfig),
  ),
);
