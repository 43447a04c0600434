import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';
import { executeKw, jsonRpcBody } from '../testing/rpc-helpers';

function post(
  sim: ErpSimulator,
  model: string,
  method: string,
  args: unknown[],
): Promise<Response> {
  return fetch(`${sim.url}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: jsonRpcBody('object', 'execute_kw', executeKw(model, method, args)),
  });
}

const createPartner = (sim: ErpSimulator, name: string): Promise<Response> =>
  post(sim, 'res.partner', 'create', [{ name }]);

describe('Odoo faults over HTTP', () => {
  let sim: ErpSimulator;

  beforeAll(async () => {
    sim = await startErpSimulator();
  });
  afterEach(() => {
    sim.odoo.clearFaults();
  });
  afterAll(() => sim.close());

  it('outage refuse-connection: the socket is dropped without an answer', async () => {
    sim.odoo.addFault({ kind: 'outage', mode: 'refuse-connection', times: 1 });
    await expect(createPartner(sim, 'never')).rejects.toThrow();
    expect(sim.odoo.records('res.partner', [['name', '=', 'never']])).toEqual([]);
  });

  it('outage 503 until cleared, then back to normal', async () => {
    sim.odoo.addFault({ kind: 'outage', mode: '503' });
    const statuses = [
      (await createPartner(sim, 'x')).status,
      (await createPartner(sim, 'x')).status,
    ];
    sim.odoo.clearFaults();
    expect([...statuses, (await createPartner(sim, 'after-outage')).status]).toEqual([
      503, 503, 200,
    ]);
  });

  it('rateLimit: 429 with Retry-After for N requests', async () => {
    sim.odoo.addFault({ kind: 'rateLimit', retryAfterSeconds: 7, times: 2 });
    const answers = [
      await createPartner(sim, 'r'),
      await createPartner(sim, 'r'),
      await createPartner(sim, 'r'),
    ];
    expect(answers.map((a) => [a.status, a.headers.get('retry-after')])).toEqual([
      [429, '7'],
      [429, '7'],
      [200, null],
    ]);
  });

  it('latency: the answer is delayed', async () => {
    sim.odoo.addFault({ kind: 'latency', latencyMs: 300, times: 1 });
    const started = Date.now();
    await createPartner(sim, 'slow');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('failAfterCommit on create: the record exists, the answer is 500; exactly one create counted', async () => {
    sim.odoo.resetCalls();
    sim.odoo.addFault({
      kind: 'failAfterCommit',
      method: 'create',
      model: 'res.partner',
      times: 1,
    });
    const response = await createPartner(sim, 'committed-500');
    expect(response.status).toBe(500);
    expect(sim.odoo.records('res.partner', [['name', '=', 'committed-500']])).toHaveLength(1);
    expect(sim.odoo.callCount('res.partner', 'create')).toBe(1);
  });

  it('dropAfterCommit: the record exists, the connection is dropped', async () => {
    sim.odoo.addFault({ kind: 'dropAfterCommit', method: 'create', times: 1 });
    await expect(createPartner(sim, 'committed-drop')).rejects.toThrow();
    expect(sim.odoo.records('res.partner', [['name', '=', 'committed-drop']])).toHaveLength(1);
  });

  it('scopes a fault to one method: other methods pass', async () => {
    sim.odoo.addFault({ kind: 'outage', mode: '503', method: 'write' });
    const search = await post(sim, 'res.partner', 'search', [[]]);
    const write = await post(sim, 'res.partner', 'write', [[1], { ref: 'x' }]);
    expect([search.status, write.status]).toEqual([200, 503]);
  });

  it('faults apply to XML-RPC and JSON-2 too', async () => {
    sim.odoo.addFault({ kind: 'outage', mode: '503', times: 2 });
    const xml = await fetch(`${sim.url}/xmlrpc/2/common`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0"?><methodCall><methodName>version</methodName><params></params></methodCall>',
    });
    const json2 = await fetch(`${sim.url}/json/2/res.partner/search`, {
      method: 'POST',
      headers: { authorization: 'bearer sim-odoo-api-key', 'content-type': 'application/json' },
      body: '{}',
    });
    expect([xml.status, json2.status]).toEqual([503, 503]);
  });
});
