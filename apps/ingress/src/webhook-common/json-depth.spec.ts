import { MAX_JSON_DEPTH, jsonDepthExceeds, parseJsonBody } from './content-type';

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('JSON nesting limit', () => {
  it('accepts documents up to the limit', () => {
    expect(jsonDepthExceeds(JSON.parse(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonDepthExceeds({ a: { b: [1, { c: 'd' }] } })).toBe(false);
  });

  it('refuses a document 100,000 levels deep as a 400, without overflowing', () => {
    const body = Buffer.from(`{"a":${nested(100_000)}}`);
    let code: unknown;
    try {
      parseJsonBody(body);
    } catch (error) {
      code = (error as { code: string }).code;
    }
    expect(code).toBe('INVALID_PAYLOAD');
  });
});
