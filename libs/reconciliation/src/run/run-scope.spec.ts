import { keyScopeOf, runScopeRequest } from './run-scope';

const problems = (input: unknown): string[] => {
  const result = runScopeRequest.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
};

describe('runScopeRequest', () => {
  it('turns a warehouse into the bounds of its keys, a range into its own bounds, nothing into no scope', () => {
    expect(keyScopeOf(runScopeRequest.parse({ warehouse: 'WH1' }))).toEqual({
      fromKey: 'WH1:',
      toKey: 'WH1:\uffff',
    });
    expect(keyScopeOf(runScopeRequest.parse({ fromKey: 'WH1:SKU-1' }))).toEqual({
      fromKey: 'WH1:SKU-1',
    });
    expect(keyScopeOf(runScopeRequest.parse({ fromKey: 'A', toKey: 'A' }))).toEqual({
      fromKey: 'A',
      toKey: 'A',
    });
    expect(keyScopeOf(runScopeRequest.parse({}))).toBeUndefined();
  });

  it('says why a scope is refused', () => {
    expect(problems({ warehouse: 'WH1', toKey: 'WH2:' })).toEqual([
      'warehouse give a warehouse or a key range (fromKey, toKey), not both',
    ]);
    expect(problems({ fromKey: 'WH2:', toKey: 'WH1:' })).toEqual([
      'toKey must not sort before fromKey',
    ]);
    expect(problems({ warehouse: 'WH1:SKU-1' })).toEqual([
      'warehouse must be a warehouse code (no ":" nor control characters)',
    ]);
    expect(problems({ fromKey: 'a\nb' })).toEqual(['fromKey must not contain control characters']);
    expect(problems({ warehouse: '' })).toHaveLength(1);
    expect(problems({ sku: 'SKU-1' })).toHaveLength(1);
    expect(problems({ fromKey: 7 })).toHaveLength(1);
  });
});
