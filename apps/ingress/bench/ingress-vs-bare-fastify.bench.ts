/**
 * Accepted req/s and p50/p99 latency of `POST /webhooks/wms/:systemId` (signature, schema,
 * ownership, Avro, produce with acks=all, 202 after the ack) next to a bare Fastify route
 * that only produces a message of the same size to Kafka with the hub's producer. Same
 * connections and total duration on both sides, in alternating rounds after a warm-up.
 * Then the ingress alone at half its measured peak, autocannon at a fixed rate in another
 * process (half-peak.ts: p99 to the 202), and under open-loop load at several offered rates
 * (open-loop.ts).
 * Not a test: run it and read the numbers (also written as JSON to BENCH_RESULT_FILE when
 * set, else to bench/results/).
 *
 *   npx tsx apps/ingress/bench/ingress-vs-bare-fastify.bench.ts [--duration 10] [--rounds 5] [--connections 50] [--warmup 2] [--pool 100000] [--open-rates 1000,2000,4000,6000] [--open-duration 5] [--half-peak-duration 10]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchSides } from './bench-sides';
import { driveLoad, type LoadResult, type LoadSettings, type PoolCursor } from './drive-load';
import { halfPeakRun, type HalfPeakResult } from './half-peak';
import { openLoopRates } from './open-loop';
import type { OpenLoopResult } from './open-loop-driver';
import { summarize, type SideSummary } from './side-summary';
import type { SignedRequest } from './signed-pool';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    pool: { type: 'string', default: '100000' },
    partitions: { type: 'string', default: '3' },
    'open-rates': { type: 'string', default: '1000,2000,4000,6000' },
    'open-duration': { type: 'string', default: '5' },
    'half-peak-duration': { type: 'string', default: '10' },
  },
});
const rounds = Number(args.rounds);
const round: LoadSettings = {
  connections: Number(args.connections),
  durationSeconds: Number(args.duration) / rounds,
};
const warmup: LoadSettings = {
  connections: round.connections,
  durationSeconds: Number(args.warmup),
};
const runId = randomBytes(4).toString('hex');

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

interface Side {
  readonly name: string;
  readonly url: string;
  readonly path: string;
  readonly cursor: PoolCursor;
  readonly results: LoadResult[];
}

/** Warm both up, then alternate (ABBA…) so neither side gets the quieter minutes. */
async function alternate(
  pool: readonly SignedRequest[],
  sides: readonly [Side, Side],
): Promise<void> {
  for (const side of sides) await driveLoad(side.url, side.path, pool, side.cursor, warmup);
  for (let n = 0; n < rounds; n += 1) {
    const order = n % 2 === 0 ? sides : ([sides[1], sides[0]] as const);
    for (const side of order)
      side.results.push(await driveLoad(side.url, side.path, pool, side.cursor, round));
  }
}

async function main(): Promise<void> {
  const bench = await startBenchSides({
    runId,
    poolSize: Number(args.pool),
    partitions: Number(args.partitions),
  });
  let openLoop: OpenLoopResult[];
  let halfPeak: HalfPeakResult;
  const sides = [
    { name: 'ingress', ...bench.ingress, cursor: { next: 0 }, results: [] },
    { name: 'bare', ...bench.bare, cursor: { next: 0 }, results: [] },
  ] as const satisfies readonly [Side, Side];
  try {
    await alternate(bench.pool, sides);
    halfPeak = await halfPeakRun({
      url: bench.ingress.url,
      path: bench.ingress.path,
      secret: bench.secret,
      runId: `${runId}-half`,
      ratePerSecond: Math.max(1, Math.round(summarize(sides[0].results).acceptedPerSecond / 2)),
      durationSeconds: Number(args['half-peak-duration']),
      connections: round.connections,
    });
    openLoop = await openLoopRates(
      {
        url: bench.ingress.url,
        path: bench.ingress.path,
        secret: bench.secret,
        runId: `${runId}-open`,
        durationSeconds: Number(args['open-duration']),
      },
      args['open-rates'].split(',').map(Number),
    );
  } finally {
    await bench.close();
  }
  report(summarize(sides[0].results), summarize(sides[1].results), bench.valueBytes, {
    openLoop,
    halfPeak,
  });
}

function report(
  ingress: SideSummary,
  bare: SideSummary,
  valueBytes: number,
  { openLoop, halfPeak }: { openLoop: readonly OpenLoopResult[]; halfPeak: HalfPeakResult },
): void {
  const ratio = {
    acceptedPerSecond: ingress.acceptedPerSecond / bare.acceptedPerSecond,
    p50: ingress.p50Ms / bare.p50Ms,
    p99: ingress.p99Ms / bare.p99Ms,
    cpuPerAccepted: ingress.cpuMicrosPerAccepted / bare.cpuMicrosPerAccepted,
  };
  const columns = (cells: readonly (string | number)[]): string =>
    cells
      .map((cell, n) => (n === 0 ? String(cell).padEnd(22) : String(cell).padStart(10)))
      .join(' ');
  const line = (name: string, side: SideSummary): string =>
    columns([
      name,
      side.acceptedPerSecond.toFixed(0),
      side.p50Ms,
      side.p99Ms,
      side.accepted,
      side.notAccepted,
    ]);
  print(
    `POST, ${String(valueBytes)} B Avro value per message, acks=all; ${String(round.connections)} connections; ${String(rounds)} alternating rounds of ${String(round.durationSeconds)} s per side (${String(Number(args.duration))} s each) after a ${String(warmup.durationSeconds)} s warm-up`,
  );
  print(columns(['side', 'accepted/s', 'p50 ms', 'p99 ms', 'accepted', 'not 202']));
  print(line('ingress /webhooks/wms', ingress));
  print(line('bare fastify produce', bare));
  print(
    `ratio ingress/bare: accepted/s ${ratio.acceptedPerSecond.toFixed(2)}, p50 ${ratio.p50.toFixed(2)}, p99 ${ratio.p99.toFixed(2)} (p50/p99: median of the rounds)`,
  );
  const perRound = (side: SideSummary): string =>
    side.rounds.map((r) => r.acceptedPerSecond.toFixed(0)).join(' / ');
  print(`accepted/s per round: ingress ${perRound(ingress)}; bare ${perRound(bare)}`);
  // CPU time per request moves less with the machine's load than a rate does.
  print(
    `process CPU per accepted request (server + autocannon): ingress ${ingress.cpuMicrosPerAccepted.toFixed(0)} µs, bare ${bare.cpuMicrosPerAccepted.toFixed(0)} µs, ratio ${ratio.cpuPerAccepted.toFixed(2)} (bare/ingress ${(1 / ratio.cpuPerAccepted).toFixed(2)})`,
  );
  // The bare route neither verifies nor deduplicates, so only the ingress needs all-distinct deliveries.
  if (ingress.poolWrapped)
    print('note: the ingress saw repeated deliveries (pool wrapped); raise --pool');
  print(
    `ingress at half its peak, autocannon overallRate ${String(halfPeak.offeredPerSecond)}/s: accepted ${halfPeak.acceptedPerSecond.toFixed(0)}/s, p50 ${String(halfPeak.p50Ms)} ms, p99 ${String(halfPeak.p99Ms)} ms, max ${String(halfPeak.maxMs)} ms, not 202 ${String(halfPeak.notAccepted)}`,
  );
  print(
    `ingress open loop (${String(Number(args['open-duration']))} s per rate, latency from the scheduled send to the 202):`,
  );
  print(columns(['offered/s', 'accepted/s', 'p50 ms', 'p99 ms', 'max ms', 'not 202']));
  for (const run of openLoop)
    print(
      columns([
        run.offeredPerSecond,
        run.acceptedPerSecond.toFixed(0),
        run.p50Ms.toFixed(1),
        run.p99Ms.toFixed(1),
        run.maxMs.toFixed(0),
        run.notAccepted + run.errors,
      ]),
    );
  const file = process.env['BENCH_RESULT_FILE'] ?? defaultResultFile();
  const json = {
    benchmark: 'ingress-vs-bare-fastify',
    at: new Date().toISOString(),
    settings: {
      connections: round.connections,
      rounds,
      roundSeconds: round.durationSeconds,
      warmupSeconds: warmup.durationSeconds,
      valueBytes,
      pool: Number(args.pool),
    },
    ingress,
    bare,
    ratio,
    halfPeak,
    openLoop,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  print(`written ${file}`);
}

function defaultResultFile(): string {
  const results = resolve(__dirname, '../../../bench/results');
  mkdirSync(results, { recursive: true });
  return join(
    results,
    `ingress-vs-bare-fastify-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
