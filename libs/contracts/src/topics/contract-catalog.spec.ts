import { Type } from 'avsc';
import { isNullableSchema, type AvroSchema } from '../avro/avro-schema';
import { avroCodecFor, avroTypeFor } from '../avro/avro-codec';
import { envelopeFields } from '../envelope/envelope-fields';
import { entityTypes } from '../identity/entity-types';
import { fromJsonForm } from '../json-form/from-json-form';
import { toJsonForm } from '../json-form/to-json-form';
import { exampleValues } from '../testing/examples';
import { contractCatalog, schemaText } from './contract-catalog';
import { topics } from './topic-names';

const primitives = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

interface SchemaFacts {
  readonly references: string[];
  readonly named: Map<string, string>;
  readonly optionalWithoutNullDefault: string[];
}

/** Walks a schema, noting named types (by full name), type references by name, and optional fields without `default: null`. */
function factsOf(
  schema: AvroSchema,
  namespace: string,
  facts: SchemaFacts,
  path: string,
): SchemaFacts {
  if (typeof schema === 'string') {
    if (!primitives.has(schema)) facts.references.push(`${path}: ${schema}`);
  } else if (isNullableSchema(schema)) {
    factsOf(schema[1], namespace, facts, path);
  } else if (schema.type === 'record' || schema.type === 'enum') {
    const ns = schema.namespace ?? namespace;
    facts.named.set(`${ns}.${schema.name}`, JSON.stringify(schema));
    if (schema.type === 'record') {
      for (const field of schema.fields) {
        if (isNullableSchema(field.type) && field.default !== null)
          facts.optionalWithoutNullDefault.push(`${path}.${field.name}`);
        factsOf(field.type, ns, facts, `${path}.${field.name}`);
      }
    }
  } else if (schema.type === 'array') {
    factsOf(schema.items, namespace, facts, `${path}[]`);
  } else if (schema.type === 'map') {
    factsOf(schema.values, namespace, facts, `${path}{}`);
  }
  return facts;
}

const facts = (schema: AvroSchema): SchemaFacts =>
  factsOf(schema, '', { references: [], named: new Map(), optionalWithoutNullDefault: [] }, '');

describe('contractCatalog', () => {
  it('has one entry per fixed topic, under subject <topic>-value', () => {
    expect(contractCatalog.map((entry) => entry.topic).sort()).toEqual(
      Object.values(topics).sort(),
    );
    for (const entry of contractCatalog) expect(entry.subject).toBe(`${entry.topic}-value`);
  });

  it.each(contractCatalog.map((entry) => [entry.topic, entry] as const))(
    '%s: valid Avro, parsed from its registry text alone',
    (_topic, entry) => {
      const fromText = Type.forSchema(JSON.parse(schemaText(entry.schema)) as never, {
        registry: {},
      });
      expect(fromText.equals(avroTypeFor(entry.schema))).toBe(true);
    },
  );

  it.each(contractCatalog.map((entry) => [entry.topic, entry] as const))(
    '%s: self-contained, optional fields default to null',
    (_topic, entry) => {
      const found = facts(entry.schema);
      expect(found.references).toEqual([]);
      expect(found.optionalWithoutNullDefault).toEqual([]);
    },
  );

  it('gives every named type one definition across all subjects', () => {
    const definitions = new Map<string, Set<string>>();
    for (const entry of contractCatalog) {
      for (const [name, definition] of facts(entry.schema).named)
        definitions.set(name, (definitions.get(name) ?? new Set()).add(definition));
    }
    const conflicting = [...definitions].filter(([, defs]) => defs.size > 1).map(([name]) => name);
    expect(conflicting).toEqual([]);
  });

  it('starts every value with the same envelope fields', () => {
    const envelope = envelopeFields(entityTypes).map((field) => field.name);
    for (const entry of contractCatalog) {
      expect(entry.schema.fields.map((field) => field.name)).toEqual([...envelope, 'payload']);
    }
  });

  it.each(contractCatalog.map((entry) => [entry.topic, entry] as const))(
    '%s: an example survives Avro encode/decode',
    (topic, entry) => {
      const codec = avroCodecFor(entry.schema);
      const example = exampleValues[topic];
      expect(codec.isValid(example)).toBe(true);
      expect(codec.decode(codec.encode(example as never))).toEqual(example);
    },
  );

  it.each(contractCatalog.map((entry) => [entry.topic, entry] as const))(
    '%s: an example survives the JSON form and meets its rules',
    (topic, entry) => {
      const example = exampleValues[topic];
      const json = JSON.parse(
        JSON.stringify(toJsonForm(entry.schema, example as never)),
      ) as unknown;
      expect(fromJsonForm(entry.schema, json)).toEqual({ ok: true, value: example });
    },
  );
});
