import { z } from 'zod';
import { jsonText } from './json-text';

const schema = jsonText(z.object({ limit: z.number().int().min(1) }), 'an object with limit');

describe('jsonText', () => {
  it('parses a JSON document checked by the schema', () => {
    expect(schema.parse('{"limit": 3}')).toEqual({ limit: 3 });
  });

  it('names what was expected when the text is not JSON', () => {
    const result = schema.safeParse('{limit: 3');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'must be JSON: an object with limit',
    ]);
  });

  it('reports every schema issue with its path', () => {
    const result = schema.safeParse('{"limit": 0}');
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'limit: Too small: expected number to be >=1',
    ]);
  });
});
