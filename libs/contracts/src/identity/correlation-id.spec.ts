import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { entityTypes } from './entity-types';
import {
  correlationId,
  payloadDigest,
  repairCorrelationId,
  type CorrelationInput,
} from './correlation-id';

const inputs = fc.record({
  sourceSystem: fc.string(),
  entityType: fc.constantFrom(...entityTypes),
  sourceRecordId: fc.string(),
  sourceVersion: fc.integer({ min: 0, max: 2 ** 45 }),
  payloadDigest: fc.string(),
});

const fields = [
  'sourceSystem',
  'entityType',
  'sourceRecordId',
  'sourceVersion',
  'payloadDigest',
] as const;

function changed(input: CorrelationInput, field: (typeof fields)[number]): CorrelationInput {
  switch (field) {
    case 'entityType':
      return {
        ...input,
        entityType:
          entityTypes[(entityTypes.indexOf(input.entityType) + 1) % entityTypes.length] ??
          input.entityType,
      };
    case 'sourceVersion':
      return { ...input, sourceVersion: input.sourceVersion + 1 };
    default:
      return { ...input, [field]: `${input[field]}x` };
  }
}

describe('correlationId', () => {
  it('is 35 characters: the c1- prefix and 32 hex digits', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        expect(correlationId(input)).toMatch(/^c1-[0-9a-f]{32}$/);
      }),
    );
  });

  it('gives the same id for the same input (a repeated delivery)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        expect(correlationId({ ...input })).toBe(correlationId(input));
      }),
    );
  });

  it('gives a different id when any one field changes', () => {
    fc.assert(
      fc.property(inputs, fc.constantFrom(...fields), (input, field) => {
        expect(correlationId(changed(input, field))).not.toBe(correlationId(input));
      }),
    );
  });

  it('cannot be fooled by separators moving between fields', () => {
    const base = { entityType: 'purchase-order', sourceVersion: 1, payloadDigest: 'd' } as const;
    expect(correlationId({ ...base, sourceSystem: 'a:b', sourceRecordId: 'c' })).not.toBe(
      correlationId({ ...base, sourceSystem: 'a', sourceRecordId: 'b:c' }),
    );
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (a, moved, c) => {
        const left = correlationId({ ...base, sourceSystem: `${a}${moved}`, sourceRecordId: c });
        const right = correlationId({ ...base, sourceSystem: a, sourceRecordId: `${moved}${c}` });
        expect(left).not.toBe(right);
      }),
    );
  });

  it('follows the documented recipe exactly (reproducible by other systems)', () => {
    const input = {
      sourceSystem: 'odoo',
      entityType: 'purchase-order',
      sourceRecordId: '42',
      sourceVersion: 1714550700000,
      payloadDigest: 'ab',
    } as const;
    const expected = createHash('sha256')
      .update('["odoo","purchase-order","42",1714550700000,"ab"]')
      .digest('hex')
      .slice(0, 32);
    expect(correlationId(input)).toBe(`c1-${expected}`);
  });
});

describe('the worked example in the README', () => {
  it('gives the published digest and id, so other systems can check their implementation', () => {
    const payload = {
      sku: 'SKU-1001',
      warehouse: 'WH-EAST',
      quantityOnHand: '125.5',
      unitOfMeasure: 'PCS',
      asOf: 1714550700123,
    };
    const digest = payloadDigest(payload);
    expect(digest).toBe('862ea24b5e94e1d5eecc6ee7b3f7d5a40ddc9f77a0bc2f1798878d66c5867491');
    const input = {
      sourceSystem: 'wms',
      entityType: 'inventory-level',
      sourceRecordId: 'rec-1',
      sourceVersion: 1714550700123,
    } as const;
    expect(correlationId({ ...input, payloadDigest: digest })).toBe(
      'c1-e41f72659bc1d87d84649cd5f28972b9',
    );
  });
});

describe('payloadDigest', () => {
  it('is the SHA-256 hex of the canonical JSON', () => {
    const expected = createHash('sha256').update('{"a":1,"b":"x"}').digest('hex');
    expect(payloadDigest({ b: 'x', a: 1 })).toBe(expected);
  });

  it('tells two changes with the same record and version apart (Odoo 1-second write_date)', () => {
    const common = {
      sourceSystem: 'odoo',
      entityType: 'inventory-level',
      sourceRecordId: '7',
      sourceVersion: 1714550700000,
    } as const;
    const first = correlationId({
      ...common,
      payloadDigest: payloadDigest({ quantityOnHand: '10' }),
    });
    const second = correlationId({
      ...common,
      payloadDigest: payloadDigest({ quantityOnHand: '11' }),
    });
    expect(first).not.toBe(second);
  });
});

describe('repairCorrelationId', () => {
  const original = 'c1-0123456789abcdef0123456789abcdef';

  it('is deterministic per (change, run), 35 characters, and never a change id', () => {
    const id = repairCorrelationId(original, 'run-1');
    expect(id).toBe(repairCorrelationId(original, 'run-1'));
    expect(id).toMatch(/^r1-[0-9a-f]{32}$/);
    expect(id).not.toBe(repairCorrelationId(original, 'run-2'));
    expect(id).not.toBe(repairCorrelationId('c1-ffffffffffffffffffffffffffffffff', 'run-1'));
  });
});
