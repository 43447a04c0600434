import {
  consumeOneBatch,
  jsonDeserializer,
  jsonEventMessage as message,
  type KafkaClient,
} from '@hub/messaging';
import { OwnerLedger } from '@hub/reconciliation';
import type { DataSource } from 'typeorm';
import { TARGET, inventoryEvent, silentLogger, unitPolicy } from '../testing/unit-fakes';
import { createLedgerFlow } from './ledger-flow';

/** The owner ledger on a stand-in DataSource: every SQL statement, and its recordset. */
function countingLedger(failing = false) {
  const statements: { sql: string; rows: { entity_key: string; source_version: number }[] }[] = [];
  const dataSource = {
    options: { type: 'postgres', schema: 'unit' },
    query: (sql: string, params: unknown[]) => {
      if (failing) return Promise.reject(new Error('Postgres is down'));
      statements.push({ sql, rows: JSON.parse(String(params[2])) as never });
      return Promise.resolve([]);
    },
  } as unknown as DataSource;
  return { ledger: new OwnerLedger(dataSource, { now: () => 0 }), statements };
}

function flowOn(ledger: OwnerLedger) {
  return (client: KafkaClient) =>
    createLedgerFlow({
      system: TARGET,
      client,
      serde: jsonDeserializer,
      topics: ['hub.inventory-level.v1'],
      deadLetterTopic: 'hub.dead-letter.v1',
      policy: unitPolicy(),
      ledger,
      logger: silentLogger,
    });
}

const slice = [
  message(10, inventoryEvent('SKU-1', 1_000)),
  message(11, inventoryEvent('SKU-2', 1_000)),
  message(12, inventoryEvent('SKU-1', 3_000)),
  // Older than what offset 12 carried: a redelivered or late event.
  message(13, inventoryEvent('SKU-1', 2_000)),
];

describe('the reconciliation ledger flow', () => {
  it('records a fetched slice with one statement, the newest event of each key', async () => {
    const { ledger, statements } = countingLedger();
    const result = await consumeOneBatch(flowOn(ledger), {
      topic: 'hub.inventory-level.v1',
      messages: slice,
    });

    expect(statements).toHaveLength(1);
    const recorded = statements[0]?.rows.map((row) => [row.entity_key, row.source_version]);
    expect(recorded?.sort()).toEqual([
      ['WH1:SKU-1', 3_000],
      ['WH1:SKU-2', 1_000],
    ]);
    expect(result.resolved).toEqual(['13']);
    expect(result.committed).toEqual(['14']);
  });

  it('gives up no offset of a slice it could not record (read again after a restart)', async () => {
    const { ledger } = countingLedger(true);
    let attempts = 0;
    const result = await consumeOneBatch(flowOn(ledger), {
      topic: 'hub.inventory-level.v1',
      messages: slice,
      stopped: () => ++attempts > 1,
    });

    expect(result.resolved).toEqual([]);
    expect(result.committed).toEqual([]);
  });
});
