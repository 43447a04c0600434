/**
 * The reviewer's drift pages and API over a connector's /reconciliation routes (real
 * reviewer, real Postgres; the connector side is a small HTTP server answering as a
 * connector does, its real routes are tested in connector-odoo's reconcile-delta spec):
 * the token and the operator's name go along, an action is audited with its outcome, a
 * viewer's action never reaches the connector, a connector's refusal and an unreachable
 * connector are named problems, and /drift shows the owner and receiver values.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiClient } from '../testing/api-client';
import {
  OPERATOR_TOKEN,
  VIEWER_TOKEN,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';

const CONNECTOR_TOKEN = 'connector-admin-token-0123456789';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly actor: string | undefined;
  readonly body: string;
}

const pairs = [
  {
    entityType: 'inventory-level',
    receiver: 'odoo',
    open: 1,
    ignored: 0,
    lastRun: {
      id: '7d3f0f5e-9a55-4c1e-8d1b-6f7c1c0d2a10',
      level: 'L2',
      state: 'halted',
      startedAt: 1_800_000_000_000,
    },
  },
];
const item = {
  entityKey: 'WH-EAST:SKU-1002',
  verdict: 'drifted',
  status: 'open',
  ownerValue: '9',
  receiverValue: '11',
  firstSeenAt: 1_800_000_000_000,
  lastSeenAt: 1_800_000_060_000,
};

function answer(request: IncomingMessage): [number, unknown] {
  if (request.headers.authorization !== `Bearer ${CONNECTOR_TOKEN}`)
    return [401, { detail: 'token' }];
  const url = request.url ?? '';
  if (url === '/reconciliation')
    return [
      200,
      {
        system: 'odoo',
        mode: 'report',
        levels: ['L0', 'L2', 'L3'],
        entityTypes: ['inventory-level'],
        pairs,
      },
    ];
  if (url.startsWith('/reconciliation/inventory-level/items?'))
    return [200, { items: [item], next: null }];
  if (url === '/reconciliation/run/L3') return [200, { reports: [] }];
  if (url === '/reconciliation/inventory-level/items/WH-EAST%3ASKU-1002/repair')
    return [200, { runId: 'r', items: [{ ...item, status: 'open' }], repairs: { succeeded: 1 } }];
  return [
    404,
    {
      type: 'urn:hub:problem:unknown-item',
      detail: 'No open or ignored drift item X of inventory-level.',
    },
  ];
}

describe('drift in the reviewer, proxied to the connectors', () => {
  let connector: Server;
  let running: RunningReviewer;
  const seen: Seen[] = [];

  beforeAll(async () => {
    connector = createServer((request, response) => {
      let sent = '';
      request.on('data', (chunk: Buffer) => (sent += chunk.toString('utf8')));
      request.on('end', () => {
        seen.push({
          method: request.method ?? '',
          url: request.url ?? '',
          authorization: request.headers.authorization,
          actor: request.headers['x-hub-actor'] as string | undefined,
          body: sent,
        });
        const [status, body] = answer(request);
        response.writeHead(status, {
          'content-type': status < 400 ? 'application/json' : 'application/problem+json',
        });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    const { port } = connector.address() as AddressInfo;
    running = await startReviewer({
      DLQ_RECONCILE_CONNECTORS: JSON.stringify({
        odoo: { url: `http://127.0.0.1:${String(port)}`, token: CONNECTOR_TOKEN },
        // Nothing listens on port 9: shown as unreachable, the other connector still shown.
        sap: { url: 'http://127.0.0.1:9', token: CONNECTOR_TOKEN },
      }),
    });
  });

  afterAll(async () => {
    await running.stop();
    await new Promise((resolve) => connector.close(resolve));
  });

  it('shows every connector to a viewer, an unreachable one as such', async () => {
    const { status, body } = await apiClient(running.url, VIEWER_TOKEN).get('/api/drift');
    expect(status).toBe(200);
    expect(body['connectors']).toMatchObject([
      { system: 'odoo', state: 'reachable', overview: { pairs } },
      { system: 'sap', state: 'unreachable' },
    ]);
    expect(JSON.stringify(body['connectors'])).toContain('Connector sap could not be reached');
    expect(seen.at(-1)).toMatchObject({ authorization: `Bearer ${CONNECTOR_TOKEN}` });
  });

  it("passes an operator's repair on with its name, audits it, and keeps a viewer's from the connector", async () => {
    const path = '/api/drift/odoo/inventory-level/items/WH-EAST%3ASKU-1002/repair';
    seen.length = 0;
    const refused = await apiClient(running.url, VIEWER_TOKEN).post(path);
    expect(refused.status).toBe(403);
    expect(seen).toEqual([]);

    const done = await apiClient(running.url, OPERATOR_TOKEN).post(path);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ repairs: { succeeded: 1 } });
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/reconciliation/inventory-level/items/WH-EAST%3ASKU-1002/repair',
        actor: 'ops-bot',
      }),
    ]);
    const audit = await apiClient(running.url, VIEWER_TOKEN).get('/api/audit?action=drift-repair');
    expect(audit.body['entries']).toMatchObject([
      {
        action: 'drift-repair',
        actor: 'ops-bot',
        details: {
          system: 'odoo',
          entityType: 'inventory-level',
          key: 'WH-EAST:SKU-1002',
          outcome: 'done',
        },
      },
    ]);
  });

  it("names a connector's refusal, an unknown connector and a bad parameter as problems", async () => {
    const operator = apiClient(running.url, OPERATOR_TOKEN);
    const refused = await operator.post('/api/drift/odoo/inventory-level/items/X/ignore');
    expect(refused.status).toBe(409);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'CONNECTOR_REFUSED', connectorStatus: 404 });
    expect(String(refused.body['detail'])).toContain('No open or ignored drift item X');

    expect(
      (await operator.post('/api/drift/bc/inventory-level/items/X/ignore')).body,
    ).toMatchObject({ code: 'UNKNOWN_CONNECTOR' });
    expect((await operator.post('/api/drift/sap/run/L2')).body).toMatchObject({
      code: 'CONNECTOR_UNREACHABLE',
    });
    expect((await operator.post('/api/drift/odoo/run/L9')).status).toBe(400);
  });

  it('passes a scoped L3 on to the connector, audited, and refuses a bad scope before asking it', async () => {
    const operator = apiClient(running.url, OPERATOR_TOKEN);
    seen.length = 0;
    const ran = await operator.post('/api/drift/odoo/run/L3', { warehouse: 'WH-EAST' });
    expect(ran.status).toBe(200);
    expect(seen).toEqual([
      expect.objectContaining({ url: '/reconciliation/run/L3', body: '{"warehouse":"WH-EAST"}' }),
    ]);
    const audit = await apiClient(running.url, VIEWER_TOKEN).get('/api/audit?action=drift-run');
    // Newest first: this run, with the scope it was asked for.
    expect((audit.body['entries'] as unknown[])[0]).toMatchObject({
      details: { system: 'odoo', level: 'L3', scope: { warehouse: 'WH-EAST' }, outcome: 'done' },
    });

    const both = await operator.post('/api/drift/odoo/run/L3', { warehouse: 'W', fromKey: 'A' });
    expect(both.status).toBe(400);
    expect(both.contentType).toContain('application/problem+json');
    expect(String(both.body['detail'])).toContain('not both');
    const backwards = await operator.post('/api/drift/odoo/run/L3', { fromKey: 'B', toKey: 'A' });
    expect(String(backwards.body['detail'])).toContain('toKey: must not sort before fromKey');
    const onL0 = await operator.post('/api/drift/odoo/run/L0', { warehouse: 'WH-EAST' });
    expect(onL0.status).toBe(400);
    expect(String(onL0.body['detail'])).toContain('L3 only');
    expect(seen).toHaveLength(1);
  });

  it("runs an L3 from the /drift form's scope fields, blank fields left out", async () => {
    seen.length = 0;
    const response = await fetch(`${running.url}/drift/odoo/run/L3`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${OPERATOR_TOKEN}`,
        origin: new URL(running.url).origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        warehouse: '',
        fromKey: 'WH-EAST:SKU-1',
        toKey: 'WH-EAST:SKU-2',
      }).toString(),
    });
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('L3 of odoo ran.');
    expect(page).toContain('name="warehouse"');
    expect(seen.find((call) => call.url === '/reconciliation/run/L3')?.body).toBe(
      '{"fromKey":"WH-EAST:SKU-1","toKey":"WH-EAST:SKU-2"}',
    );
  });

  it('shows the pair, the halted run and the item with both values on /drift', async () => {
    const response = await fetch(`${running.url}/drift`, {
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    });
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('data-key="WH-EAST:SKU-1002"');
    expect(page).toMatch(/class="owner-value">9<\/td>\s*<td class="receiver-value">11</);
    expect(page).toContain('halted by the drift cap');
    expect(page).toContain(`action="/drift/odoo/runs/${pairs[0]?.lastRun.id ?? ''}/approve"`);
    expect(page).toContain('Could not be read');
  });
});
