import { inventoryLevel } from '@hub/connector-testing';
import {
  consumeOneBatch,
  jsonDeserializer,
  jsonEventMessage as message,
  type KafkaClient,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { createLogger } from '@hub/observability';
import { newestPerKey, type LedgerEntry, type OwnerLedger } from '@hub/reconciliation';
import { ownerEventOf, ownerStateFlow } from './owner-state';

/** A ledger that keeps each record call: one call is one SQL statement in OwnerLedger. */
function recordingLedger(failing = false) {
  const calls: { receiver: string; entries: readonly LedgerEntry[] }[] = [];
  const ledger: Pick<OwnerLedger, 'record' | 'entries'> = {
    record: (receiver, entries) => {
      if (failing) return Promise.reject(new Error('Postgres is down'));
      calls.push({ receiver, entries });
      return Promise.resolve(entries.length);
    },
    entries: () => Promise.resolve(new Map()),
  };
  return { ledger, calls };
}

const flowOn = (ledger: Pick<OwnerLedger, 'record' | 'entries'>) => (client: KafkaClient) =>
  ownerStateFlow({
    system: 'wms',
    ledger,
    client,
    serde: jsonDeserializer as SchemaRegistrySerde,
    topics: ['hub.inventory-level.v1'],
    groupId: 'connector-wms-owner-state',
    deadLetterTopic: 'hub.dead-letter.v1',
    logger: createLogger({ service: 'unit', level: 'silent' }),
  });

const level = (sku: string, asOf: number, sourceSystem = 'wms') =>
  inventoryLevel(sku, '5', { warehouse: 'WH1', asOf, sourceSystem });

const slice = [
  message(20, level('SKU-1', 1_000)),
  message(21, level('SKU-2', 1_000)),
  message(22, level('SKU-1', 3_000)),
  // Another system's event on the owner's topic: not the owner's current value.
  message(23, level('SKU-3', 1_000, 'odoo')),
  // Older than what offset 22 carried: a late event.
  message(24, level('SKU-1', 2_000)),
];

describe("connector-http's owner state flow", () => {
  it("records a fetched slice with one ledger call: the owner's events, newest per key kept", async () => {
    const { ledger, calls } = recordingLedger();
    const result = await consumeOneBatch(flowOn(ledger), {
      topic: 'hub.inventory-level.v1',
      messages: slice,
    });

    expect(calls).toHaveLength(1);
    expect(calls[0]?.receiver).toBe('wms');
    const entries = calls[0]?.entries ?? [];
    expect(entries.map((entry) => [entry.entityKey, entry.arrivalOrder])).toEqual([
      ['WH1:SKU-1', 20],
      ['WH1:SKU-2', 21],
      ['WH1:SKU-1', 22],
      ['WH1:SKU-1', 24],
    ]);
    const newest = newestPerKey(entries).map((entry) => [entry.entityKey, entry.sourceVersion]);
    expect(newest).toEqual([
      ['WH1:SKU-1', 3_000],
      ['WH1:SKU-2', 1_000],
    ]);
    // The ledger holds the payload in JSON form (what a change request is compared with).
    expect(entries[0]?.payload).toMatchObject({ sku: 'SKU-1', asOf: '1970-01-01T00:00:01.000Z' });
    expect(result).toEqual({ resolved: ['24'], committed: ['25'] });
  });

  it('gives up no offset of a slice it could not record (read again after a restart)', async () => {
    const { ledger } = recordingLedger(true);
    let attempts = 0;
    const result = await consumeOneBatch(flowOn(ledger), {
      topic: 'hub.inventory-level.v1',
      messages: slice,
      stopped: () => ++attempts > 1,
    });

    expect(result).toEqual({ resolved: [], committed: [] });
  });

  it('refuses a value that is not a canonical event (the runtime rule)', () => {
    expect(() => ownerEventOf({ entityType: 'customer' })).toThrow('Not a canonical event');
  });
});
