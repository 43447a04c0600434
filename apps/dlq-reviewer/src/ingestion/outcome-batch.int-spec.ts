/** Outcomes in slices against real Postgres: only items being retried move, once each. */
import { systemEventIdentity, type DeliveryOutcomeEvent } from '@hub/contracts';
import { deliveryOutcomeEvent } from '@hub/delivery-protocol';
import type { ConsumedMessage, RawHeaders } from '@hub/messaging';
import { createLogger } from '@hub/observability';
import { createTestSchema, testEndpoints, type TestSchema } from '@hub/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ingestDeadLetter } from '../store/dead-letter-ingest';
import { ItemStore } from '../store/item-store';
import { createReviewerDataSource } from '../store/reviewer-data-source';
import { outcomeBatchHandler, retryingItems } from './outcome-following';
import { itemFromRawMessage } from './to-new-item';

let schema: TestSchema;
let dataSource: DataSource;

beforeAll(async () => {
  schema = await createTestSchema('dlq_outcome_batch');
  dataSource = createReviewerDataSource(testEndpoints().databaseUrl, schema.schema);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
});

afterAll(async () => {
  if (dataSource.isInitialized) await dataSource.destroy();
  await schema.drop();
});

let offset = 0;
async function item(correlationId: string, status: 'open' | 'retrying'): Promise<string> {
  offset += 1;
  const raw = itemFromRawMessage(
    Buffer.from('value'),
    {},
    { topic: 'hub.dead-letter.v1', partition: 0, offset: String(offset), key: 'K', timestamp: '1' },
    { errorCode: 'HTTP_SERVER_ERROR', errorMessage: '503' },
    Date.now(),
  );
  const result = await ingestDeadLetter(
    dataSource,
    { ...raw, target: 'odoo', correlationId },
    Date.now(),
  );
  await dataSource.query(`UPDATE "dead_letter_items" SET "status" = $2 WHERE "id" = $1`, [
    result.id,
    status,
  ]);
  return result.id;
}

function outcome(
  correlationId: string,
  kind: 'succeeded' | 'no_change' | 'failed_transient',
): ConsumedMessage<DeliveryOutcomeEvent, RawHeaders> {
  offset += 1;
  const delivered = {
    eventId: randomUUID(),
    correlationId,
    entityType: 'inventory-level' as const,
    entityKey: 'K',
    sourceSystem: 'wms',
    sourceRecordId: 'K',
    sourceVersion: 1,
    publishedAt: Date.now(),
  };
  const failure =
    kind !== 'failed_transient'
      ? null
      : {
          code: 'HTTP_SERVER_ERROR',
          message: '503 again',
          errorClass: 'transient' as const,
          httpStatus: 503,
        };
  const value = deliveryOutcomeEvent(
    { delivered, target: 'odoo', outcome: kind, attempt: 2, failure, targetCalled: true },
    systemEventIdentity,
  );
  return {
    topic: 'hub.delivery-outcome.v1',
    partition: 0,
    offset: String(offset),
    key: 'K',
    headers: {},
    value,
    rawHeaders: {},
    timestamp: String(Date.now()),
  };
}

const itemState = async (id: string): Promise<{ status: string; attempts: number }> => {
  const rows: { status: string; attempts: unknown[] }[] = await dataSource.query(
    `SELECT "status", "attempts" FROM "dead_letter_items" WHERE "id" = $1`,
    [id],
  );
  return { status: rows[0]?.status ?? 'missing', attempts: rows[0]?.attempts.length ?? -1 };
};

describe('reviewer outcome intake in slices', () => {
  it('resolves or reopens only items being retried, and a slice handled again changes nothing more', async () => {
    const resolved = await item('c1-resolved', 'retrying');
    const reopened = await item('c1-reopened', 'retrying');
    const untouched = await item('c1-untouched', 'open');
    // A change request's redelivery that found nothing to ask: done, not a failure.
    const unchanged = await item('c1-unchanged', 'retrying');
    const items = [resolved, reopened, untouched, unchanged];
    const before = await Promise.all(items.map(itemState));
    let changes = 0;
    const handle = outcomeBatchHandler(
      new ItemStore(dataSource),
      retryingItems(dataSource),
      () => {
        changes += 1;
      },
      createLogger({ service: 'outcome-batch-test', level: 'silent' }),
      () => Date.now(),
    );
    const slice = [
      ...Array.from({ length: 50 }, () => outcome(`c1-${randomUUID()}`, 'succeeded')),
      outcome('c1-reopened', 'failed_transient'),
      outcome('c1-untouched', 'succeeded'),
      outcome('c1-resolved', 'succeeded'),
      outcome('c1-unchanged', 'no_change'),
    ];
    const signal = new AbortController().signal;
    await handle(slice, { signal });
    const after = await Promise.all(items.map(itemState));
    await handle(slice, { signal });
    const again = await Promise.all(items.map(itemState));

    expect(after.map((state) => state.status)).toEqual(['resolved', 'open', 'open', 'resolved']);
    expect(after[3]?.attempts).toBe(before[3]?.attempts);
    expect(after[1]?.attempts).toBe((before[1]?.attempts ?? 0) + 1);
    expect(after[2]).toEqual(before[2]);
    expect(again).toEqual(after);
    expect(changes).toBe(3);
  });
});
