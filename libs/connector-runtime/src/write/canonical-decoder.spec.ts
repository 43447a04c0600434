import type { RawMessage } from '@hub/messaging';
import { inventoryEvent } from '../testing/unit-fakes';
import { canonicalEventDecoder, parseCanonicalEvent } from './canonical-decoder';

const raw: RawMessage = {
  topic: 't',
  partition: 0,
  offset: '0',
  key: null,
  value: null,
  headers: {},
  timestamp: '0',
};
const hubHeaders = {
  'hub-correlation-id': 'c1-x',
  'hub-source-system': 'wms',
  'hub-entity-type': 'inventory-level',
  'hub-source-version': '1000',
  'hub-event-id': 'e-1',
};

describe('canonical event decoding', () => {
  it('reads any canonical type by its own entityType and keeps the value bytes', async () => {
    const event = inventoryEvent();
    const decoder = canonicalEventDecoder({ decode: () => Promise.resolve(event) });
    const decoded = await decoder.value(Buffer.from('bytes'), raw);
    expect(decoded.event).toEqual(event);
    expect(decoded.bytes.toString()).toBe('bytes');
  });

  it('refuses values that are not canonical events', () => {
    expect(() => parseCanonicalEvent({ entityType: 'customer' })).toThrow('Not a canonical event');
    expect(() => parseCanonicalEvent({ ...inventoryEvent(), payload: { sku: '' } })).toThrow(
      'Invalid inventory-level event',
    );
  });

  it('reads the retry context from the headers, and refuses corrupt retry headers', () => {
    const decoder = canonicalEventDecoder({ decode: () => Promise.resolve(null) });
    expect(decoder.headers(hubHeaders, raw).retry).toBeUndefined();
    const retried = {
      ...hubHeaders,
      'hub-attempt': '2',
      'hub-target': 'odoo',
      'hub-first-failure-at': '5',
    };
    expect(decoder.headers(retried, raw).retry).toMatchObject({
      attempts: 2,
      target: 'odoo',
      firstFailureAt: 5,
    });
    expect(() => decoder.headers({ ...hubHeaders, 'hub-attempt': '2' }, raw)).toThrow();
  });
});
