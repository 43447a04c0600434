import { defaultTargetControl, targetControlCodec } from './target-control';

describe('target control record', () => {
  it('survives Avro encode/decode', () => {
    const control = {
      target: 'odoo',
      paused: true,
      breaker: 'open' as const,
      changedAt: 1_767_000_000_000,
      changedBy: 'alice',
      pullForwardBefore: 1_767_000_000_500,
    };
    expect(targetControlCodec.decode(targetControlCodec.encode(control))).toEqual(control);
  });

  it('refuses a breaker force it does not know', () => {
    expect(
      targetControlCodec.isValid({ ...defaultTargetControl('odoo'), breaker: 'half-open' }),
    ).toBe(false);
  });

  it('has no orders by default', () => {
    expect(defaultTargetControl('sap')).toEqual({
      target: 'sap',
      paused: false,
      breaker: 'auto',
      changedAt: 0,
      changedBy: '',
      pullForwardBefore: null,
    });
  });
});
