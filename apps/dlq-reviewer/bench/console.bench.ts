/**
 * The reviewer's console at scale, over HTTP on the real Postgres: 10,000 open dead letters
 * (4 targets × 5 error codes, seeded in one transaction), then 20 loads each, one after the
 * other after 2 warm-ups, of the grouped view (/), a filtered list, the last page, the
 * per-target overview (/targets) and the API's list page; p50/p95/max per page.
 * Not a test: it asserts nothing but that every load answers 200 with the expected count.
 *   npm run bench:console [-- --count 10000 --loads 20]
 * Writes JSON to BENCH_RESULT_FILE (npm run bench sets it) or bench/results/dlq-console-<time>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OPERATOR_TOKEN, startReviewer } from '../src/testing/reviewer-harness';
import { seededItems, type SeedGroup } from '../src/testing/seeded-items';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    loads: { type: 'string', default: '20' },
  },
});
const COUNT = Number(values.count);
const LOADS = Number(values.loads);
const WARM_UPS = 2;
const CODES = ['ERP_UNIT_UNKNOWN', 'ERP_PRODUCT_ARCHIVED', 'ERP_LOCKED', 'ERP_TIMEOUT', 'ERP_AUTH'];

// The local stack unless the environment names another (the harness reads these three).
process.env['KAFKA_BROKERS'] ??= '127.0.0.1:9092';
process.env['SCHEMA_REGISTRY_URL'] ??= 'http://127.0.0.1:8081/apis/ccompat/v7';
process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/hub';

interface Timing {
  readonly path: string;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly bytes: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (ms: number): number => Math.round(ms * 10) / 10;

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ token: OPERATOR_TOKEN }).toString(),
    redirect: 'manual',
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 303 || cookie === undefined)
    throw new Error(`sign-in answered ${String(response.status)}`);
  return cookie;
}

async function time(
  url: string,
  path: string,
  headers: Record<string, string>,
  expect: string,
): Promise<Timing> {
  const samples: number[] = [];
  let bytes = 0;
  for (let load = 0; load < WARM_UPS + LOADS; load += 1) {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200 || !body.includes(expect))
      throw new Error(`${path} answered ${String(response.status)} without ${expect}`);
    bytes = body.length;
    if (load >= WARM_UPS) samples.push(elapsed);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    path,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    maxMs: round(sorted.at(-1) ?? NaN),
    bytes,
  };
}

async function main(): Promise<void> {
  const seeded = await seededItems();
  const running = await startReviewer(
    { DLQ_DATABASE_SCHEMA: seeded.schema.schema, LOG_LEVEL: 'silent' },
    { awaitKafka: false },
  );
  try {
    const targets = ['erp1', 'erp2', 'erp3', 'erp4'].map((name) => `${running.target}-${name}`);
    const perGroup = Math.floor(COUNT / (targets.length * CODES.length));
    const groups: SeedGroup[] = targets.flatMap((target) =>
      CODES.map((errorCode) => ({ target, errorCode, count: perGroup })),
    );
    const total = perGroup * groups.length;
    const seedStarted = performance.now();
    await seeded.seed(groups, Date.UTC(2026, 10, 1));
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const cookie = { cookie: await signIn(running.url) };
    const bearer = { authorization: `Bearer ${OPERATOR_TOKEN}` };
    const filtered = `target=${targets[1] ?? ''}&errorCode=ERP_LOCKED&entityType=purchase-order`;
    const matches = (n: number) => `data-matched="${String(n)}"`;
    const pages = {
      groupedView: await time(running.url, '/', cookie, matches(total)),
      filteredList: await time(running.url, `/?${filtered}`, cookie, matches(perGroup / 2)),
      lastPage: await time(running.url, '/?last=true', cookie, matches(total)),
      targetsOverview: await time(running.url, '/targets', cookie, 'table class="targets"'),
    };
    const api = {
      listPage: await time(running.url, '/api/dead-letters?limit=50', bearer, '"nextCursor"'),
      filteredListPage: await time(running.url, `/api/dead-letters?${filtered}`, bearer, '"items"'),
    };
    const result = {
      at: new Date().toISOString(),
      items: total,
      targets: targets.length,
      errorCodes: CODES.length,
      loadsPerPage: LOADS,
      warmUps: WARM_UPS,
      seedSeconds: Math.round(seedSeconds * 100) / 100,
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
      consolePages: pages,
      api,
    };
    const file =
      process.env['BENCH_RESULT_FILE'] ??
      join(
        resolve(__dirname, '../../../bench/results'),
        `dlq-console-${result.at.replace(/[:.]/g, '-')}.json`,
      );
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`dead letters: ${String(total)} (seeded in ${result.seedSeconds} s)`);
    for (const [name, timing] of Object.entries({ ...pages, ...api }))
      console.log(
        `${name.padEnd(18)} p50 ${String(timing.p50Ms).padStart(7)} ms  p95 ${String(timing.p95Ms).padStart(7)} ms  max ${String(timing.maxMs).padStart(7)} ms  ${timing.path}`,
      );
    console.log(`written to ${file}`);
  } finally {
    await running.stop();
    await seeded.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
