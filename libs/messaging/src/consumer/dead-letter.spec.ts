import { MessagingError } from '../errors/messaging-error';
import type { RawMessage } from './consumed-message';
import { deadLetterMessage } from './dead-letter';

const raw: RawMessage = {
  topic: 'erp.inventory-level.v1',
  partition: 2,
  offset: '41',
  key: Buffer.from('WH1:SKU-42'),
  value: Buffer.from([1, 2, 3]),
  headers: { 'hub-correlation-id': 'c-1', 'x-custom': 'kept' },
  timestamp: '1718000000000',
};

describe('deadLetterMessage', () => {
  it('keeps the raw key, value and headers and says where the message came from and why', () => {
    const error = new MessagingError(
      'NOT_CONFLUENT_PAYLOAD',
      'Value starts with byte 1, not the Confluent magic byte 0',
      false,
    );
    const dead = deadLetterMessage(raw, error, {
      topic: 'hub.dead-letter.v1',
      groupId: 'connector-odoo',
      now: 1718000001234,
    });
    expect(dead).toEqual({
      topic: 'hub.dead-letter.v1',
      key: raw.key,
      value: raw.value,
      headers: {
        'hub-correlation-id': 'c-1',
        'x-custom': 'kept',
        'hub-dlq-reason': 'undecodable',
        'hub-dlq-original-topic': 'erp.inventory-level.v1',
        'hub-dlq-original-partition': '2',
        'hub-dlq-original-offset': '41',
        'hub-dlq-original-timestamp': '1718000000000',
        'hub-dlq-consumer-group': 'connector-odoo',
        'hub-dlq-error-code': 'NOT_CONFLUENT_PAYLOAD',
        'hub-dlq-error-message': 'Value starts with byte 1, not the Confluent magic byte 0',
        'hub-dlq-dead-lettered-at': '1718000001234',
      },
    });
  });

  it('codes an error without a code as UNDECODABLE and bounds a huge message', () => {
    const dead = deadLetterMessage(raw, new Error('x'.repeat(10_000)), {
      topic: 'dlq',
      groupId: 'g',
      now: 0,
    });
    expect(dead.headers?.['hub-dlq-error-code']).toBe('UNDECODABLE');
    expect(dead.headers?.['hub-dlq-error-message']).toHaveLength(2_000);
  });
});
