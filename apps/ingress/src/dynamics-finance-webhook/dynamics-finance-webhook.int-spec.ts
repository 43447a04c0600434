import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { topics } from '@hub/contracts';
import { DynamicsFinanceSimulator } from '@hub/erp-simulator';
import { createSchemaRegistrySerde } from '@hub/messaging';
import { testEndpoints } from '@hub/testing';
import {
  ensureIngressTopics,
  startIngress,
  waitUntilReady,
  type RunningIngress,
} from '../testing/ingress-harness';
import { waitForMessage } from '../testing/wait-for-message';

const TOKEN = 'fo-business-event-token-0123456789';

function confirmed(poNumber: string, controlNumber: number, fields: Record<string, unknown> = {}) {
  return {
    BusinessEventId: 'PurchaseOrderConfirmedBusinessEvent',
    BusinessEventLegalEntity: 'USMF',
    ContextRecordSubject: '',
    ControlNumber: controlNumber,
    EventId: randomUUID().toUpperCase(),
    EventTime: '/Date(1796300000000)/',
    EventTimeIso8601: '2026-12-03T10:53:20.0000000Z',
    InitiatingUserAADObjectId: `{${randomUUID().toUpperCase()}}`,
    MajorVersion: 0,
    MinorVersion: 0,
    ParentContextRecordSubjects: [],
    PurchaseJournal: `${poNumber}-1`,
    PurchaseOrderDate: '/Date(1796256000000)/',
    PurchaseOrderNumber: poNumber,
    PurchaseType: 'Purch',
    TransactionCurrencyAmount: 120,
    TransactionCurrencyCode: 'USD',
    VendorAccount: 'US-101',
    ...fields,
  };
}

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /webhooks/dynamics-finance/:systemId/:token (real Kafka, registry, Postgres)', () => {
  let running: RunningIngress;
  let route: string;

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress({
      INGRESS_SYSTEMS: JSON.stringify({ fo: { businessEventToken: TOKEN } }),
      OWNERSHIP_POLICY_PATH: path.join(__dirname, 'fo-policy.yaml'),
    });
    await waitUntilReady(running.url);
    route = `${running.url}/webhooks/dynamics-finance/fo`;
  });
  afterAll(async () => {
    await running.stop();
  });

  it('publishes "Purchase order confirmed" keyed by the order, with the control number; a resend keeps the correlation id', async () => {
    const po = `PO-${randomUUID().slice(0, 8)}`;
    const event = confirmed(po, 5637145326);
    const first = await post(`${route}/${TOKEN}`, event);
    const again = await post(`${route}/${TOKEN}`, {
      ...event,
      LegalEntity: 'USMF',
      BusinessEventLegalEntity: undefined,
    });
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body.correlationId).toBe(first.body.correlationId);
    const key = `PurchaseOrderHeadersV2(dataAreaId='usmf',PurchaseOrderNumber='${po}')`;
    const message = await waitForMessage(topics.sourceNotification, (m) => m.key === key);
    expect(message.headers['hub-correlation-id']).toBe(first.body.correlationId);
    const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
    expect(await serde.decode(message.value ?? Buffer.alloc(0))).toMatchObject({
      entityType: 'purchase-order',
      sourceSystem: 'fo',
      sourceVersion: 1796300000000,
      payload: {
        resource: key,
        sourceEventId: event.EventId,
        attributes: { legalEntity: 'usmf', purchaseOrderNumber: po, controlNumber: '5637145326' },
      },
    });
  });

  it('takes what the simulated F&O sends: an event delivered twice is published twice with one correlation id', async () => {
    const fo = new DynamicsFinanceSimulator({
      businessEvents: {
        url: `${route}/${TOKEN}`,
        legalEntityField: 'LegalEntity',
        retryDelayMs: 10,
      },
    });
    const po = `PO-${randomUUID().slice(0, 8)}`;
    fo.seedPurchaseOrder({ number: po, lines: [{ itemNumber: 'A0001', quantity: 2 }] });
    const { statuses } = await fo.confirmPurchaseOrder(po, { duplicate: true });
    expect(statuses).toEqual([202, 202]);
    const key = `PurchaseOrderHeadersV2(dataAreaId='usmf',PurchaseOrderNumber='${po}')`;
    const first = await waitForMessage(topics.sourceNotification, (m) => m.key === key);
    const second = await waitForMessage(
      topics.sourceNotification,
      (m) => m.key === key && m.headers['hub-event-id'] !== first.headers['hub-event-id'],
    );
    expect(second.headers['hub-correlation-id']).toBe(first.headers['hub-correlation-id']);
  });

  it('refuses a wrong token with 401', async () => {
    const answer = await post(`${route}/not-the-token-at-all`, confirmed('PO-X', 1));
    expect([answer.status, answer.body.type]).toEqual([401, 'urn:hub:problem:token-invalid']);
  });

  it('answers 400 naming each invalid field', async () => {
    const answer = await post(`${route}/${TOKEN}`, {
      BusinessEventId: 'VendorInvoicePostedBusinessEvent',
      ControlNumber: 'x',
      EventId: 'E',
    });
    expect([answer.status, answer.body.type]).toEqual([400, 'urn:hub:problem:invalid-payload']);
    const paths = (answer.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual([
      'BusinessEventId',
      'BusinessEventLegalEntity',
      'ControlNumber',
      'PurchaseOrderNumber',
    ]);
  });
  it('counts the route in the webhook metrics: received, accepted, rejected by reason', async () => {
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(
      /hub_ingress_received_total\{system="fo",route="dynamics-finance"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /hub_ingress_accepted_total\{system="fo",route="dynamics-finance"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /hub_ingress_rejected_total\{system="fo",reason="token-invalid"\} [1-9]/,
    );
  });
});
