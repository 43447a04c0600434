/**
 * The simulator's webhook subscriptions: the handshake on create, changes coalesced into one
 * POST of the documented shape (./recorded), `collection` past the limit, and deletion of a
 * subscription whose endpoint refused a notification.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReceiver, until, type HttpReceiver } from '../testing/http-receiver';
import { startBcSession, type BcTestSession, type Json } from './bc-test-session';
import type { BusinessCentralSimOptions } from './business-central-simulator';

const notificationExample = (
  (
    (
      JSON.parse(
        readFileSync(join(__dirname, 'recorded', 'webhook-notification.json'), 'utf8'),
      ) as Json
    ).notification as Json
  ).value as Json[]
)[0];

describe('Business Central simulator webhook subscriptions', () => {
  let receiver: HttpReceiver;
  let session: BcTestSession | undefined;
  beforeEach(async () => {
    receiver = await startReceiver();
    receiver.respond = (request) => {
      const token = new URL(request.url, 'http://x').searchParams.get('validationToken');
      return token === null ? { status: 202 } : { status: 200, body: token };
    };
  });
  afterEach(async () => {
    await session?.sim.close();
    await receiver.close();
  });

  const start = async (options: BusinessCentralSimOptions = {}): Promise<BcTestSession> => {
    session = await startBcSession({
      companies: [
        {
          name: 'CRONUS',
          locations: ['MAIN'],
          items: [{ number: 'A' }, { number: 'B' }, { number: 'C' }],
        },
      ],
      ...options,
    });
    return session;
  };
  const subscribe = (s: BcTestSession, resource = 'items') =>
    s.call(`${s.root}/subscriptions`, {
      method: 'POST',
      body: JSON.stringify({
        notificationUrl: `${receiver.url}/hook`,
        resource: `/api/v2.0/companies(${s.bc.company('CRONUS').id})/${resource}`,
        clientState: 'secret',
      }),
    });
  const hooks = () => receiver.received.filter((r) => r.url === '/hook');

  it('handshakes, coalesces changes into one POST of the documented shape, and deletes on a 4xx answer', async () => {
    const s = await start({ subscriptions: { delayMs: 100, retryDelayMs: 100 } });
    const created = await subscribe(s);
    expect([created.status, typeof created.body.subscriptionId]).toEqual([201, 'string']);
    expect(receiver.received[0]?.url).toMatch(/validationToken=/);
    const company = s.bc.company('CRONUS');
    s.bc.store.post(company, 'A', 'MAIN', 1, 'Positive Adjmt.', 'X');
    s.bc.store.post(company, 'A', 'MAIN', 1, 'Positive Adjmt.', 'Y');
    const notification = await until(() => hooks()[0]);
    const [item] = (JSON.parse(notification.body) as { value: Json[] }).value;
    expect(Object.keys(item ?? {}).sort()).toEqual(Object.keys(notificationExample ?? {}).sort());
    expect(hooks()).toHaveLength(1);
    receiver.respond = () => ({ status: 400 });
    s.bc.store.post(company, 'A', 'MAIN', 1, 'Positive Adjmt.', 'Z');
    await until(() => (s.bc.subscriptions.list().length === 0 ? true : undefined));
  });

  it('sends one collection notification when more changed in the window than the limit', async () => {
    const s = await start({ subscriptions: { delayMs: 100, maxNotifications: 2 } });
    expect((await subscribe(s)).status).toBe(201);
    const company = s.bc.company('CRONUS');
    for (const number of ['A', 'B', 'C'])
      s.bc.store.post(company, number, 'MAIN', 1, 'Positive Adjmt.', 'X');
    const notification = await until(() => hooks()[0]);
    const value = (JSON.parse(notification.body) as { value: Json[] }).value;
    expect(value.map((v) => v.changeType)).toEqual(['collection']);
    expect(String(value[0]?.resource)).toMatch(/\/items\?\$filter=lastModifiedDateTime gt /);
  });

  it('refuses a subscription whose endpoint does not echo the token, and one on purchaseOrders', async () => {
    const s = await start();
    receiver.respond = () => ({ status: 200, body: 'not the token' });
    expect((await subscribe(s)).status).toBe(400);
    receiver.respond = (request) => ({
      status: 200,
      body: new URL(request.url, 'http://x').searchParams.get('validationToken') ?? '',
    });
    expect((await subscribe(s, 'purchaseOrders')).status).toBe(400);
    expect(s.bc.subscriptions.list()).toEqual([]);
  });
});
