import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { metricTable } from './metric-table';

describe('the README metric table', () => {
  it('is the one generated from METRICS (regenerate: npx tsx libs/observability/src/cli.ts)', () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const table = /<!-- metric-table:start -->\n([\s\S]*?)\n<!-- metric-table:end -->/.exec(
      readme,
    )?.[1];
    expect(table).toBe(metricTable());
  });
});
