import { resolve } from 'node:path';
import { loadPolicyFile } from '@hub/ownership';

describe('libs/ownership/policies/dynamics-finance.yaml', () => {
  it('routes stock and receipts from the WMS to F&O, purchase orders from F&O to the WMS', () => {
    const policy = loadPolicyFile(
      resolve(__dirname, '../../../../libs/ownership/policies/dynamics-finance.yaml'),
    );
    expect(policy.kindOf('dynamics-finance')).toBe('dynamics-finance');
    expect(policy.receiverVerdict('dynamics-finance', 'inventory-level').allowed).toBe(true);
    expect(policy.receiverVerdict('dynamics-finance', 'goods-receipt').allowed).toBe(true);
    expect(policy.notificationVerdict('dynamics-finance', 'purchase-order').allowed).toBe(true);
    expect(policy.notificationVerdict('dynamics-finance', 'inventory-level').allowed).toBe(false);
  });
});
