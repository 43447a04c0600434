/**
 * Rotating BC_WEBHOOK_CLIENT_STATE against the simulator: with "<new>,<old>" new
 * subscriptions carry the new one, and a subscription BC still holds with the old one (made
 * by the previous deployment) is moved to the new one by a PATCH at the next check, long
 * before it would be renewed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BC_DEFAULT_APP, BC_DEFAULT_TENANT, BC_SCOPE } from '@hub/erp-simulator';
import { eventually } from '@hub/testing';
import { BcHarness, bcSim } from '../testing/bc-harness';

const NEW_STATE = 'new-client-state-0123456789';
const OLD_STATE = 'old-client-state-0123456789';

/** Answers BC's validation handshake, as the ingress route does; nothing else is needed here. */
async function handshakeResponder(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const token = new URL(request.url ?? '/', 'http://x').searchParams.get('validationToken');
    response.writeHead(token === null ? 202 : 200, { 'content-type': 'text/plain' });
    response.end(token ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

interface SubscriptionRow {
  readonly subscriptionId: string;
  readonly clientState: string;
  readonly '@odata.etag': string;
}

/** BC's subscriptions API as the connector's app registration sees it. */
function bcApi(simUrl: string) {
  const api = `${simUrl}/bc/v2.0/${BC_DEFAULT_TENANT}/production/api/v2.0/subscriptions`;
  const token = async (): Promise<string> => {
    const response = await fetch(`${simUrl}/bc/login/${BC_DEFAULT_TENANT}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: BC_DEFAULT_APP.clientId,
        client_secret: BC_DEFAULT_APP.clientSecret,
        scope: BC_SCOPE,
      }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  return {
    async list(): Promise<SubscriptionRow[]> {
      const response = await fetch(api, { headers: { authorization: `Bearer ${await token()}` } });
      return ((await response.json()) as { value: SubscriptionRow[] }).value;
    },
    async setClientState(row: SubscriptionRow, clientState: string): Promise<number> {
      const response = await fetch(`${api}('${row.subscriptionId}')`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${await token()}`,
          'content-type': 'application/json',
          'if-match': row['@odata.etag'],
        },
        body: JSON.stringify({ clientState }),
      });
      return response.status;
    },
  };
}

describe('BC_WEBHOOK_CLIENT_STATE rotation (simulator)', () => {
  let responder: Awaited<ReturnType<typeof handshakeResponder>>;
  let harness: BcHarness;

  beforeAll(async () => {
    responder = await handshakeResponder();
    // BC's 3-day lifetime: no renewal happens during the test, so only the rotation moves it.
    harness = await BcHarness.start(bcSim(), {
      BC_WEBHOOK_BASE_URL: responder.url,
      BC_WEBHOOK_CLIENT_STATE: `${NEW_STATE},${OLD_STATE}`,
      BC_SUBSCRIPTION_CHECK_INTERVAL: '250ms',
      BC_SUBSCRIPTION_RENEW_BEFORE: '2s',
    });
  });

  afterAll(async () => {
    await harness.close();
    await responder.close();
  });

  it('creates subscriptions with the new clientState and moves one found with the old one', async () => {
    const bc = bcApi(harness.sim.url);
    let rows: SubscriptionRow[] = [];
    await eventually(
      async () => (rows = await bc.list()).length === 1,
      () => 'the subscription',
    );
    const [created] = rows;
    expect(created?.clientState).toBe(NEW_STATE);

    // As the previous deployment left it: the same subscription with the old clientState.
    expect(created && (await bc.setClientState(created, OLD_STATE))).toBe(200);
    expect((await bc.list())[0]?.clientState).toBe(OLD_STATE);

    await eventually(
      async () => (rows = await bc.list())[0]?.clientState === NEW_STATE,
      () => `the subscription moved back to the new clientState, got ${JSON.stringify(rows)}`,
    );
    expect(rows.map((row) => row.subscriptionId)).toEqual([created?.subscriptionId]);
    const metrics = (await harness.app.server.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(
      new RegExp(
        `hub_bc_subscription_actions_total\\{system="${harness.system}",action="rotated"\\} 1`,
      ),
    );
  });
});
