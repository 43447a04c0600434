/**
 * End to end on the real stack: canonical purchase orders on Kafka → the connector runtime →
 * this adapter → the ERP simulator's WMS (which verifies Standard Webhooks signatures and
 * deduplicates on webhook-id), with its faults for 503, 429 + Retry-After and 410.
 */
import { systemEventIdentity, type CanonicalEvent } from '@hub/contracts';
import { readRetryContext, redeliveryMessage } from '@hub/delivery-protocol';
import { startErpSimulator, type ErpSimulator } from '@hub/erp-simulator';
import { uniqueName, type ConsumedMessage } from '@hub/testing';
import { Webhook } from 'standardwebhooks';
import {
  ADMIN_TOKEN,
  startConnector,
  type RunningConnector,
} from '../testing/connector-http-harness';
import { about, decoders } from '../testing/outcomes';
import { purchaseOrderEvent } from '../testing/purchase-orders';
import { readTopic, type TopicReader } from '../testing/topic-reader';

const SECRET = 'whsec_dGVzdC13bXMtcmVjZWl2ZS1zZWNyZXQtMTIz';
const decode = decoders();

let sim: ErpSimulator;
let running: RunningConnector;
let outcomes: TopicReader;
let retries: TopicReader;

beforeAll(async () => {
  sim = await startErpSimulator({ wms: { receiveSecret: SECRET } });
  running = await startConnector({
    wms: {
      url: `${sim.url}/wms/purchase-orders`,
      secret: SECRET,
      timeout: '2s',
      entityTypes: ['purchase-order'],
    },
  });
  outcomes = await readTopic(running.topics.outcomes);
  retries = await readTopic(running.topics.retry);
});

afterAll(async () => {
  await outcomes.close();
  await retries.close();
  await running.stop();
  await sim.close();
});

function newOrder(): CanonicalEvent<'purchase-order'> {
  return purchaseOrderEvent(uniqueName('PO').toUpperCase(), { identity: systemEventIdentity });
}

async function outcomeKinds(correlationId: string, count: number): Promise<string[]> {
  const messages = await outcomes.until((all) => about(all, correlationId).length >= count);
  const decoded = await Promise.all(about(messages, correlationId).map(decode.outcome));
  return decoded.map((o) => o.payload.outcome).sort();
}

async function retryOf(correlationId: string): Promise<ConsumedMessage> {
  const messages = await retries.until((all) => about(all, correlationId).length > 0);
  const [message] = about(messages, correlationId);
  if (message === undefined) throw new Error('unreachable');
  return message;
}

function deliveriesOf(webhookId: string) {
  return sim.wms.deliveries().filter((d) => d.webhookId === webhookId);
}

function attemptsOf(webhookId: string) {
  return sim.wms.attempts().filter((a) => a.webhookId === webhookId);
}

/** hub_http_endpoint_disabled of endpoint wms, from /metrics. */
async function disabledGauge(): Promise<number | undefined> {
  const text = await (await fetch(`${running.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) =>
      l.startsWith(`hub_http_endpoint_disabled{system="${running.system}",endpoint="wms"}`),
    );
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('purchase orders to the WMS', () => {
  it('delivers a canonical PO once, as a signed webhook the WMS verifies', async () => {
    const order = newOrder();
    await running.publish(order);
    expect(await outcomeKinds(order.correlationId, 1)).toEqual(['succeeded']);
    const [delivery] = deliveriesOf(order.correlationId);
    expect(deliveriesOf(order.correlationId)).toHaveLength(1);
    expect(delivery?.path).toBe('/wms/purchase-orders');
    expect(delivery?.body).toMatchObject({
      type: 'purchase-order.confirmed',
      data: { poNumber: order.payload.poNumber, status: 'confirmed', currency: 'EUR' },
    });
    const headers = delivery?.headers as Record<string, string>;
    expect(() => new Webhook(SECRET).verify(delivery?.rawBody ?? '', headers)).not.toThrow();
  });

  it('delivers the same event published three times once', async () => {
    const sourceVersion = Date.now();
    const copies = [1, 2, 3].map(() =>
      purchaseOrderEvent('PO-SAME-' + String(sourceVersion), {
        sourceVersion,
        identity: systemEventIdentity,
      }),
    );
    const [first] = copies;
    if (first === undefined) throw new Error('unreachable');
    for (const copy of copies) await running.publish(copy);
    expect(await outcomeKinds(first.correlationId, 3)).toEqual([
      'duplicate',
      'duplicate',
      'succeeded',
    ]);
    expect(attemptsOf(first.correlationId)).toHaveLength(1);
  });

  it('503: the event goes to the retry topic with the failure context and an outcome', async () => {
    sim.wms.addFault({ kind: 'outage', mode: '503', times: 1 });
    const order = newOrder();
    await running.publish(order);
    const retried = await retryOf(order.correlationId);
    const context = readRetryContext(retried.headers);
    expect(context).toMatchObject({ target: running.system, attempts: 1 });
    expect(context?.history[0]).toMatchObject({
      attempt: 1,
      errorClass: 'transient',
      code: 'HTTP_SERVER_ERROR',
      httpStatus: 503,
    });
    expect(retried.headers['hub-last-error-class']).toBe('transient');
    expect(retried.key).toBe(order.entityKey);
    const [outcome] = await Promise.all(
      about(
        await outcomes.until((all) => about(all, order.correlationId).length > 0),
        order.correlationId,
      ).map(decode.outcome),
    );
    expect(outcome?.payload).toMatchObject({
      outcome: 'failed_transient',
      target: running.system,
      attempt: 1,
      failure: { code: 'HTTP_SERVER_ERROR', httpStatus: 503, errorClass: 'transient' },
    });
    expect(deliveriesOf(order.correlationId)).toHaveLength(0);
  });

  it('429 with Retry-After: hub-not-before is the failure time plus the wait', async () => {
    sim.wms.addFault({ kind: 'rateLimit', retryAfterSeconds: 30, times: 1 });
    const order = newOrder();
    await running.publish(order);
    const context = readRetryContext((await retryOf(order.correlationId)).headers);
    const failedAt = context?.history.at(-1)?.at ?? 0;
    expect(context?.history.at(-1)).toMatchObject({ code: 'HTTP_RATE_LIMITED', httpStatus: 429 });
    expect(context?.notBefore).toBe(failedAt + 30_000);
  });

  it('410 disables the endpoint; later events wait and flow after an operator enables it', async () => {
    sim.wms.addFault({ kind: 'gone', times: 1 });
    const gone = newOrder();
    await running.publish(gone);
    const goneRetry = await retryOf(gone.correlationId);
    expect(readRetryContext(goneRetry.headers)?.history[0]).toMatchObject({
      code: 'ENDPOINT_GONE',
      httpStatus: 410,
    });
    const listed = await running.admin('GET', '/endpoints');
    expect(listed.body).toMatchObject({
      systemId: running.system,
      endpoints: [
        { id: 'wms', state: 'disabled', disabledReason: expect.stringContaining('410') as unknown },
      ],
    });

    expect(await disabledGauge()).toBe(1);

    const waiting = newOrder();
    await running.publish(waiting);
    const waitingRetry = await retryOf(waiting.correlationId);
    expect(readRetryContext(waitingRetry.headers)?.history[0]).toMatchObject({
      code: 'ENDPOINT_DISABLED',
      errorClass: 'transient',
    });
    expect(attemptsOf(waiting.correlationId)).toHaveLength(0);

    const enabled = await running.admin('POST', '/endpoints/wms/enable');
    expect(enabled).toMatchObject({
      status: 200,
      body: { changed: true, endpoint: { state: 'enabled' } },
    });
    expect(await disabledGauge()).toBe(0);

    // The retry scheduler's part: both retries go back to the connector's redelivery topic.
    await running.send(
      [goneRetry, waitingRetry].map((message) => {
        const context = readRetryContext(message.headers);
        if (context === undefined) throw new Error('a retry carries its context');
        return redeliveryMessage(
          { key: message.key, value: message.value, rawHeaders: message.headers },
          context,
        );
      }),
    );
    for (const order of [gone, waiting]) {
      expect(await outcomeKinds(order.correlationId, 2)).toEqual(['failed_transient', 'succeeded']);
      expect(deliveriesOf(order.correlationId)).toHaveLength(1);
    }
  });

  it('refuses the admin routes without the token', async () => {
    const response = await fetch(`${running.url}/endpoints`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const unknown = await running.admin('POST', '/endpoints/nope/enable');
    expect(unknown.status).toBe(404);
    const emptyJson = await fetch(`${running.url}/endpoints/wms/enable`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    });
    expect(await emptyJson.json()).toMatchObject({
      changed: false,
      endpoint: { state: 'enabled' },
    });
  });
});
