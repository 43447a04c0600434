import { PermanentError, TransientError } from '@hub/resilience';
import { OdooClient } from '../odoo/odoo-client';
import { OdooSetupError } from '../odoo/required-fields';
import { ScriptedTransport } from '../testing/scripted-transport';
import type { OdooCall } from '../transport/odoo-call';
import { checkOdooSetup } from './odoo-startup-check';

const odoo = { url: 'https://acme.odoo.com', db: 'acme', referenceField: 'x_hub_correlation_id' };
const quiet = { info: () => undefined, warn: () => undefined };

function check(script: (call: OdooCall) => unknown, referenceField = odoo.referenceField) {
  const transport = new ScriptedTransport(script);
  const slept: number[] = [];
  let clock = 0;
  const run = checkOdooSetup({
    client: new OdooClient(transport, 'odoo'),
    system: 'odoo',
    odoo: { ...odoo, referenceField },
    timeoutMs: 5_000,
    retryDelayMs: 2_000,
    logger: quiet,
    now: () => clock,
    sleep: (ms) => {
      slept.push(ms);
      clock += ms;
      return Promise.resolve();
    },
  });
  return { run, transport, slept };
}

const hasField = (models: readonly string[]) => (call: OdooCall) =>
  models.includes(call.model) ? { x_hub_correlation_id: { type: 'char' } } : {};

describe('checkOdooSetup (start-up check of the fields connector-odoo writes)', () => {
  it('asks fields_get on stock.picking and stock.quant for the reference field, and passes', async () => {
    const { run, transport } = check(hasField(['stock.picking', 'stock.quant']));
    await expect(run).resolves.toBeUndefined();
    expect(transport.calls).toEqual([
      {
        model: 'stock.picking',
        method: 'fields_get',
        params: { allfields: ['x_hub_correlation_id'], attributes: ['type'] },
      },
      {
        model: 'stock.quant',
        method: 'fields_get',
        params: { allfields: ['x_hub_correlation_id'], attributes: ['type'] },
      },
    ]);
  });

  it('refuses to start when a model lacks the field, saying exactly how to create it', async () => {
    const { run } = check(hasField(['stock.picking']));
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooSetupError);
    const message = (error as Error).message;
    expect(message).toContain('Odoo odoo (https://acme.odoo.com, database acme)');
    expect(message).toContain('stock.quant (Quants) has no field x_hub_correlation_id');
    expect(message).not.toContain('stock.picking (Transfer) has no field');
    expect(message).toContain('extensions/odoo/hub_connector');
    expect(message).toContain('Settings > Technical > Fields > New');
    expect(message).toContain(
      `'ir.model.fields', 'create', [{'model_id': models.execute_kw(db, uid, password, 'ir.model', 'search', [[['model', '=', 'stock.quant']]])[0], 'name': 'x_hub_correlation_id', 'ttype': 'char'`,
    );
  });

  it('refuses a field of the wrong type, and names another ODOO_REFERENCE_FIELD in the fix', async () => {
    const { run } = check(() => ({ x_ref: { type: 'integer' } }), 'x_ref');
    const message = await run.then(
      () => '',
      (e: unknown) => (e as Error).message,
    );
    expect(message).toContain('stock.picking.x_ref has type integer; it must be char');
    expect(message).toContain('ODOO_REFERENCE_FIELD names another field');
  });

  it('asks again while Odoo is unreachable, then starts', async () => {
    let calls = 0;
    const { run, slept } = check((call) => {
      calls += 1;
      if (calls <= 2) throw new TransientError('NETWORK_ECONNREFUSED', 'connect ECONNREFUSED');
      return hasField(['stock.picking', 'stock.quant'])(call);
    });
    await expect(run).resolves.toBeUndefined();
    expect(slept).toEqual([2_000, 2_000]);
  });

  it('gives up after the timeout, and at once on a permanent failure (bad credentials)', async () => {
    const down = check(() => {
      throw new TransientError('NETWORK_ECONNREFUSED', 'connect ECONNREFUSED');
    });
    await expect(down.run).rejects.toThrow(/cannot start.*ECONNREFUSED/);
    expect(down.slept).toEqual([2_000, 2_000]);
    const denied = check(() => {
      throw new PermanentError('ODOO_AUTH_FAILED', 'login refused');
    });
    await expect(denied.run).rejects.toBeInstanceOf(OdooSetupError);
    expect(denied.slept).toEqual([]);
  });
});
