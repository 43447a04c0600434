import type { DataSource } from 'typeorm';
import { IdempotencyStore } from './idempotency-store';
import { ManualClock } from './testing/manual-clock';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { beginRequest, tenOClock } from './testing/requests';
import type { BeginAnswer, BeginRequest } from './write-types';

const racers = 10;
const rounds = 20;

describe('workers racing on one correlation id', () => {
  let db: MigratedSchema;
  let connections: DataSource[];

  beforeAll(async () => {
    db = await migratedSchema('idem-race');
    connections = await Promise.all(Array.from({ length: racers }, () => db.connect()));
    // Open every pool's connection first, so the races below are between live sessions.
    await Promise.all(connections.map((connection) => connection.query('SELECT 1')));
  });

  afterAll(() => db.close());

  /** Every racer, on its own DataSource with its own owner name, calls begin() at once. */
  function race(request: BeginRequest, now: number): Promise<BeginAnswer[]> {
    return Promise.all(
      connections.map((connection, index) =>
        new IdempotencyStore(connection, { clock: new ManualClock(now) }).begin({
          ...request,
          leaseOwner: `racer-${index}`,
        }),
      ),
    );
  }

  function winnersOf(answers: BeginAnswer[]): number[] {
    return answers.flatMap((answer, index) => (answer.kind === 'proceed' ? [index] : []));
  }

  it('lets exactly one of ten concurrent first begins proceed, every round', async () => {
    for (let round = 0; round < rounds; round += 1) {
      const request = beginRequest();
      const answers = await race(request, tenOClock);
      const winners = winnersOf(answers);

      expect(winners).toHaveLength(1);
      expect(answers.filter((answer) => answer.kind === 'in-flight-elsewhere')).toEqual(
        Array.from({ length: racers - 1 }, () => ({
          kind: 'in-flight-elsewhere',
          leaseOwner: `racer-${winners[0]}`,
          leaseExpiresAt: tenOClock + request.leaseMs,
        })),
      );
    }
  });

  it('lets exactly one of ten concurrent takeovers of an expired lease proceed', async () => {
    const setup = new IdempotencyStore(db.dataSource, { clock: new ManualClock(tenOClock) });
    for (let round = 0; round < rounds; round += 1) {
      const request = beginRequest({ leaseMs: 1_000 });
      await setup.begin({ ...request, leaseOwner: 'crashed-worker' });

      const answers = await race(request, tenOClock + 1_000);

      expect(winnersOf(answers)).toHaveLength(1);
      expect(answers.find((answer) => answer.kind === 'proceed')).toMatchObject({ attempt: 2 });
    }
  });

  it('lets exactly one of ten concurrent retries of a released write proceed', async () => {
    const setup = new IdempotencyStore(db.dataSource, { clock: new ManualClock(tenOClock) });
    for (let round = 0; round < rounds; round += 1) {
      const request = beginRequest();
      await setup.begin({ ...request, leaseOwner: 'first-worker' });
      await setup.release(request.target, request.correlationId, 'first-worker');

      const answers = await race(request, tenOClock + 1);

      expect(winnersOf(answers)).toHaveLength(1);
    }
  });

  it('counts one attempt per granted lease, however many lost the race', async () => {
    const request = beginRequest();
    await race(request, tenOClock);

    const stored = await new IdempotencyStore(db.dataSource).record(
      request.target,
      request.correlationId,
    );

    expect(stored?.attempts).toBe(1);
  });
});
