import { redeliveryTopic, retryTopic } from '@hub/contracts';
import {
  operatorRetryHeader,
  operatorRetryMessage,
  readOperatorRetry,
  readRetryContext,
  recordFailure,
  redeliveryMessage,
  retryMessage,
} from './index';

const original = {
  'hub-event-id': 'e-1',
  'hub-correlation-id': 'c1-0123456789abcdef0123456789abcdef',
  'hub-source-system': 'wms',
  'hub-entity-type': 'inventory-level',
  'hub-entity-key': 'WH-1:SKU-1',
  'hub-source-version': '1000',
  'hub-origin-offset': 'hub.odoo.v1/2/41',
  'x-custom': 'kept',
};
const value = Buffer.from([0, 0, 0, 0, 7, 1]);
const context = recordFailure(undefined, 'odoo', {
  failure: { code: 'X', errorClass: 'transient', message: 'down', httpStatus: null },
  at: 1_000,
});

describe('operator retry', () => {
  it('goes onto the retry topic with the same bytes, every original header and its id', () => {
    const message = operatorRetryMessage(
      { key: 'k', value, rawHeaders: original },
      context,
      'retry-7',
    );
    const headers = message.headers as Record<string, string>;
    expect(message.topic).toBe(retryTopic('odoo'));
    expect(message.value).toBe(value);
    expect(headers).toMatchObject(original);
    expect(readOperatorRetry(headers)).toBe('retry-7');
    expect(readRetryContext(headers)).toEqual(context);
  });

  it('is dropped on the way out, so the redelivery and its next failure are plain retries', () => {
    const operator = operatorRetryMessage(
      { key: 'k', value, rawHeaders: original },
      context,
      'retry-7',
    ).headers as Record<string, string>;
    const redelivered = redeliveryMessage({ key: 'k', value, rawHeaders: operator }, context);
    const again = retryMessage({ key: 'k', value, rawHeaders: operator }, context);
    expect(redelivered.topic).toBe(redeliveryTopic('odoo'));
    for (const headers of [redelivered.headers, again.headers] as Record<string, string>[]) {
      expect(headers[operatorRetryHeader]).toBeUndefined();
      expect(headers).toMatchObject(original);
    }
  });

  it('is absent on an automatic retry and refused when empty', () => {
    expect(readOperatorRetry(original)).toBeUndefined();
    expect(() => readOperatorRetry({ [operatorRetryHeader]: ' ' })).toThrow(/hub-operator-retry/);
  });
});
