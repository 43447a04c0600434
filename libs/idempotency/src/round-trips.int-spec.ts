import type { DataSource, QueryRunner } from 'typeorm';
import { IdempotencyStore } from './idempotency-store';
import { ManualClock } from './testing/manual-clock';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { beginRequest, tenOClock } from './testing/requests';

interface Counted {
  readonly sent: string[];
  /** The next statement starting with this fails before it is sent. */
  failNext?: string;
}

/** Counts what the store sends to Postgres: every query of every runner it takes. */
function countQueries(dataSource: DataSource): Counted {
  const sent: string[] = [];
  const counted: Counted = { sent };
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args): QueryRunner => {
    const runner = create(...args);
    const query = runner.query.bind(runner);
    runner.query = (sql: string, ...rest: unknown[]) => {
      if (counted.failNext !== undefined && sql.trimStart().startsWith(counted.failNext)) {
        counted.failNext = undefined;
        return Promise.reject(new Error('connection lost (injected)'));
      }
      sent.push(sql);
      return (query as (sql: string, ...rest: unknown[]) => Promise<unknown>)(sql, ...rest);
    };
    return runner;
  };
  return counted;
}

describe('round trips of a batch of begins', () => {
  let db: MigratedSchema;
  let store: IdempotencyStore;
  let counted: Counted;

  beforeAll(async () => {
    db = await migratedSchema('idem-trips');
    const dataSource = await db.connect();
    counted = countQueries(dataSource);
    store = new IdempotencyStore(dataSource, { clock: new ManualClock(tenOClock) });
  });

  afterAll(() => db.close());

  beforeEach(() => counted.sent.splice(0));

  it('takes four: start and lock, read, lease and claim, commit', async () => {
    const batch = Array.from({ length: 8 }, () => beginRequest());

    const settled = await store.beginMany(batch);

    expect(settled.map((one) => (one.ok ? one.answer.kind : 'error'))).toEqual(
      batch.map(() => 'proceed'),
    );
    expect(counted.sent).toHaveLength(4);
    // The leases claimed their records: another write of any of them is busy.
    const again = await store.beginMany(
      batch.map((request) => ({ ...request, correlationId: `${request.correlationId}-2` })),
    );
    expect(again.map((one) => (one.ok ? one.answer.kind : 'error'))).toEqual(
      batch.map(() => 'record-busy'),
    );
  });

  it('locks records whose keys need quoting (the lock keys travel as literals)', async () => {
    const keys = [`WH1:O'Brien`, `WH1:back\\slash'`, `WH1:''; SELECT 1; --`, 'WH1:ünïcødé $1'];
    const batch = keys.map((entityKey) => beginRequest({ entityKey }));

    const settled = await store.beginMany(batch);
    const rival = await store.beginMany(
      batch.map((request) => ({ ...request, correlationId: `${request.correlationId}-2` })),
    );

    expect(settled.map((one) => (one.ok ? one.answer.kind : 'error'))).toEqual(
      keys.map(() => 'proceed'),
    );
    expect(rival.map((one) => (one.ok ? one.answer.kind : 'error'))).toEqual(
      keys.map(() => 'record-busy'),
    );
    const records = await Promise.all(
      batch.map((request) => store.record(request.target, request.correlationId)),
    );
    expect(records.map((record) => record?.entityKey)).toEqual(keys);
  });

  it('leaves no transaction open when a batch fails: the next batch on the pool proceeds', async () => {
    counted.failNext = 'SELECT k.ord';
    await expect(store.beginMany([beginRequest()])).rejects.toThrow('injected');

    const next = beginRequest();
    const [settled] = await store.beginMany([next]);

    expect(settled).toMatchObject({ ok: true, answer: { kind: 'proceed' } });
    expect(counted.sent.filter((sql) => sql === 'ROLLBACK')).toHaveLength(1);
  });
});
