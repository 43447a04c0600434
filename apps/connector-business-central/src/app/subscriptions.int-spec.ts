/**
 * Webhook subscriptions in scaled time (BC's 3 days are 3 s here): created by the connector
 * with the handshake answered by the ingress route, renewed before expiry by the leader's
 * periodic job, re-created when BC deleted one (here after an answer BC takes as a refusal),
 * and their state shown in /status and metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BcHarness, bcSim } from '../testing/bc-harness';

interface FakeIngress {
  readonly url: string;
  readonly handshakes: string[];
  readonly notifications: string[];
  /** Status for notifications (the handshake is always answered with its token). */
  status: number;
  close(): Promise<void>;
}

/** The ingress route as BC sees it: echoes validationToken, answers notifications with `status`. */
async function fakeIngress(): Promise<FakeIngress> {
  const state = { status: 202 };
  const handshakes: string[] = [];
  const notifications: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const token = new URL(request.url ?? '/', 'http://x').searchParams.get('validationToken');
      if (token !== null) {
        handshakes.push(request.url ?? '');
        response.writeHead(200, { 'content-type': 'text/plain' }).end(token);
        return;
      }
      notifications.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handshakes,
    notifications,
    get status() {
      return state.status;
    },
    set status(value: number) {
      state.status = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('connector-business-central webhook subscriptions', () => {
  let ingress: FakeIngress;
  let harness: BcHarness;
  beforeEach(async () => {
    ingress = await fakeIngress();
    harness = await BcHarness.start(
      bcSim({ subscriptions: { expiryMs: 3_000, delayMs: 100, retryDelayMs: 100 } }),
      {
        BC_WEBHOOK_BASE_URL: ingress.url,
        BC_WEBHOOK_CLIENT_STATE: 'client-state-secret-0123',
        BC_SUBSCRIPTION_CHECK_INTERVAL: '250ms',
        BC_SUBSCRIPTION_RENEW_BEFORE: '2s',
      },
    );
  });
  afterEach(async () => {
    await harness.close();
    await ingress.close();
  });

  it('creates the items subscription at the ingress route and renews it before it expires', async () => {
    await until(() => harness.bc.subscriptions.list().length === 1, 'the subscription');
    const [created] = harness.bc.subscriptions.list();
    expect(created?.resource).toBe(`/api/v2.0/companies(${harness.bc.company('CRONUS').id})/items`);
    expect(ingress.handshakes[0]).toMatch(
      new RegExp(`^/webhooks/business-central/${harness.system}\\?validationToken=`),
    );
    // Past the first expiry (3 s) it still lives: renewed (PATCH, a handshake again), same id.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const [renewed] = harness.bc.subscriptions.list();
    expect(renewed?.subscriptionId).toBe(created?.subscriptionId);
    expect(Date.parse(renewed?.expirationDateTime ?? '')).toBeGreaterThan(
      Date.parse(created?.expirationDateTime ?? ''),
    );
    expect(ingress.handshakes.length).toBeGreaterThanOrEqual(2);
    expect(
      harness.bc.requests.filter((r) => r === 'PATCH subscriptions').length,
    ).toBeGreaterThanOrEqual(1);
    const status = JSON.parse(
      (await harness.app.server.inject({ method: 'GET', url: '/status' })).body,
    ) as {
      businessCentral: { subscriptions: { subscriptionId: string; lastAction: string }[] };
    };
    expect(status.businessCentral.subscriptions.map((s) => s.subscriptionId)).toEqual([
      created?.subscriptionId,
    ]);
  });

  it('re-creates the subscription BC deleted after a refused notification', async () => {
    await until(() => harness.bc.subscriptions.list().length === 1, 'the subscription');
    const [first] = harness.bc.subscriptions.list();
    ingress.status = 400;
    harness.bc.store.post(
      harness.bc.company('CRONUS'),
      '1896-S',
      'MAIN',
      1,
      'Positive Adjmt.',
      'X',
    );
    await until(() => ingress.notifications.length > 0, 'the notification');
    const notified = JSON.parse(ingress.notifications[0] ?? '{}') as {
      value: { clientState: string }[];
    };
    expect(notified.value[0]?.clientState).toBe('client-state-secret-0123');
    ingress.status = 202;
    await until(
      () => harness.bc.subscriptions.list().some((s) => s.subscriptionId !== first?.subscriptionId),
      'the re-created subscription',
    );
    // BC holds the new subscription a moment before the connector has its answer and counts it.
    const recreated = new RegExp(
      `hub_bc_subscription_actions_total\\{system="${harness.system}",action="recreated"\\} 1`,
    );
    let metrics = '';
    for (let tries = 0; tries < 100 && !recreated.test(metrics); tries += 1) {
      metrics = (await harness.app.server.inject({ method: 'GET', url: '/metrics' })).body;
      if (!recreated.test(metrics)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(metrics).toMatch(recreated);
    expect(harness.bc.subscriptions.list()).toHaveLength(1);
  });
});
