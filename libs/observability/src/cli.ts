/** Rewrites the README's metric table from METRICS: `npx tsx libs/observability/src/cli.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { metricTable } from './metrics/metric-table';

const path = resolve(__dirname, '../README.md');
const readme = readFileSync(path, 'utf8');
writeFileSync(
  path,
  readme.replace(
    /<!-- metric-table:start -->\n[\s\S]*?\n<!-- metric-table:end -->/,
    `<!-- metric-table:start -->\n${metricTable()}\n<!-- metric-table:end -->`,
  ),
);
console.log(`Metric table written to ${path}`);
