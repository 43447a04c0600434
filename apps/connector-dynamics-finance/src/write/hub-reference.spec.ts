import { receiptReference } from './hub-reference';

describe('receiptReference', () => {
  it('is 20 characters, deterministic, and differs per correlation id', () => {
    const a = receiptReference('c1-0123456789abcdef0123456789abcdef');
    expect(a).toBe('HUB-0123456789ABCDEF');
    expect(a).toHaveLength(20);
    expect(receiptReference('c1-1123456789abcdef0123456789abcdef')).not.toBe(a);
  });
});
