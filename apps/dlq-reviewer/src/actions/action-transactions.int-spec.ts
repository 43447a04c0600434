/**
 * Operator actions against real Postgres: the item change, its audit row and the queued
 * redelivery commit together or not at all (issue #19). No relay runs here, so every
 * committed retry is still in the outbox to be counted.
 */
import { randomUUID } from 'node:crypto';
import { createMetrics, createRegistry } from '@hub/observability';
import { createTestSchema, testEndpoints, type TestSchema } from '@hub/testing';
import type { DataSource } from 'typeorm';
import { AuditStore } from '../store/audit-store';
import { ingestDeadLetter } from '../store/dead-letter-ingest';
import { ItemStore } from '../store/item-store';
import type { NewItem } from '../store/item-types';
import { createReviewerDataSource } from '../store/reviewer-data-source';
import { DeadLetterActions } from './dead-letter-actions';

const operator = { name: 'alice', id: 'jwt:https://issuer.test/#alice' };

let schema: TestSchema;
let dataSource: DataSource;
let items: ItemStore;
let actions: DeadLetterActions;

beforeAll(async () => {
  schema = await createTestSchema('dlq_tx');
  dataSource = createReviewerDataSource(testEndpoints().databaseUrl, schema.schema);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  items = new ItemStore(dataSource);
  actions = new DeadLetterActions({
    items,
    audit: new AuditStore(dataSource),
    transaction: (work) => dataSource.transaction(work),
    producerReady: () => true,
    onQueued: () => undefined,
    metrics: createMetrics(createRegistry()),
    now: Date.now,
    bulkRetryLimit: 50,
    onChange: () => undefined,
  });
});

afterAll(async () => {
  if (dataSource.isInitialized) await dataSource.destroy();
  await schema.drop();
});

afterEach(async () => {
  await dataSource.query(`DROP TRIGGER IF EXISTS "refuse_audit" ON "audit_log"`);
  await dataSource.query(`DROP FUNCTION IF EXISTS "refuse_audit"()`);
});

/** An open, retriable dead letter for `target`; its id. */
async function openItem(target: string): Promise<string> {
  const sku = `SKU-${randomUUID().slice(0, 8)}`;
  const item: NewItem = {
    dedupKey: randomUUID(),
    reason: 'permanent_failure',
    target,
    entityType: 'inventory-level',
    entityKey: `WH-EAST:${sku}`,
    correlationId: `c1-${randomUUID()}`,
    sourceSystem: 'wms',
    sourceVersion: 1,
    deadLetterEventId: randomUUID(),
    originalTopic: 'erp.inventory-level.v1',
    originalPartition: 0,
    originalOffset: 7,
    originalEventId: randomUUID(),
    originalValue: Buffer.from([0, 0, 0, 0, 1, 2, 3, 4]),
    originalHeaders: { 'hub-event-id': randomUUID(), 'x-origin': 'wms' },
    messageKey: `WH-EAST:${sku}`,
    dlqHeaders: {},
    attempts: [
      {
        attempt: 1,
        at: Date.now() - 60_000,
        errorClass: 'permanent',
        code: 'ERP_VALIDATION',
        message: 'unit of measure PCS is not known',
        httpStatus: 422,
        via: 'dead-letter',
      },
    ],
    errorClass: 'permanent',
    errorCode: 'ERP_VALIDATION',
    errorMessage: 'unit of measure PCS is not known',
    firstFailureAt: Date.now() - 60_000,
    lastFailureAt: Date.now() - 60_000,
    deadLetteredAt: Date.now() - 50_000,
  };
  return (await ingestDeadLetter(dataSource, item, Date.now())).id;
}

/** Makes every audit insert for these items fail (null: every insert). */
async function refuseAuditFor(itemIds: readonly string[] | null): Promise<void> {
  const condition =
    itemIds === null ? 'TRUE' : `NEW."item_id" = ANY('{${itemIds.join(',')}}'::bigint[])`;
  await dataSource.query(`
    CREATE FUNCTION "refuse_audit"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${condition} THEN RAISE EXCEPTION 'audit refused by the test'; END IF;
      RETURN NEW;
    END $$`);
  await dataSource.query(`
    CREATE TRIGGER "refuse_audit" BEFORE INSERT ON "audit_log"
    FOR EACH ROW EXECUTE FUNCTION "refuse_audit"()`);
}

async function statusOf(id: string): Promise<string | undefined> {
  return (await items.get(id))?.status;
}

async function countRows(table: 'audit_log' | 'redelivery_outbox', itemIds: readonly string[]) {
  const rows: { count: string }[] = await dataSource.query(
    `SELECT count(*) AS "count" FROM "${table}" WHERE "item_id" = ANY($1::bigint[])`,
    [itemIds],
  );
  return Number(rows[0]?.count);
}

const target = (): string => `t-${randomUUID().slice(0, 8)}`;

describe('an operator action is one transaction', () => {
  it('rolls back the item change and the queued redelivery when the audit insert fails', async () => {
    const id = await openItem(target());
    await refuseAuditFor(null);
    await expect(actions.retry(id, operator, 'try again')).rejects.toThrow(/audit refused/);
    expect(await statusOf(id)).toBe('open');
    expect(await countRows('redelivery_outbox', [id])).toBe(0);
    expect(await countRows('audit_log', [id])).toBe(0);
  });

  it('rolls back a resolve whose audit insert fails', async () => {
    const id = await openItem(target());
    await refuseAuditFor([id]);
    await expect(actions.finish(id, 'resolve', operator, 'fixed in the ERP')).rejects.toThrow(
      /audit refused/,
    );
    expect(await statusOf(id)).toBe('open');
  });

  it('writes nothing for the operator who loses a race for the same item', async () => {
    const id = await openItem(target());
    // The other operator's discard holds the row; ours waits on it, then finds it discarded.
    const other = dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    await other.query(`UPDATE "dead_letter_items" SET "status" = 'discarded' WHERE "id" = $1`, [
      id,
    ]);
    const ours = actions.retry(id, operator, null);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await other.commitTransaction();
    await other.release();
    await expect(ours).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: `Cannot retry dead letter ${id}: it is discarded.`,
    });
    expect(await statusOf(id)).toBe('discarded');
    expect(await countRows('audit_log', [id])).toBe(0);
    expect(await countRows('redelivery_outbox', [id])).toBe(0);
  });

  it('builds the redelivery from the item as locked, with an attempt merged while it waited', async () => {
    const id = await openItem(target());
    // A dead letter of the same write being merged: it holds the item and adds an attempt.
    const merge = dataSource.createQueryRunner();
    await merge.connect();
    await merge.startTransaction();
    await merge.query(
      `UPDATE "dead_letter_items" SET "attempts" = "attempts" || jsonb_build_array(jsonb_set("attempts" -> 0, '{attempt}', '2'))
       WHERE "id" = $1`,
      [id],
    );
    const ours = actions.retry(id, operator, null);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await merge.commitTransaction();
    await merge.release();
    expect((await ours).retryAttempt).toBe(3);
    const [row] = await dataSource.query<{ headers: Record<string, string> }[]>(
      `SELECT "headers" FROM "redelivery_outbox" WHERE "item_id" = $1`,
      [id],
    );
    expect(JSON.parse(row?.headers['hub-history'] ?? '[]')).toHaveLength(2);
  });

  it('commits a retry with exactly one audit row and one outbox row holding the redelivery', async () => {
    const id = await openItem(target());
    const item = await actions.retry(id, operator, 'unit fixed');
    expect(item.status).toBe('retrying');
    const [row] = await dataSource.query<
      {
        topic: string;
        message_key: Buffer;
        message_value: Buffer;
        headers: Record<string, string>;
        retry_id: string;
      }[]
    >(
      `SELECT "topic", "message_key", "message_value", "headers", "retry_id" FROM "redelivery_outbox" WHERE "item_id" = $1`,
      [id],
    );
    expect(row?.topic).toBe(`hub.retry.${String(item.target)}.v1`);
    expect(row?.message_key.toString()).toBe(item.entityKey);
    expect(row?.message_value).toEqual(item.originalValue);
    expect(row?.headers).toMatchObject({ 'x-origin': 'wms', 'hub-operator-retry': row?.retry_id });
    expect(await countRows('audit_log', [id])).toBe(1);
  });
});

describe('a bulk retry is one transaction', () => {
  it('moves N items with N audit rows, one summary and N outbox rows in item order', async () => {
    const group = target();
    const ids = [];
    for (let index = 0; index < 5; index += 1) ids.push(await openItem(group));
    const answer = await actions.bulkRetry({ target: group }, false, operator, 'ERP fixed');
    expect(answer).toMatchObject({ matched: 5, retried: 5, failed: [] });
    for (const id of ids) expect(await statusOf(id)).toBe('retrying');
    expect(await countRows('audit_log', ids)).toBe(5);
    const summaries: unknown[] = await dataSource.query(
      `SELECT 1 FROM "audit_log" WHERE "item_id" IS NULL AND "details" ->> 'filter' LIKE $1`,
      [`%${group}%`],
    );
    expect(summaries).toHaveLength(1);
    const queued: { item_id: string }[] = await dataSource.query(
      `SELECT "item_id" FROM "redelivery_outbox" WHERE "item_id" = ANY($1::bigint[]) ORDER BY "id"`,
      [ids],
    );
    // Newest first, as the list shows them and the bulk retry takes them.
    expect(queued.map((row) => row.item_id)).toEqual([...ids].reverse());
  });

  it('commits none of the N when one audit insert fails', async () => {
    const group = target();
    const ids = [];
    for (let index = 0; index < 4; index += 1) ids.push(await openItem(group));
    // The third the bulk retry takes (newest first) cannot be audited.
    await refuseAuditFor([ids[1] ?? '']);
    await expect(actions.bulkRetry({ target: group }, false, operator, null)).rejects.toThrow(
      /audit refused/,
    );
    for (const id of ids) expect(await statusOf(id)).toBe('open');
    expect(await countRows('redelivery_outbox', ids)).toBe(0);
    expect(await countRows('audit_log', ids)).toBe(0);
  });
});
