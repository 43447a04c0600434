import fc from 'fast-check';
import { decodeHubHeaders, encodeHubHeaders } from './header-codec';
import type { HubHeaders } from './hub-headers';

const caught = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

const minimal: HubHeaders = {
  correlationId: 'wms:inventory-level:WH1:SKU-42:1718000000000',
  sourceSystem: 'wms',
  entityType: 'inventory-level',
  sourceVersion: 1718000000000,
  eventId: 'evt-1',
};

const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
const hex = (length: number): fc.Arbitrary<string> =>
  fc
    .string({
      unit: fc.constantFrom(
        '0',
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
      ),
      minLength: length,
      maxLength: length,
    })
    .filter((s) => /[^0]/.test(s));
const traceparent = fc
  .tuple(hex(32), hex(16), fc.constantFrom('00', '01'))
  .map(([trace, parent, flags]) => `00-${trace}-${parent}-${flags}`);
const millis = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const attemptRecord = fc.record(
  {
    attempt: fc.nat(1000),
    at: millis,
    error: fc.string(),
    errorClass: fc.string(),
    code: fc.string(),
    httpStatus: fc.integer({ min: 100, max: 599 }),
  },
  { requiredKeys: ['attempt', 'at', 'error'] },
);

const hubHeaders: fc.Arbitrary<HubHeaders> = fc.record(
  {
    correlationId: text,
    sourceSystem: text,
    entityType: text,
    entityKey: text,
    sourceVersion: millis,
    eventId: text,
    traceparent,
    attempt: fc.nat(1_000_000),
    firstFailureAt: millis,
    lastError: fc.string(),
    lastErrorClass: fc.string(),
    target: text,
    history: fc.array(attemptRecord, { maxLength: 5 }),
  },
  { requiredKeys: ['correlationId', 'sourceSystem', 'entityType', 'sourceVersion', 'eventId'] },
);

describe('hub header codec', () => {
  it('names the Kafka headers hub-* and keeps traceparent as is', () => {
    const traced = {
      ...minimal,
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      attempt: 2,
    };
    expect(encodeHubHeaders(traced)).toEqual({
      'hub-correlation-id': minimal.correlationId,
      'hub-source-system': 'wms',
      'hub-entity-type': 'inventory-level',
      'hub-source-version': '1718000000000',
      'hub-event-id': 'evt-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'hub-attempt': '2',
    });
  });

  it('decodes whatever it encodes', () => {
    fc.assert(
      fc.property(hubHeaders, (headers) => {
        expect(decodeHubHeaders(encodeHubHeaders(headers))).toEqual(headers);
      }),
    );
  });

  it('ignores headers it does not know', () => {
    expect(decodeHubHeaders({ ...encodeHubHeaders(minimal), 'x-other': 'value' })).toEqual(minimal);
  });

  it.each([
    'hub-correlation-id',
    'hub-source-system',
    'hub-entity-type',
    'hub-source-version',
    'hub-event-id',
  ])('names the missing required header %s', (header) => {
    const raw = Object.fromEntries(
      Object.entries(encodeHubHeaders(minimal)).filter(([name]) => name !== header),
    );
    expect(caught(() => decodeHubHeaders(raw))).toMatchObject({
      code: 'HEADER_MISSING',
      message: `Header ${header} is missing`,
    });
  });

  it.each([
    ['hub-source-version', '2024-06-10T00:00:00Z'],
    ['hub-source-version', '-5'],
    ['hub-attempt', 'two'],
    ['hub-first-failure-at', '1.5'],
    ['traceparent', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['traceparent', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['traceparent', 'not-a-trace'],
    ['hub-history', '[{"attempt":1}]'],
    ['hub-history', '{'],
    ['hub-correlation-id', '  '],
  ])('rejects %s = %j with HEADER_INVALID naming the header', (header, value) => {
    const raw = { ...encodeHubHeaders(minimal), [header]: value };
    const error = caught(() => decodeHubHeaders(raw));
    expect(error).toMatchObject({ code: 'HEADER_INVALID', retriable: false });
    expect((error as Error).message.startsWith(`Header ${header} `)).toBe(true);
  });
});
