/**
 * The compiled readers, the direct canonicalize and the arithmetic timestamps and decimals
 * against the code they replaced (testing/json-form-reference.ts), on generated inputs:
 * every answer, every error (path, message, order) and every exception the same.
 */
import fc from 'fast-check';
import type { AvroSchema } from '../avro/avro-schema';
import { topicSchemas } from '../topics/contract-catalog';
import { exampleValues } from '../testing/examples';
import { canonicalize } from './canonicalize';
import { normalizeDecimal } from './decimal';
import type { FieldError, ParseResult } from './field-error';
import { readJsonForm } from './from-json-form';
import { formatDate, formatTimestamp, parseDate, parseTimestamp } from './timestamps';
import {
  anyDays,
  anyMillis,
  anyText,
  avroValue,
  edgeMillis,
  jsonValue,
} from './testing/json-form-arbitraries';
import {
  referenceCanonicalize,
  referenceFormatDate,
  referenceFormatTimestamp,
  referenceNormalizeDecimal,
  referenceParseDate,
  referenceParseTimestamp,
  referenceRead,
} from './testing/json-form-reference';

// ---- Comparing answers, or the exceptions thrown instead.

type Outcome = { readonly value: unknown } | { readonly thrown: string };

function outcomeOf(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    return { thrown: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function expectSame(actual: () => unknown, expected: () => unknown): void {
  // toStrictEqual tells 0 from -0, undefined properties from absent ones, and Buffers apart.
  expect(outcomeOf(actual)).toStrictEqual(outcomeOf(expected));
}

/** Avsc-invalid values fail before either walk; only the walk's answers are compared then. */
function expectSameCanonical(schema: AvroSchema, value: unknown): void {
  const reference = outcomeOf(() => referenceCanonicalize(schema, value));
  // The untyped overload: AvroType<S> of a schema only known as AvroSchema is too deep for tsc.
  const untyped = canonicalize as (schema: AvroSchema, value: unknown) => ParseResult<unknown>;
  const actual = outcomeOf(() => untyped(schema, value));
  const avroInvalid =
    'value' in reference &&
    !(reference.value as ParseResult<unknown>).ok &&
    (reference.value as { errors: readonly FieldError[] }).errors.length === 0;
  if (avroInvalid) {
    expect('value' in actual && !(actual.value as ParseResult<unknown>).ok).toBe(true);
    return;
  }
  expect(actual).toStrictEqual(reference);
}

/** Decimal-like text: signs, leading and trailing zeros, 40 and 41 digits, near misses. */
const decimalText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', '-', '+', '--'),
      fc.oneof(
        fc.stringMatching(/^\d{0,3}$/),
        fc.stringMatching(/^0{0,3}\d{0,3}$/),
        fc.constant('0'.repeat(41)),
        fc.constant('9'.repeat(40)),
      ),
      fc.constantFrom('', '.', ','),
      fc.oneof(
        fc.stringMatching(/^\d{0,3}0{0,2}$/),
        fc.constant('1'.repeat(40)),
        fc.constant('1'.repeat(41)),
        fc.constant('0'),
      ),
      fc.constantFrom('', ' ', 'e3', '\n', '٣'),
    )
    .map((parts) => parts.join('')),
  fc.string({ maxLength: 8 }),
);

// ---- The properties.

const runs = { numRuns: 1_500 };

describe('normalizeDecimal against the regex reference', () => {
  it('answers as before, canonical or not', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(normalizeDecimal(text)).toBe(referenceNormalizeDecimal(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each(['0', '-0', '-0.5', '0.50', '00', '-00.0', '12.5', '1.', '.5', '5e3', '-'])(
    '%p',
    (text) => {
      expect(normalizeDecimal(text)).toBe(referenceNormalizeDecimal(text));
    },
  );
});

describe('timestamps against the regex and Date reference', () => {
  it('parseTimestamp answers as before on date-time-like and arbitrary text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(Object.is(parseTimestamp(text), referenceParseTimestamp(text))).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('parseDate answers as before', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(Object.is(parseDate(text), referenceParseDate(text))).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('formatTimestamp writes what toISOString writes, or throws what it throws', () => {
    fc.assert(
      fc.property(anyMillis, (ms) => {
        expectSame(
          () => formatTimestamp(ms),
          () => referenceFormatTimestamp(ms),
        );
      }),
      { numRuns: 10_000 },
    );
  });

  it('formatDate writes what toISOString writes, or throws what it throws', () => {
    fc.assert(
      fc.property(anyDays, (days) => {
        expectSame(
          () => formatDate(days),
          () => referenceFormatDate(days),
        );
      }),
      { numRuns: 10_000 },
    );
  });

  it.each([
    ['a leap day', '2024-02-29T00:00:00Z'],
    ['Feb 29 of a century', '1900-02-29T00:00:00Z'],
    ['Feb 29 of 2000', '2000-02-29T23:59:59.999Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['year 0099', '0099-12-31T23:59:59Z'],
    ['year 0100', '0100-01-01T00:00:00Z'],
    ['year 9999 at the last ms, west of UTC', '9999-12-31T23:59:59.999-23:59'],
    ['nine fractional digits', '2024-05-01T10:00:00.123456789+01:00'],
    ['ten fractional digits', '2024-05-01T10:00:00.1234567890Z'],
    ['a dot without digits', '2024-05-01T10:00:00.Z'],
    ['-00:00', '1970-01-01T00:00:00-00:00'],
    ['offset hour 24', '2024-05-01T10:00:00+24:00'],
    ['a trailing newline', '2024-05-01T10:00:00Z\n'],
    ['Arabic-Indic digits', '٢٠٢٤-05-01T10:00:00Z'],
  ])('%s: as before', (_label, text) => {
    expect(Object.is(parseTimestamp(text), referenceParseTimestamp(text))).toBe(true);
  });

  it.each(edgeMillis.concat([Number.NaN, Infinity, 1.5, -1.5]))('formats %p as before', (ms) => {
    expectSame(
      () => formatTimestamp(ms),
      () => referenceFormatTimestamp(ms),
    );
  });
});

const schemas: readonly (readonly [string, AvroSchema])[] = [
  ...Object.entries(topicSchemas),
  [
    'odd leaves',
    {
      type: 'record',
      name: 'Odd',
      fields: [
        { name: 'flag', type: 'boolean' },
        { name: 'ratio', type: 'double' },
        { name: 'weight', type: 'float' },
        { name: 'count', type: 'long' },
        { name: 'plain', type: 'int' },
        { name: 'text', type: 'string' },
        {
          name: 'at',
          type: ['null', { type: 'long', logicalType: 'timestamp-millis' }],
          default: null,
        },
        { name: 'on', type: ['null', { type: 'int', logicalType: 'date' }], default: null },
        { name: 'blob', type: ['null', 'bytes'], default: null },
        { name: 'tags', type: ['null', { type: 'array', items: 'string' }], default: null },
        {
          name: 'more',
          type: [
            'null',
            { type: 'map', values: { type: 'long', logicalType: 'timestamp-millis' } },
          ],
          default: null,
        },
        {
          name: 'inner',
          type: [
            'null',
            {
              type: 'record',
              name: 'Inner',
              fields: [{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }],
            },
          ],
          default: null,
        },
        { name: 'kind', type: { type: 'string', 'hub.values': ['a', 'b'] }, default: 'a' },
      ],
    },
  ],
];

describe.each(schemas)('%s', (_name, schema) => {
  it('canonicalize answers as the JSON-form round trip did', () => {
    fc.assert(
      fc.property(avroValue(schema), (value) => {
        expectSameCanonical(schema, value);
      }),
      runs,
    );
  });

  it('readJsonForm answers as the generic walk did', () => {
    fc.assert(
      fc.property(jsonValue(schema), (json) => {
        expectSame(
          () => readJsonForm(schema, json),
          () => referenceRead(schema, json),
        );
      }),
      runs,
    );
  });
});

describe('canonicalize on the example values', () => {
  it.each(Object.entries(exampleValues))('%s: as before', (topic, value) => {
    const schema = topicSchemas[topic as keyof typeof topicSchemas];
    expectSameCanonical(schema, value);
    expect(canonicalize(schema, value).ok).toBe(true);
  });

  it.each([
    ['-0', -0],
    ['year 0099', new Date('0099-06-01T00:00:00Z').getTime()],
    ['the first ms of 0100', -59_011_459_200_000],
    ['one ms before 0100', -59_011_459_200_001],
    ['the last ms of 9999', 253_402_300_799_999],
    ['the first ms of 10000', 253_402_300_800_000],
    ['past what Date holds', 8.64e15 + 1],
  ])('a timestamp at %s: as before', (_label, sourceVersion) => {
    const schema = topicSchemas['erp.inventory-level.v1'];
    expectSameCanonical(schema, { ...exampleValues['erp.inventory-level.v1'], sourceVersion });
  });
});
