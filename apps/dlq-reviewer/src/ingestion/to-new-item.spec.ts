import { deadLetterHeaderNames } from '@hub/messaging';
import { itemFromRawMessage } from './to-new-item';

describe('itemFromRawMessage', () => {
  const position = {
    topic: 'hub.dead-letter.v1',
    partition: 2,
    offset: '41',
    key: 'WH-1:SKU-9',
    timestamp: '1700000000500',
  };

  it('keeps the bytes, splits the runner headers from the original ones, keys by DLQ position', () => {
    const item = itemFromRawMessage(
      Buffer.from('garbage'),
      {
        'hub-correlation-id': 'c1-x',
        'hub-entity-type': 'inventory-level',
        [deadLetterHeaderNames.reason]: 'undecodable',
        [deadLetterHeaderNames.originalTopic]: 'erp.inventory-level.v1',
        [deadLetterHeaderNames.originalOffset]: '7',
        [deadLetterHeaderNames.errorCode]: 'UNKNOWN_SCHEMA_ID',
        [deadLetterHeaderNames.errorMessage]: 'schema 99 unknown',
        [deadLetterHeaderNames.deadLetteredAt]: '1700000000000',
      },
      position,
      { errorCode: 'UNDECODABLE', errorMessage: 'dead-lettered undecoded' },
      1,
    );
    expect(item).toMatchObject({
      dedupKey: 'raw:hub.dead-letter.v1/2/41',
      reason: 'undecodable',
      target: null,
      entityType: 'inventory-level',
      entityKey: 'WH-1:SKU-9',
      correlationId: 'c1-x',
      originalTopic: 'erp.inventory-level.v1',
      originalOffset: 7,
      originalHeaders: { 'hub-correlation-id': 'c1-x', 'hub-entity-type': 'inventory-level' },
      errorCode: 'UNKNOWN_SCHEMA_ID',
      errorMessage: 'schema 99 unknown',
      deadLetteredAt: 1_700_000_000_000,
    });
    expect(item.originalValue?.toString()).toBe('garbage');
  });

  it('falls back to the decode failure and the message time without runner headers', () => {
    const item = itemFromRawMessage(
      null,
      {},
      position,
      { errorCode: 'NOT_CONFLUENT_PAYLOAD', errorMessage: 'bad magic' },
      1,
    );
    expect([item.errorCode, item.errorMessage, item.deadLetteredAt]).toEqual([
      'NOT_CONFLUENT_PAYLOAD',
      'bad magic',
      1_700_000_000_500,
    ]);
  });
});
