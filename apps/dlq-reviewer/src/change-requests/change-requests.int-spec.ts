/**
 * The reviewer follows change requests and the outcomes of their delivery with its own
 * consumer group (real Kafka and Postgres): pending until an outcome, then delivered,
 * no-change, failed or dead-lettered, whatever arrives first; outcomes of other targets are not
 * change requests. The API lists them (viewer) with filters and paging, refuses a bad
 * filter with problem+json, and the console page shows each with its state in Chromium.
 */
import {
  buildEnvelope,
  changeRequestTarget,
  systemEventIdentity,
  topics,
  valueSubject,
  type ChangeRequestEvent,
  type DeliveryOutcomeKind,
} from '@hub/contracts';
import { deliveryOutcomeEvent, envelopeOf } from '@hub/delivery-protocol';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  createTopicAdmin,
  encodeHubHeaders,
  registerContractCatalog,
  type Producer,
} from '@hub/messaging';
import { testEndpoints, uniqueName } from '@hub/testing';
import { chromium, type Browser } from 'playwright-core';
import { apiClient } from '../testing/api-client';
import {
  VIEWER_TOKEN,
  eventually,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';

const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
const kafka = createKafkaClient({
  brokers: [testEndpoints().kafkaBrokers],
  clientId: uniqueName('cr'),
});
const changeRequestTopic = uniqueName('dlq-change-requests');
const key = `WH-EAST:${uniqueName('SKU').toUpperCase()}`;
let running: RunningReviewer;
let producer: Producer;
let browser: Browser;

function request(n: number, entityKey = key): ChangeRequestEvent {
  const envelope = buildEnvelope(
    {
      correlationId: `c1-${uniqueName('cr').replace(/[^a-z0-9]/g, '')}`,
      entityType: 'inventory-level',
      entityKey,
      sourceSystem: 'odoo',
      sourceRecordId: `stock.quant/${String(n)}`,
      sourceVersion: Date.parse('2026-12-04T10:00:00Z') + n * 1000,
    },
    systemEventIdentity,
  );
  const payload = {
    ownerSystem: 'wms',
    requestedBy: n === 1 ? 'alice' : null,
    reason: 'reverse-direction write from odoo',
    proposedPayloadJson: JSON.stringify({ _model: 'stock.quant', quantity: n }),
    canonicalProposalJson: JSON.stringify({ quantityOnHand: String(n) }),
  };
  return { ...envelope, payload };
}

async function publishRequest(event: ChangeRequestEvent): Promise<void> {
  await producer.send([
    {
      topic: changeRequestTopic,
      key: event.entityKey,
      value: serde.encode(valueSubject(topics.changeRequest), event),
      headers: encodeHubHeaders(event),
    },
  ]);
}

async function publishOutcome(
  event: ChangeRequestEvent,
  outcome: DeliveryOutcomeKind,
  attempt: number,
  target = changeRequestTarget('wms'),
): Promise<void> {
  const failed = outcome.startsWith('failed_');
  const value = deliveryOutcomeEvent(
    {
      delivered: envelopeOf(event),
      target,
      outcome,
      attempt,
      failure: failed
        ? {
            code: 'HTTP_SERVER_ERROR',
            errorClass: 'transient',
            message: 'Endpoint wms: HTTP 503',
            httpStatus: 503,
          }
        : null,
      targetCalled: true,
    },
    systemEventIdentity,
  );
  await producer.send([
    {
      topic: running.outcomeTopic,
      key: event.entityKey,
      value: serde.encode(valueSubject(topics.deliveryOutcome), value),
      headers: {},
    },
  ]);
}

type Listed = {
  items: { correlationId: string; state: string; attempts: number; requestedBy: string | null }[];
  total: number;
};

beforeAll(async () => {
  const admin = createTopicAdmin(kafka);
  try {
    await admin.ensureTopics([{ name: changeRequestTopic, partitions: 2, replicationFactor: 1 }]);
  } finally {
    await admin.close();
  }
  await registerContractCatalog(serde);
  running = await startReviewer({ DLQ_CHANGE_REQUEST_TOPIC: changeRequestTopic });
  producer = createProducer(kafka);
  await producer.connect();
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
});

afterAll(async () => {
  await browser.close();
  await producer.disconnect();
  await running.stop();
});

describe('change requests in the reviewer', () => {
  const [delivered, deadLettered, failed, pending] = [1, 2, 3, 4].map((n) => request(n)) as [
    ChangeRequestEvent,
    ChangeRequestEvent,
    ChangeRequestEvent,
    ChangeRequestEvent,
  ];

  it('follows each request to its delivery state and lists them (viewer), filtered and paged', async () => {
    await publishRequest(delivered);
    await publishOutcome(delivered, 'failed_transient', 1);
    await publishOutcome(delivered, 'succeeded', 2);
    // The outcomes first, the request after: the state stays.
    await publishOutcome(deadLettered, 'failed_transient', 1);
    await publishOutcome(deadLettered, 'dead_lettered', 2);
    await publishRequest(deadLettered);
    await publishRequest(failed);
    await publishOutcome(failed, 'failed_transient', 1);
    // Another target's outcome of the same id is not a change request's.
    await publishOutcome(failed, 'succeeded', 2, 'wms');
    await publishRequest(pending);

    const api = apiClient(running.url, VIEWER_TOKEN);
    const path = `/api/change-requests?entityKey=${encodeURIComponent(key)}`;
    const listed = await eventually('four change requests in their states', async () => {
      const answer = await api.get(path);
      const body = answer.body as unknown as Listed;
      const states = body.items.map((item) => item.state).join(',');
      return states === 'pending,failed,dead-lettered,delivered' ? body : undefined;
    });
    expect(listed.items.map((item) => [item.correlationId, item.attempts])).toEqual([
      [pending.correlationId, 0],
      [failed.correlationId, 1],
      [deadLettered.correlationId, 2],
      [delivered.correlationId, 2],
    ]);
    expect(listed.items[3]?.requestedBy).toBe('alice');

    const second = (await api.get(`${path}&pageSize=3&page=2`)).body as unknown as Listed;
    expect([second.total, second.items.map((item) => item.correlationId)]).toEqual([
      4,
      [delivered.correlationId],
    ]);
    const dead = (await api.get(`${path}&state=dead-lettered`)).body as unknown as Listed;
    expect(dead.items.map((item) => item.correlationId)).toEqual([deadLettered.correlationId]);

    const refused = await api.get('/api/change-requests?state=lost');
    expect([refused.status, refused.contentType]).toEqual([
      400,
      'application/problem+json; charset=utf-8',
    ]);
  });

  it('shows them in the console with their state (Chromium)', async () => {
    const page = await browser.newPage();
    await page.goto(`${running.url}/signin`);
    await page.fill('#token', VIEWER_TOKEN);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(`${running.url}/`);
    await page.click('a[href="/change-requests"]');
    await page.fill('input[name="entityKey"]', key);
    await page.selectOption('select[name="state"]', 'dead-lettered');
    await page.click('button:has-text("Filter")');
    await page.waitForURL(/state=dead-lettered/);
    const rows = await Promise.all(
      (await page.locator('tr[data-correlation-id]').all()).map(async (row) => [
        await row.getAttribute('data-correlation-id'),
        await row.locator('.state').textContent(),
      ]),
    );
    expect(rows).toEqual([[deadLettered.correlationId, 'dead-lettered']]);
    await page.selectOption('select[name="state"]', '');
    await page.click('button:has-text("Filter")');
    await page.waitForSelector(`tr[data-correlation-id="${pending.correlationId}"]`);
    expect(
      await page.textContent(`tr[data-correlation-id="${delivered.correlationId}"] .state`),
    ).toBe('delivered');
    expect(await page.textContent('main')).toContain('odoo (alice)');
    await page.close();
  });

  it("lists a request that proposed the owner's current value as no-change, also after its redelivery", async () => {
    const otherKey = `WH-EAST:${uniqueName('SKU').toUpperCase()}`;
    const unchanged = request(5, otherKey);
    // Answered `superseded` by a connector-http from before the no_change kind.
    const answeredBefore = request(6, otherKey);
    await publishRequest(unchanged);
    await publishRequest(answeredBefore);
    // connector-http's answer to it, and to its redelivery.
    await publishOutcome(unchanged, 'no_change', 1);
    await publishOutcome(unchanged, 'no_change', 1);
    await publishOutcome(answeredBefore, 'superseded', 1);
    const api = apiClient(running.url, VIEWER_TOKEN);
    const listed = await eventually('both requests listed no-change', async () => {
      const answer = await api.get(
        `/api/change-requests?entityKey=${encodeURIComponent(otherKey)}&state=no-change`,
      );
      const body = answer.body as unknown as Listed;
      return body.total === 2 ? body : undefined;
    });
    expect(
      listed.items.map((item) => [item.correlationId, item.state, item.attempts]).sort(),
    ).toEqual(
      [
        [unchanged.correlationId, 'no-change', 1],
        [answeredBefore.correlationId, 'no-change', 1],
      ].sort(),
    );
  });
});
