import { avroCodecFor } from './avro-codec';
import type { AvroType } from './avro-type';

const schema = {
  type: 'record',
  name: 'Sample',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'kind', type: { type: 'string', 'hub.values': ['a-b', 'c'] } },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['open', 'closed'] } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'on', type: ['null', { type: 'int', logicalType: 'date' }], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attributes', type: { type: 'map', values: 'long' } },
    { name: 'blob', type: 'bytes' },
    {
      name: 'child',
      type: ['null', { type: 'record', name: 'Child', fields: [{ name: 'n', type: 'int' }] }],
      default: null,
    },
  ],
} as const;

type Sample = AvroType<typeof schema>;

const sample: Sample = {
  id: 'x',
  kind: 'a-b',
  status: 'closed',
  at: 1_700_000_000_000,
  on: 19_000,
  tags: ['t'],
  attributes: { k: 5 },
  blob: Buffer.from('hi'),
  child: { n: 3 },
};

describe('AvroType', () => {
  it('describes exactly what avsc decodes, so a typed value survives a round trip', () => {
    const codec = avroCodecFor(schema);
    const decoded: Sample = codec.decode(codec.encode(sample));
    expect(decoded).toEqual(sample);
    expect(codec.decode(codec.encode({ ...sample, on: null, child: null }))).toEqual({
      ...sample,
      on: null,
      child: null,
    });
  });

  it('narrows hub.values strings and enums, and refuses what the schema does not allow (checked by tsc)', () => {
    // @ts-expect-error 'a_b' is not one of the hub.values
    const badKind: Sample = { ...sample, kind: 'a_b' };
    // @ts-expect-error a timestamp is a number of epoch ms, not a Date
    const badAt: Sample = { ...sample, at: new Date() };
    // @ts-expect-error a non-nullable field cannot be null
    const badId: Sample = { ...sample, id: null };
    const codec = avroCodecFor(schema);
    expect([badKind, badAt, badId].map((value) => codec.isValid(value))).toEqual([
      true,
      false,
      false,
    ]);
  });
});
