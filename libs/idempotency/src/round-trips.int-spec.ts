import type { DataSource, QueryRunner } from 'typeorm';
import { IdempotencyStore } from './idempotency-store';
import { ManualClock } from './testing/manual-clock';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { beginRequest, tenOClock } from './testing/requests';
import { tablesOf } from './store/tables';

interface Counted {
  /** Every query but a connection's set-up for prepared statements (sent once per connection). */
  readonly sent: string[];
  readonly setup: string[];
  /** The next statement starting with this fails before it is sent. */
  failNext?: string;
}

/** A query's text, or a prepared statement's config (runPrepared). */
type Query = (sql: string | { text: string }, ...rest: unknown[]) => Promise<unknown>;

/**
 * Counts what the store sends to Postgres: every query of every runner it takes, counted on
 * the node-postgres client (where TypeORM's query() and a multi-statement query both go).
 */
function countQueries(dataSource: DataSource): Counted {
  const sent: string[] = [];
  const setup: string[] = [];
  const counted: Counted = { sent, setup };
  const counting = new WeakMap<object, object>();
  const countingClient = (client: { query: Query }): object => {
    const known = counting.get(client);
    if (known !== undefined) return known;
    const query: Query = (sql, ...rest) => {
      const text = typeof sql === 'string' ? sql : sql.text;
      if (counted.failNext !== undefined && text.trimStart().startsWith(counted.failNext)) {
        counted.failNext = undefined;
        return Promise.reject(new Error('connection lost (injected)'));
      }
      (/^(PREPARE|SET plan_cache_mode) /.test(text) ? setup : sent).push(text);
      return client.query(sql, ...rest);
    };
    const proxy = new Proxy(client, {
      get: (target, property, receiver): unknown =>
        property === 'query' ? query : (Reflect.get(target, property, receiver) as unknown),
    });
    counting.set(client, proxy);
    return proxy;
  };
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args): QueryRunner => {
    const runner = create(...args);
    const connect = runner.connect.bind(runner) as () => Promise<{ query: Query }>;
    runner.connect = async () => countingClient(await connect());
    return runner;
  };
  return counted;
}

describe('round trips of a batch of begins', () => {
  let db: MigratedSchema;
  let store: IdempotencyStore;
  let counted: Counted;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await migratedSchema('idem-trips');
    dataSource = await db.connect();
    counted = countQueries(dataSource);
    store = new IdempotencyStore(dataSource, { clock: new ManualClock(tenOClock) });
  });

  afterAll(() => db.close());

  beforeEach(() => counted.sent.splice(0));

  it('takes one for fresh requests: start, lock, read with lease and claim, commit', async () => {
    const batch = Array.from({ length: 8 }, () => beginRequest());

    const settled = await store.beginMany(batch);

    expect(settled.map((one) => (one.ok ? one.answer.kind : 'error'))).toEqual(
      batch.map(() => 'proceed'),
    );
    expect(counted.sent).toHaveLength(1);
    expect(counted.sent[0]).toMatch(
      /^START TRANSACTION;\s*SELECT pg_advisory_xact_lock.*;\s*EXECUTE hub_\w+\(.*\);\s*COMMIT$/s,
    );
    // The leases claimed their records: another write of any of them is busy.
    counted.sent.splice(0);
    const again = await store.beginMany(
      batch.map((request) => ({ ...request, correlationId: `${request.correlationId}-2` })),
    );
    expect(again.map((one) => (one.ok ? one.answer.kind : 'error'))).toEqual(
      batch.map(() => 'record-busy'),
    );
    expect(counted.sent).toHaveLength(1);
  });

  it('takes one when no request may lease: the answers come from the same read', async () => {
    const batch = Array.from({ length: 3 }, () => beginRequest());
    await store.beginMany(batch);
    await Promise.all(
      batch.map((request) =>
        store.complete(request.target, request.correlationId, request.leaseOwner, {}),
      ),
    );
    counted.sent.splice(0);

    const again = await store.beginMany(batch);

    expect(again.map((one) => (one.ok ? one.answer.kind : 'error'))).toEqual(
      batch.map(() => 'already-done'),
    );
    expect(counted.sent).toHaveLength(1);
    expect(counted.sent[0]).toMatch(/;\s*COMMIT$/);
  });

  it('takes one for the next event of a record written before (the steady case)', async () => {
    const first = beginRequest({ sourceVersion: 1 });
    await store.beginMany([first]);
    await store.complete(first.target, first.correlationId, first.leaseOwner, {});
    counted.sent.splice(0);

    const [settled] = await store.beginMany([
      { ...beginRequest(), entityKey: first.entityKey, sourceVersion: 2 },
    ]);

    expect(settled).toMatchObject({ ok: true, answer: { kind: 'proceed', attempt: 1 } });
    expect(counted.sent).toHaveLength(1);
  });

  it('takes one more round of two for a write to take over: lease, claim and commit after the read', async () => {
    const released = beginRequest();
    const fresh = beginRequest();
    await store.beginMany([released]);
    await store.release(released.target, released.correlationId, released.leaseOwner, {});
    counted.sent.splice(0);

    const settled = await store.beginMany([released, fresh]);

    expect(settled).toMatchObject([
      { ok: true, answer: { kind: 'proceed', attempt: 2 } },
      { ok: true, answer: { kind: 'proceed', attempt: 1 } },
    ]);
    expect(counted.sent).toHaveLength(3);
    expect(counted.sent[1]).toMatch(
      /^START TRANSACTION;\s*SELECT pg_advisory_xact_lock.*;\s*SELECT k\.ord/s,
    );
    expect(counted.sent[2]).toMatch(/^WITH input AS .*;\s*COMMIT$/s);
  });

  it('reads after taking the locks: what the last lock holder committed decides the answer', async () => {
    const request = beginRequest();
    const tables = tablesOf(dataSource);
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query('START TRANSACTION');
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        JSON.stringify([tables.recordClaim, request.target, request.entityType, request.entityKey]),
      ]);
      const begun = store.beginMany([request]);
      // The batch waits on the lock; meanwhile the holder claims the record for another write.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await holder.query(
        `INSERT INTO ${tables.recordClaim} ("target", "entity_type", "entity_key", "correlation_id",
           "source_version", "arrival_order", "lease_owner", "lease_expires_at", "in_doubt_since")
         VALUES ($1, $2, $3, 'rival', $4, 0, 'worker-b', $5, NULL)`,
        [
          request.target,
          request.entityType,
          request.entityKey,
          request.sourceVersion,
          new Date(tenOClock + 60_000),
        ],
      );
      await holder.query('COMMIT');

      const [settled] = await begun;

      expect(settled).toMatchObject({
        ok: true,
        answer: { kind: 'record-busy', correlationId: 'rival' },
      });
    } finally {
      await holder.release();
    }
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
    counted.failNext = 'START TRANSACTION';
    await expect(store.beginMany([beginRequest()])).rejects.toThrow('injected');
    const released = beginRequest();
    await store.beginMany([released]);
    await store.release(released.target, released.correlationId, released.leaseOwner, {});
    counted.failNext = 'WITH input AS';
    await expect(store.beginMany([released])).rejects.toThrow('injected');

    const next = beginRequest();
    const [settled] = await store.beginMany([next, { ...released, leaseOwner: 'worker-b' }]);

    expect(settled).toMatchObject({ ok: true, answer: { kind: 'proceed' } });
    expect(counted.sent.filter((sql) => sql === 'ROLLBACK')).toHaveLength(2);
  });
});

describe('prepared statements', () => {
  let db: MigratedSchema;

  beforeAll(async () => {
    db = await migratedSchema('idem-prepared');
  });

  afterAll(() => db.close());

  it('the complete is parsed once per connection and run again from there', async () => {
    const dataSource = await db.connect();
    const store = new IdempotencyStore(dataSource, { clock: new ManualClock(tenOClock) });
    const requests = Array.from({ length: 4 }, () => beginRequest());
    // One after the other, so the pool hands the same idle connection back each time.
    for (const request of requests) {
      await store.begin(request);
      await store.complete(request.target, request.correlationId, request.leaseOwner, {});
    }

    const prepared: { statement: string; runs: number }[] = await dataSource.query(
      `SELECT statement, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements
        WHERE statement LIKE 'WITH input AS%'`,
    );

    expect(prepared).toHaveLength(1);
    expect(prepared[0]?.statement).toMatch(/^WITH input AS .*UPDATE .*write_record/s);
    expect(prepared[0]?.runs).toBe(4);
    // Planned for each run's values: a generic plan made while the tables were small would stay.
    expect(await dataSource.query('SHOW plan_cache_mode')).toEqual([
      { plan_cache_mode: 'force_custom_plan' },
    ]);
  });

  it('prepares the read of a fresh batch once per connection, and executes it from then on', async () => {
    const dataSource = await db.connect();
    const counted = countQueries(dataSource);
    const store = new IdempotencyStore(dataSource, { clock: new ManualClock(tenOClock) });
    // One after the other, so the pool hands the same idle connection back each time.
    for (let batch = 0; batch < 4; batch += 1)
      await store.beginMany(Array.from({ length: 1 + batch }, () => beginRequest()));

    // One round trip: the connection is set to plan each run, and the read is prepared.
    expect(counted.setup).toHaveLength(1);
    expect(counted.setup[0]).toMatch(
      /^SET plan_cache_mode = force_custom_plan;\s*PREPARE hub_\w+\(text, text\[\].*\) AS WITH states AS /s,
    );
    expect(counted.sent).toHaveLength(4);
    const prepared: { runs: number }[] = await dataSource.query(
      `SELECT (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements
        WHERE from_sql`,
    );
    expect(prepared).toEqual([{ runs: 4 }]);
  });
});
