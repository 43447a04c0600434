/**
 * The adapter over real HTTP and real Postgres (no Kafka): a Fastify receiver that verifies
 * with the standardwebhooks package, and the endpoint state in a fresh Postgres schema.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@hub/observability';
import { NETWORK_ERROR_CODES, TransientError, systemClock } from '@hub/resilience';
import { createTestSchema, type TestSchema } from '@hub/testing';
import type { DataSource } from 'typeorm';
import type { EndpointConfig } from '../app/endpoints-setting';
import { createConnectorHttpDataSource } from '../endpoint-state/endpoint-state-data-source';
import { EndpointStateStore } from '../endpoint-state/endpoint-state-store';
import { purchaseOrderEvent } from '../testing/purchase-orders';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver';
import { DELIVERY_ERROR_CODES, HttpWriteAdapter } from './http-write-adapter';
import { WebhookSender } from './webhook-sender';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

let schema: TestSchema;
let dataSource: DataSource;
let receiver: TestReceiver;
let store: EndpointStateStore;

beforeAll(async () => {
  schema = await createTestSchema('connector_http');
  dataSource = createConnectorHttpDataSource(schema.databaseUrl, schema.schema);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  store = new EndpointStateStore(dataSource, schema.schema);
  receiver = await startTestReceiver(SECRET);
});

afterAll(async () => {
  await receiver.close();
  await dataSource.destroy();
  await schema.drop();
});

function adapterFor(endpoint: EndpointConfig): HttpWriteAdapter {
  return new HttpWriteAdapter({
    endpoints: [endpoint],
    state: store,
    gauge: { set: () => undefined },
    sender: new WebhookSender(systemClock),
    clock: systemClock,
    logger: createLogger({ service: 'test', level: 'silent' }),
  });
}

function endpoint(id: string, url = receiver.url, timeoutMs = 2_000): EndpointConfig {
  return { id, url, secrets: [SECRET], timeoutMs, entityTypes: ['purchase-order'] };
}

function context(correlationId: string) {
  return { correlationId, attempt: 1, signal: new AbortController().signal };
}

async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error & { code?: string },
  );
}

/** A port nothing listens on (fetch refuses "bad ports" such as 1 before connecting). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('HTTP delivery (real receiver, real Postgres)', () => {
  it('delivers a signed body the receiver verifies, with webhook-id = correlation id', async () => {
    const event = purchaseOrderEvent('PO-INT-1');
    await adapterFor(endpoint('ok')).apply(event, context(event.correlationId));
    const delivery = receiver.deliveries.find((d) => d.webhookId === event.correlationId);
    expect(delivery?.body).toMatchObject({
      type: 'purchase-order.confirmed',
      data: { poNumber: 'PO-INT-1', status: 'confirmed' },
    });
  });

  it('while rotating, signs with both secrets: a receiver with only the old one and one with only the new one both verify', async () => {
    const next = 'whsec_bmV4dC13bXMtc2lnbmluZy1zZWNyZXQtMDEyMzQ=';
    const onlyNew = await startTestReceiver(next);
    try {
      const event = purchaseOrderEvent('PO-INT-ROTATE');
      for (const [index, url] of [receiver.url, onlyNew.url].entries())
        await adapterFor({
          ...endpoint(`rotate-${String(index)}`, url),
          secrets: [next, SECRET],
        }).apply(event, context(event.correlationId));
      const received = [receiver, onlyNew].map(
        (target) => target.deliveries.find((d) => d.webhookId === event.correlationId)?.body,
      );
      expect(received).toEqual([
        expect.objectContaining({ type: 'purchase-order.confirmed' }),
        expect.objectContaining({ type: 'purchase-order.confirmed' }),
      ]);
    } finally {
      await onlyNew.close();
    }
  });

  it('times out after the endpoint timeout, transient', async () => {
    receiver.script({ status: 200, delayMs: 1_000 });
    const event = purchaseOrderEvent('PO-INT-2');
    const started = Date.now();
    const error = await failureOf(
      adapterFor(endpoint('slow', receiver.url, 200)).apply(event, context(event.correlationId)),
    );
    expect(error).toBeInstanceOf(TransientError);
    expect(error.code).toBe(NETWORK_ERROR_CODES.timeout);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('a refused connection is transient', async () => {
    const event = purchaseOrderEvent('PO-INT-3');
    const url = `http://127.0.0.1:${String(await closedPort())}/hooks`;
    const error = await failureOf(
      adapterFor(endpoint('closed', url)).apply(event, context(event.correlationId)),
    );
    expect(error.code).toBe(NETWORK_ERROR_CODES.connectionRefused);
  });

  it('429 with Retry-After is transient with retryAfterMs', async () => {
    receiver.script({ status: 429, headers: { 'retry-after': '2' } });
    const event = purchaseOrderEvent('PO-INT-4');
    const error = await failureOf(
      adapterFor(endpoint('busy')).apply(event, context(event.correlationId)),
    );
    expect(error instanceof TransientError && error.retryAfterMs).toBe(2_000);
  });

  it('410 disables the endpoint in Postgres until enabled; meanwhile nothing is sent', async () => {
    const adapter = adapterFor(endpoint('gone'));
    receiver.script({ status: 410 });
    const first = purchaseOrderEvent('PO-INT-5');
    expect((await failureOf(adapter.apply(first, context(first.correlationId)))).code).toBe(
      DELIVERY_ERROR_CODES.endpointGone,
    );
    const fresh = new EndpointStateStore(dataSource, schema.schema);
    expect((await fresh.state('gone')).disabled).toMatchObject({ httpStatus: 410 });

    const second = purchaseOrderEvent('PO-INT-6');
    const requestsBefore = receiver.attempts.length;
    expect((await failureOf(adapter.apply(second, context(second.correlationId)))).code).toBe(
      DELIVERY_ERROR_CODES.endpointDisabled,
    );
    expect(receiver.attempts).toHaveLength(requestsBefore);

    expect(await fresh.enable('gone', Date.now())).toBe(true);
    expect(await fresh.enable('gone', Date.now())).toBe(false);
    await adapter.apply(second, context(second.correlationId));
    expect(receiver.deliveries.some((d) => d.webhookId === second.correlationId)).toBe(true);
    expect((await fresh.state('gone')).enabledAt).toBeDefined();
  });
});
