import { avroCodec, encodeAvro } from './avro';

const codec = avroCodec(
  {
    type: 'record',
    name: 'Probe',
    fields: [
      { name: 'a', type: 'string' },
      { name: 'b', type: 'long' },
      { name: 'c', type: { type: 'record', name: 'Inner', fields: [{ name: 'd', type: 'int' }] } },
    ],
  },
  'probe',
);

function thrown(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('encodeAvro', () => {
  it('encodes a valid value as avsc does', () => {
    const value = { a: 'x', b: 2, c: { d: 3 } };
    expect(encodeAvro(codec, value, 'probe-value')).toEqual(codec.type.toBuffer(value));
  });

  it('refuses an invalid value as AVRO_INVALID_VALUE naming every field that does not fit', () => {
    expect(
      thrown(() => encodeAvro(codec, { a: 'x', b: 'two', c: { d: 1.5 } }, 'probe-value')),
    ).toMatchObject({
      code: 'AVRO_INVALID_VALUE',
      message: 'Value does not match the probe-value schema at: b, c.d',
    });
  });
});
