/**
 * Every metric the hub exports is declared in METRICS (@hub/observability), so the one
 * generated metric table documents all of them and dashboards have one list to follow. A
 * prom-client metric made anywhere else would be exported but missing from the table.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');
const allowed = new Set(['libs/observability/src/metrics/create-metrics.ts']);
const constructed = /\bnew (Counter|Gauge|Histogram|Summary)\s*[(<]/;

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sources(path);
    const test = /\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name);
    return entry.name.endsWith('.ts') && !test ? [path] : [];
  });
}

describe('metrics in one place', () => {
  it('makes prom-client metrics only from METRICS', () => {
    const elsewhere = ['apps', 'libs', 'tools', 'bench']
      .flatMap((folder) => sources(join(root, folder)))
      .map((path) => relative(root, path))
      .filter(
        (path) => !allowed.has(path) && constructed.test(readFileSync(join(root, path), 'utf8')),
      );
    expect(elsewhere).toEqual([]);
  });
});
