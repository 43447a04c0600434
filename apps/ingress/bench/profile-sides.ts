/**
 * Where a request's time goes: V8 CPU profiles of the benchmark's two sides, each driven
 * alone (same settings as the benchmark's rounds: autocannon in this process, 50
 * connections), written as .cpuprofile files (open them in Chrome DevTools, or summarize
 * them with profile-summary.ts), plus the process CPU time per accepted request of each.
 * Not a test: run it and read the numbers.
 *
 *   npx tsx apps/ingress/bench/profile-sides.ts [--duration 5] [--connections 50] [--out /tmp/ingress-profile]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchSides } from './bench-sides';
import { driveLoad, type LoadSettings } from './drive-load';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    out: { type: 'string', default: '/tmp/ingress-profile' },
  },
});
const settings: LoadSettings = {
  connections: Number(args.connections),
  durationSeconds: Number(args.duration),
};
/** Sampling every 100 µs: a request costs a few hundred, so every step gets samples. */
const SAMPLING_INTERVAL_MICROS = 100;

async function main(): Promise<void> {
  const bench = await startBenchSides({
    runId: randomBytes(4).toString('hex'),
    poolSize: 200_000,
    partitions: 3,
  });
  const session = new Session();
  session.connect();
  mkdirSync(args.out, { recursive: true });
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_MICROS });
    const sides = [
      { name: 'ingress', ...bench.ingress, cursor: { next: 0 } },
      { name: 'bare', ...bench.bare, cursor: { next: 0 } },
    ];
    for (const side of sides)
      await driveLoad(side.url, side.path, bench.pool, side.cursor, {
        ...settings,
        durationSeconds: 2,
      });
    for (const side of sides) {
      await session.post('Profiler.start');
      const result = await driveLoad(side.url, side.path, bench.pool, side.cursor, settings);
      const { profile } = await session.post('Profiler.stop');
      const file = join(args.out, `${side.name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      process.stdout.write(
        `${side.name}: ${String(result.accepted)} accepted (${result.acceptedPerSecond.toFixed(0)}/s), not 202 ${String(result.nonAccepted)}, process CPU ${(result.cpuMicros / 1e6).toFixed(2)} s = ${(result.cpuMicros / Math.max(1, result.accepted)).toFixed(1)} µs per accepted request (profiler on); ${file}\n`,
      );
    }
  } finally {
    session.disconnect();
    await bench.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
