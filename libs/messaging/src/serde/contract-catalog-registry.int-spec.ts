/**
 * The catalog against the real registry (Apicurio's Confluent-compatible API): registration
 * with BACKWARD per subject, an incompatible change refused, a compatible evolution accepted
 * and readable by old readers. Subjects are unique per run and deleted afterwards.
 */
import {
  avroCodecFor,
  avroTypeFor,
  contractCatalog,
  exampleValues,
  inventoryLevelEventSchema,
  schemaText,
  type AvroField,
  type AvroRecordSchema,
} from '@hub/contracts';
import { testEndpoints, uniqueName } from '@hub/testing';
import { createSchemaRegistrySerde } from './schema-registry-serde';

const registryUrl = testEndpoints().schemaRegistryUrl;
const prefix = `${uniqueName('contracts')}.`;
const created = new Set<string>();
const contentType = { 'Content-Type': 'application/vnd.schemaregistry.v1+json' };

/** What every app does at start: one schema under its subject, BACKWARD set on the subject. */
function registerSchema(subject: string, schema: string): Promise<number> {
  const serde = createSchemaRegistrySerde({ url: registryUrl });
  return serde.register(subject, JSON.parse(schema) as Readonly<Record<string, unknown>>, {
    compatibility: 'BACKWARD',
  });
}

async function registerCatalog(): Promise<{ subject: string; schemaId: number }[]> {
  const registered: { subject: string; schemaId: number }[] = [];
  for (const entry of contractCatalog) {
    const subject = `${prefix}${entry.subject}`;
    registered.push({ subject, schemaId: await registerSchema(subject, schemaText(entry.schema)) });
  }
  return registered;
}

async function registry(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${registryUrl}${path}`, {
    method,
    headers: contentType,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The inventory-level value schema with one more payload field. */
function withPayloadField(field: AvroField): AvroRecordSchema {
  const copy = JSON.parse(JSON.stringify(inventoryLevelEventSchema)) as {
    fields: { name: string; type: { fields: AvroField[] } }[];
  };
  copy.fields.find((top) => top.name === 'payload')?.type.fields.push(field);
  return copy as unknown as AvroRecordSchema;
}

async function freshInventorySubject(): Promise<string> {
  const subject = `${uniqueName('contracts-evolve')}.erp.inventory-level.v1-value`;
  created.add(subject);
  await registerSchema(subject, schemaText(inventoryLevelEventSchema));
  return subject;
}

afterAll(async () => {
  for (const subject of created) {
    await registry('DELETE', `/subjects/${encodeURIComponent(subject)}`);
    await registry('DELETE', `/subjects/${encodeURIComponent(subject)}?permanent=true`);
  }
});

describe('contract catalog in the schema registry', () => {
  it('registers every catalog schema under <topic>-value with BACKWARD set on the subject, idempotently', async () => {
    const registered = await registerCatalog();
    registered.forEach((entry) => created.add(entry.subject));
    expect(registered.map((entry) => entry.subject)).toEqual(
      contractCatalog.map((entry) => `${prefix}${entry.topic}-value`),
    );

    for (const [index, entry] of registered.entries()) {
      // Apicurio answers NONE for a subject without its own rule, so BACKWARD here is the subject's.
      expect(await registry('GET', `/config/${encodeURIComponent(entry.subject)}`)).toEqual({
        status: 200,
        body: { compatibilityLevel: 'BACKWARD' },
      });
      const stored = await registry('GET', `/schemas/ids/${entry.schemaId}`);
      const storedSchema = JSON.parse(
        (stored.body as { schema: string }).schema,
      ) as AvroRecordSchema;
      expect(
        avroTypeFor(storedSchema).equals(
          avroTypeFor(contractCatalog[index]?.schema ?? storedSchema),
        ),
      ).toBe(true);
    }
    const again = await registerCatalog();
    expect(again.map((entry) => entry.schemaId)).toEqual(registered.map((entry) => entry.schemaId));
  });

  it('refuses an incompatible change: a new field without default, or a changed type (409)', async () => {
    const subject = await freshInventorySubject();
    const required = withPayloadField({ name: 'lotNumber', type: 'string' });
    const post = await registry('POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
      schema: schemaText(required),
    });
    expect(post.status).toBe(409);

    const retyped = JSON.parse(
      schemaText(inventoryLevelEventSchema).replace(
        '{"type":"string","hub.format":"non-negative-decimal"}',
        '"double"',
      ),
    ) as AvroRecordSchema;
    expect(schemaText(retyped)).not.toBe(schemaText(inventoryLevelEventSchema));
    await expect(registerSchema(subject, schemaText(retyped))).rejects.toMatchObject({
      code: 'SCHEMA_INCOMPATIBLE',
      retriable: false,
    });
    expect(
      (await registry('GET', `/subjects/${encodeURIComponent(subject)}/versions`)).body,
    ).toEqual([1]);
  });

  it('accepts a new optional field, and an old reader still decodes data written with it', async () => {
    const subject = await freshInventorySubject();
    const evolved = withPayloadField({
      name: 'lotNumber',
      type: ['null', 'string'],
      default: null,
    });
    const firstId = await registerSchema(subject, schemaText(inventoryLevelEventSchema));
    const evolvedId = await registerSchema(subject, schemaText(evolved));
    expect(evolvedId).not.toBe(firstId);
    expect(
      (await registry('GET', `/subjects/${encodeURIComponent(subject)}/versions`)).body,
    ).toEqual([1, 2]);

    const oldValue = exampleValues['erp.inventory-level.v1'];
    const newType = avroTypeFor(evolved);
    const newData = newType.toBuffer({
      ...oldValue,
      payload: { ...oldValue.payload, lotNumber: 'L-7' },
    });
    const oldReader = avroCodecFor(inventoryLevelEventSchema);
    expect(oldReader.decode(newData, newType)).toEqual(oldValue);
    expect(
      newType.fromBuffer(oldReader.encode(oldValue), newType.createResolver(oldReader.type)),
    ).toEqual({
      ...oldValue,
      payload: { ...oldValue.payload, lotNumber: null },
    });
  });
});
