/**
 * Several companies in one Business Central: the warehouse picks the company and location
 * (BC_WAREHOUSES, else BC_COMPANY); a token BC stops accepting is renewed once through the
 * credential cache and the write goes through.
 */
import { BcHarness, bcSim } from '../testing/bc-harness';

describe('connector-business-central with several companies', () => {
  let harness: BcHarness;
  beforeAll(async () => {
    const bc = bcSim({
      companies: [
        { name: 'CRONUS', locations: ['MAIN'], items: [{ number: '1896-S' }] },
        { name: 'CRONUS EU', locations: ['EU1'], items: [{ number: '1896-S' }] },
      ],
    });
    harness = await BcHarness.start(bc, {
      BC_WAREHOUSES: '{"EU":{"company":"CRONUS EU","location":"EU1"}}',
    });
  });
  afterAll(() => harness.close());

  it('writes each warehouse into its own company and location', async () => {
    await harness.publish([harness.level('1896-S', '5', 'EU'), harness.level('1896-S', '2')]);
    const outcomes = await harness.outcomes(2);
    expect(outcomes.map((o) => o.outcome)).toEqual(['succeeded', 'succeeded']);
    expect([
      harness.bc.onHand('CRONUS EU', '1896-S', 'EU1'),
      harness.bc.onHand('CRONUS', '1896-S', 'MAIN'),
    ]).toEqual([5, 2]);
    expect(harness.bc.company('CRONUS EU').inventoryWrites).toHaveLength(1);
  });

  it('renews a token BC no longer accepts, once, and the write goes through', async () => {
    const issued = harness.bc.tokens.issued;
    harness.bc.tokens.revokeAll();
    await harness.publish([harness.level('1896-S', '8')]);
    const outcomes = await harness.outcomes(3);
    expect(outcomes[2]?.outcome).toBe('succeeded');
    expect(harness.bc.tokens.issued).toBe(issued + 1);
    expect(harness.bc.onHand('CRONUS', '1896-S', 'MAIN')).toBe(8);
  });
});
