import { ReconcileBudget } from './reconcile-budget';

function budget(share: number) {
  let now = 0;
  const slept: number[] = [];
  const spendable = new ReconcileBudget({
    share,
    ratePerSecond: 20,
    burst: 20,
    clock: { now: () => now },
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  });
  return { spendable, elapsed: () => now, slept };
}

describe('ReconcileBudget', () => {
  it("holds reconciliation to its share of the target's budget: 10 % of 20/s is 2 calls a second", async () => {
    const { spendable, elapsed } = budget(0.1);
    expect(spendable.ratePerSecond).toBeCloseTo(2);
    await spendable.spend(2, new AbortController().signal);
    expect(elapsed()).toBe(0);
    await spendable.spend(4, new AbortController().signal);
    expect(elapsed()).toBeGreaterThanOrEqual(1_990);
    expect(elapsed()).toBeLessThanOrEqual(2_010);
  });

  it('takes the whole budget when told to, and stops waiting when the job is aborted', async () => {
    const { spendable, elapsed } = budget(1);
    await spendable.spend(20, new AbortController().signal);
    expect(elapsed()).toBe(0);
    const aborter = new AbortController();
    aborter.abort(new Error('job stopped'));
    await expect(spendable.spend(1, aborter.signal)).rejects.toThrow('job stopped');
  });
});
