import { testEndpoints, uniqueName } from '@hub/testing';
import type { FetchFunction } from './registry-client';
import { createSchemaRegistrySerde } from './schema-registry-serde';

function countingFetch(): { fetch: FetchFunction; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: (url, init) => {
      calls.push(
        `${init.method ?? 'GET'} ${new URL(url).pathname.replace(/^.*\/ccompat\/v7/, '')}`,
      );
      return fetch(url, init);
    },
  };
}

const levelV1 = (name: string): Record<string, unknown> => ({
  type: 'record',
  name,
  namespace: 'hub.test',
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'quantity', type: 'int' },
  ],
});
const levelV2 = (name: string): Record<string, unknown> => ({
  ...levelV1(name),
  fields: [
    ...(levelV1(name)['fields'] as object[]),
    { name: 'unit', type: 'string', default: 'EA' },
  ],
});

describe('schema-registry serde on the real registry', () => {
  const url = testEndpoints().schemaRegistryUrl;
  let subject: string;
  let recordName: string;

  beforeEach(() => {
    subject = `${uniqueName('serde')}-value`;
    recordName = uniqueName('Level').replace(/-/g, '_');
  });

  it('registers once with BACKWARD compatibility, then encodes without calling the registry', async () => {
    const observed = countingFetch();
    const serde = createSchemaRegistrySerde({ url, fetch: observed.fetch });

    const id = await serde.register(subject, levelV1(recordName), { compatibility: 'BACKWARD' });
    const encoded = Array.from({ length: 500 }, (_, n) =>
      serde.encode(subject, { sku: `SKU-${n}`, quantity: n }),
    );
    const config = (await (await fetch(`${url}/config/${subject}`)).json()) as Record<
      string,
      unknown
    >;

    expect(observed.calls).toEqual([
      `PUT /config/${subject}`,
      `POST /subjects/${subject}/versions`,
    ]);
    expect(
      encoded.every((buffer) => buffer.readUInt8(0) === 0 && buffer.readInt32BE(1) === id),
    ).toBe(true);
    expect(config['compatibilityLevel'] ?? config['compatibility']).toBe('BACKWARD');
  });

  it('decodes with one registry lookup per schema id, however many messages', async () => {
    const writer = createSchemaRegistrySerde({ url });
    await writer.register(subject, levelV1(recordName));
    const encoded = Array.from({ length: 300 }, (_, n) =>
      writer.encode(subject, { sku: `SKU-${n}`, quantity: n }),
    );
    const observed = countingFetch();
    const reader = createSchemaRegistrySerde({ url, fetch: observed.fetch });

    const decoded = await Promise.all(encoded.map((buffer) => reader.decode(buffer)));

    expect(decoded[299]).toEqual({ sku: 'SKU-299', quantity: 299 });
    expect(observed.calls).toEqual([`GET /schemas/ids/${String(writer.schemaIdOf(subject))}`]);
  });

  it('refuses an incompatible new version, and reads an old value as a compatible new one', async () => {
    const serde = createSchemaRegistrySerde({ url });
    await serde.register(subject, levelV1(recordName));
    const old = serde.encode(subject, { sku: 'SKU-1', quantity: 4 });
    const breaking = {
      ...levelV1(recordName),
      fields: [
        { name: 'sku', type: 'string' },
        { name: 'batch', type: 'string' },
      ],
    };

    await expect(serde.register(subject, breaking)).rejects.toMatchObject({
      code: 'SCHEMA_INCOMPATIBLE',
      retriable: false,
    });
    const upgraded = createSchemaRegistrySerde({ url });
    await upgraded.register(subject, levelV2(recordName));
    await expect(upgraded.decode(old, { as: subject })).resolves.toEqual({
      sku: 'SKU-1',
      quantity: 4,
      unit: 'EA',
    });
  });

  it('names what is wrong: the field of an invalid value, an unknown schema id, an unregistered subject', async () => {
    const serde = createSchemaRegistrySerde({ url });
    await serde.register(subject, levelV1(recordName));
    const unknownId = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2, 65]);

    expect(() => serde.encode(subject, { sku: 'SKU-1', quantity: 'four' })).toThrow(/at: quantity/);
    expect(() => serde.encode('never-registered-value', {})).toThrow(/not registered/);
    await expect(serde.decode(unknownId)).rejects.toMatchObject({
      code: 'UNKNOWN_SCHEMA_ID',
      retriable: false,
    });
  });

  it('reports an unreachable registry as retriable', async () => {
    const serde = createSchemaRegistrySerde({
      url: 'http://127.0.0.1:9/apis/ccompat/v7',
      timeoutMs: 2_000,
    });

    await expect(serde.register(subject, levelV1(recordName))).rejects.toMatchObject({
      code: 'SCHEMA_REGISTRY_UNAVAILABLE',
      retriable: true,
    });
  });
});
