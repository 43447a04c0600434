import { createMetrics, createRegistry } from '@hub/observability';
import { systemClock } from '@hub/resilience';
import { createTestSchema, uniqueName, type TestSchema } from '@hub/testing';
import type { DataSource } from 'typeorm';
import { connectorDataSource } from '../persistence/connector-data-sources';
import { PostgresTokenBucket } from '../persistence/shared-token-bucket';
import { silentLogger } from '../testing/unit-fakes';
import { TargetGate } from '../write/target-gate';

const RATE = 20;
const BURST = 5;
const WINDOW_MS = 3_000;
const WORKERS = 4;

/** A gate as the runtime builds it: its own DataSource (another replica), the target's shared row. */
function replicaGate(dataSource: DataSource, target: string): TargetGate {
  return new TargetGate({
    target,
    breaker: {},
    ratePerSecond: RATE,
    burst: BURST,
    shared: new PostgresTokenBucket(dataSource, target, { ratePerSecond: RATE, burst: BURST }),
    clock: systemClock,
    metrics: createMetrics(createRegistry()),
    logger: silentLogger,
  });
}

/** Calls the target through every gate as fast as they allow, from a few workers each, for the window. */
async function hammer(
  gates: readonly TargetGate[],
): Promise<{ calls: number[]; elapsedMs: number }> {
  const started = Date.now();
  const stop = new AbortController();
  const timer = setTimeout(() => {
    stop.abort();
  }, WINDOW_MS);
  // A function, so each check reads the signal afresh after an await.
  const stopped = (): boolean => stop.signal.aborted;
  const calls: number[] = gates.map(() => 0);
  const worker = async (gate: TargetGate, index: number): Promise<void> => {
    while (!stopped()) {
      try {
        await gate.call(
          'apply',
          () => Promise.resolve((calls[index] = (calls[index] ?? 0) + 1)),
          stop.signal,
        );
      } catch (error) {
        if (!stopped()) throw error;
      }
    }
  };
  try {
    await Promise.all(
      gates.flatMap((gate, index) => Array.from({ length: WORKERS }, () => worker(gate, index))),
    );
  } finally {
    clearTimeout(timer);
  }
  return { calls, elapsedMs: Date.now() - started };
}

describe('the rate limit shared by the replicas of one connector (real Postgres)', () => {
  let schema: TestSchema;
  let replicas: DataSource[];

  beforeAll(async () => {
    schema = await createTestSchema('ratelimit');
    replicas = [1, 2].map(() => connectorDataSource(schema.databaseUrl, schema.schema, 2));
    for (const dataSource of replicas) await dataSource.initialize();
    await replicas[0]?.runMigrations({ transaction: 'all' });
  });

  afterAll(async () => {
    for (const dataSource of replicas) await dataSource.destroy();
    await schema.drop();
  });

  it('holds for two replicas together, while one alone uses the whole rate', async () => {
    const [first, second] = replicas;
    if (first === undefined || second === undefined) throw new Error('no replicas');

    const shared = uniqueName('target');
    const together = await hammer([replicaGate(first, shared), replicaGate(second, shared)]);
    const total = together.calls.reduce((sum, count) => sum + count, 0);
    // Never more than the bucket grants since the first take: burst + rate × elapsed.
    expect(total).toBeLessThanOrEqual(BURST + (RATE * together.elapsedMs) / 1_000);
    // Each got some: neither starves the other.
    expect(Math.min(...together.calls)).toBeGreaterThan(0);

    const alone = await hammer([replicaGate(first, uniqueName('target'))]);
    const [calls = 0] = alone.calls;
    expect(calls).toBeLessThanOrEqual(BURST + (RATE * alone.elapsedMs) / 1_000);
    // The whole rate, not a replica's share of it (a generous floor for a loaded machine).
    expect(calls).toBeGreaterThanOrEqual(0.7 * RATE * (WINDOW_MS / 1_000));
  });
});
