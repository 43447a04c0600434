import { avroCodecFor, avroTypeFor } from './avro-codec';

const v1 = { type: 'record', name: 'Thing', fields: [{ name: 'a', type: 'string' }] } as const;
const v2 = {
  type: 'record',
  name: 'Thing',
  fields: [
    { name: 'a', type: 'string' },
    { name: 'b', type: ['null', 'string'], default: null },
  ],
} as const;

describe('avroCodecFor', () => {
  it('decodes timestamps as plain epoch milliseconds, not Dates', () => {
    const codec = avroCodecFor({
      type: 'record',
      name: 'T',
      fields: [{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }],
    } as const);
    const decoded = codec.decode(codec.encode({ at: 1_714_550_700_123 }));
    expect(decoded.at).toBe(1_714_550_700_123);
  });

  it('reads data of another writer schema through schema resolution', () => {
    const newData = avroCodecFor(v2).encode({ a: 'x', b: 'y' });
    expect(avroCodecFor(v1).decode(newData, avroTypeFor(v2))).toEqual({ a: 'x' });
    expect(avroCodecFor(v2).decode(avroCodecFor(v1).encode({ a: 'x' }), avroTypeFor(v1))).toEqual({
      a: 'x',
      b: null,
    });
  });

  it('refuses to encode a value that does not match the schema', () => {
    const codec = avroCodecFor(v1);
    expect(() => codec.encode({ a: 5 } as unknown as { a: string })).toThrow(/invalid/i);
  });
});
