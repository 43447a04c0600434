/**
 * fast-check generators for fast-path-equivalence.spec.ts: timestamp, date and decimal text
 * near the valid ones, and values of any of our schemas in the Avro form and the JSON form,
 * mostly valid, with every leaf's edges. For specs only (not exported from the lib).
 */
import fc from 'fast-check';
import { isNullableSchema, type AvroSchema } from '../../avro/avro-schema';
import { referenceFormatDate, referenceFormatTimestamp } from './json-form-reference';

const digitsText = (count: number): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max: 10 ** count - 1 }).map((n) => String(n).padStart(count, '0'));

/** Date-times near the valid ones: every part at or just past its bounds, odd separators. */
export const dateTimeText = fc
  .tuple(
    fc.oneof(digitsText(4), fc.constantFrom('0000', '0099', '0100', '1970', '2024', '9999', '123')),
    fc.oneof(digitsText(2), fc.constantFrom('00', '01', '02', '12', '13')),
    fc.oneof(digitsText(2), fc.constantFrom('00', '28', '29', '30', '31', '32')),
    fc.constantFrom('T', 't', ' ', 'X'),
    fc.oneof(digitsText(2), fc.constantFrom('00', '23', '24')),
    fc.oneof(digitsText(2), fc.constantFrom('59', '60')),
    fc.oneof(digitsText(2), fc.constantFrom('59', '60')),
    fc.oneof(
      fc.constant(''),
      fc
        .integer({ min: 0, max: 11 })
        .chain((n) => (n === 0 ? fc.constant('.') : digitsText(n).map((d) => `.${d}`))),
    ),
    fc.oneof(
      fc.constantFrom('Z', 'z', '', 'UTC', '+00:00', '-00:00', '+23:59', '-24:00', '+0200', ' Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), digitsText(2), digitsText(2))
        .map(([sign, hours, minutes]) => `${sign}${hours}:${minutes}`),
    ),
    fc.constantFrom('-', ':', '/'),
  )
  .map(
    ([year, month, day, t, hour, minute, second, fraction, zone, dash]) =>
      `${year}${dash === '/' ? '/' : '-'}${month}-${day}${t}${hour}:${minute}${dash === ':' ? '-' : ':'}${second}${fraction}${zone}`,
  );

export const dateText = fc
  .tuple(
    fc.oneof(
      digitsText(4),
      fc.constantFrom('0000', '0099', '0100', '1900', '2000', '2023', '2024', '9999'),
    ),
    fc.oneof(digitsText(2), fc.constantFrom('00', '02', '12', '13')),
    fc.oneof(digitsText(2), fc.constantFrom('00', '28', '29', '30', '31')),
    fc.constantFrom('', 'Z', ' ', 'T00:00:00Z'),
  )
  .map(([year, month, day, tail]) => `${year}-${month}-${day}${tail}`);

export const anyText = fc.oneof(
  dateTimeText,
  dateText,
  fc.string(),
  fc.string({ unit: fc.constantFrom('0', '9', '-', ':', 'T', 'Z', '.', '+', '٣', '\n') }),
  dateTimeText.map((text) => `${text}\n`),
);

export const edgeMillis = [
  0,
  -0,
  1,
  -1,
  -59_011_459_200_001,
  -59_011_459_200_000,
  -62_167_219_200_000,
  -62_167_219_200_001,
  253_402_300_799_999,
  253_402_300_800_000,
  8.64e15,
  -8.64e15,
  8.64e15 + 1,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  951_782_400_000,
  1_709_164_800_000,
  4_107_542_400_000,
];

export const anyMillis = fc.oneof(
  fc.integer({ min: -62_167_219_200_000 - 10 ** 12, max: 253_402_300_799_999 + 10 ** 12 }),
  fc.maxSafeInteger(),
  fc.constantFrom(...edgeMillis),
  fc.double(),
);

export const anyDays = fc.oneof(
  fc.integer({ min: -800_000, max: 3_000_000 }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(
    0,
    -0,
    -683_003,
    -683_004,
    -719_528,
    -719_529,
    2_932_896,
    2_932_897,
    11_016,
    10_956,
    0.5,
    -0.5,
  ),
  fc.double(),
);

const stringsLike = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    ' x',
    'x ',
    'a:b',
    'SKU-1',
    'WH-EAST',
    '12.50',
    '-0.0',
    '007',
    '1e3',
    '-3',
    'EUR',
    'eur',
    'wms',
    'Odoo',
    '3F2B8C1E-4D5A-4E6F-8A7B-9C0D1E2F3A4B',
    '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b',
    '{"a":1}',
    '{',
    'a\u0001b',
    'inventory-level',
    'succeeded',
    'bogus',
  ),
  fc.string({ maxLength: 12 }),
);

/** Mostly valid strings of each hub.format, with the near misses of stringsLike. */
function formatted(format: string | undefined): fc.Arbitrary<string> {
  const valid = (() => {
    switch (format) {
      case 'key':
        return fc.stringMatching(/^[A-Z0-9][A-Z0-9:-]{0,7}$/);
      case 'key-segment':
        return fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,7}$/);
      case 'system-id':
        return fc.stringMatching(/^[a-z0-9-]{1,8}$/);
      case 'uuid':
        return fc.oneof(
          fc.uuid(),
          fc.uuid().map((id) => id.toUpperCase()),
        );
      case 'decimal':
      case 'non-negative-decimal':
        return fc.oneof(
          { weight: 8, arbitrary: fc.stringMatching(/^\d{1,4}(\.\d{1,4})?$/) },
          { weight: 1, arbitrary: fc.stringMatching(/^-\d{1,4}(\.\d{1,4})?$/) },
        );
      case 'currency':
        return fc.stringMatching(/^[A-Z]{3}$/);
      case 'json':
        return fc.json({ maxDepth: 1 });
      default:
        return fc.string({ maxLength: 8 });
    }
  })();
  return fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: stringsLike });
}

const spelledMillis = fc.integer({ min: -59_011_459_200_000, max: 253_402_300_799_999 });

/** Avro-form values of a schema, mostly valid, with the edges each leaf has. */
export function avroValue(schema: AvroSchema): fc.Arbitrary<unknown> {
  if (isNullableSchema(schema))
    return fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 4, arbitrary: avroValue(schema[1]) },
    );
  if (typeof schema === 'string') {
    switch (schema) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'int':
        return fc.oneof(fc.integer(), fc.constantFrom(0, -0, 1.5));
      case 'long':
        return fc.oneof(fc.maxSafeInteger(), fc.constantFrom(-0, 2 ** 53));
      case 'float':
      case 'double':
        return fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -0));
      case 'bytes':
        return fc.uint8Array({ maxLength: 6 }).map((bytes) => Buffer.from(bytes));
      case 'string':
        return formatted(undefined);
    }
  }
  if ('logicalType' in schema)
    return schema.logicalType === 'date'
      ? fc.oneof(
          { weight: 6, arbitrary: fc.integer({ min: -683_003, max: 2_932_896 }) },
          { weight: 1, arbitrary: anyDays },
        )
      : fc.oneof({ weight: 6, arbitrary: spelledMillis }, { weight: 1, arbitrary: anyMillis });
  switch (schema.type) {
    case 'string': {
      const values = schema['hub.values'];
      return values === undefined
        ? formatted(schema['hub.format'])
        : fc.oneof(
            { weight: 12, arbitrary: fc.constantFrom(...values) },
            { weight: 1, arbitrary: stringsLike },
          );
    }
    case 'int':
      return fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 1, max: 500 }) },
        { weight: 1, arbitrary: fc.integer() },
        { weight: 1, arbitrary: fc.constantFrom(0, -0, -1) },
      );
    case 'enum':
      return fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(...schema.symbols) },
        { weight: 1, arbitrary: fc.constant('bogus') },
      );
    case 'array':
      return fc.array(avroValue(schema.items), { maxLength: 3 });
    case 'map':
      return fc.dictionary(fc.constantFrom('a', 'b', '1', '0', 'key'), avroValue(schema.values), {
        maxKeys: 3,
      });
    case 'record':
      return fc.tuple(...schema.fields.map((field) => avroValue(field.type))).map((values) => {
        const record: Record<string, unknown> = {};
        schema.fields.forEach((field, index) => {
          // Absent, not undefined: a missing optional field, as a producer would leave it.
          if (values[index] !== undefined) record[field.name] = values[index];
        });
        return record;
      });
  }
}

/** JSON forms of a schema: mostly valid, sometimes with wrong types and extra fields. */
export function jsonValue(schema: AvroSchema): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined));
  const mostly = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    fc.oneof({ weight: 40, arbitrary: valid }, { weight: 1, arbitrary: wrong });
  if (isNullableSchema(schema)) return fc.oneof(fc.constant(null), jsonValue(schema[1]));
  if (schema === 'bytes')
    return mostly(fc.oneof(fc.base64String({ maxLength: 8 }), fc.string({ maxLength: 5 })));
  if (typeof schema === 'string') return mostly(avroValue(schema));
  if ('logicalType' in schema)
    return schema.logicalType === 'date'
      ? mostly(
          fc.oneof(
            {
              weight: 30,
              arbitrary: fc.integer({ min: -683_003, max: 2_932_896 }).map(referenceFormatDate),
            },
            { weight: 1, arbitrary: dateText },
            { weight: 1, arbitrary: anyText },
          ),
        )
      : mostly(
          fc.oneof(
            { weight: 30, arbitrary: spelledMillis.map(referenceFormatTimestamp) },
            { weight: 2, arbitrary: dateTimeText },
            { weight: 1, arbitrary: anyText },
          ),
        );
  switch (schema.type) {
    case 'array':
      return mostly(fc.array(jsonValue(schema.items), { maxLength: 3 }));
    case 'map':
      return mostly(
        fc.dictionary(fc.constantFrom('a', 'b', '1', 'key'), jsonValue(schema.values), {
          maxKeys: 3,
        }),
      );
    case 'record':
      return mostly(
        fc
          .tuple(
            ...schema.fields.map((field) => jsonValue(field.type)),
            fc.oneof(
              { weight: 15, arbitrary: fc.constant(undefined) },
              { weight: 1, arbitrary: fc.constantFrom('extra', 'payloads', '__proto__x') },
            ),
          )
          .map((values) => {
            const record: Record<string, unknown> = {};
            schema.fields.forEach((field, index) => {
              if (values[index] !== undefined) record[field.name] = values[index];
            });
            const extra = values[schema.fields.length];
            if (typeof extra === 'string') record[extra] = 1;
            return record;
          }),
      );
    default:
      return mostly(avroValue(schema));
  }
}
