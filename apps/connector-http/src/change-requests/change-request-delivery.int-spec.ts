/**
 * End to end on the real stack: change requests on hub.change-request.v1 reach the owner's
 * change-request endpoint signed (the receiver verifies with the standardwebhooks package),
 * once per correlation id (a redelivered message is answered `duplicate`, not sent again),
 * with the proposal, the owner's current value from its canonical topic and the field diff;
 * a request proposing what the owner already has is not delivered (no-change);
 * a failing receiver sends the request to the retry topic, and the redelivery's permanent
 * failure to the dead-letter topic with both attempts, each message carrying the request's
 * trace. Every verdict is counted in hub_change_requests_total, and a change-request consumer
 * that is down makes /readyz not ready.
 */
import { redeliveryMessage, readRetryContext } from '@hub/delivery-protocol';
import { uniqueName } from '@hub/testing';
import { startConnector, type RunningConnector } from '../testing/connector-http-harness';
import {
  changeRequestCounts,
  hubWroteRecord,
  ownerStateRecorded,
} from './testing/change-request-int-steps';
import {
  changeRequest,
  changeRequestMessage,
  ownerCount,
  ownerCountMessage,
  registerChangeRequestSubjects,
} from '../testing/change-request-events';
import { about, decoders } from '../testing/outcomes';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver';
import { readTopic, type TopicReader } from '../testing/topic-reader';
import { changeRequestTarget } from '@hub/contracts';

const SECRET = 'whsec_dGVzdC13bXMtY2hhbmdlLXJlcXVlc3RzLTEyMzQ=';
const PO_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const decode = decoders();

let requests: TestReceiver;
let orders: TestReceiver;
let running: RunningConnector;
let outcomes: TopicReader;
let retries: TopicReader;
let deadLetters: TopicReader;

beforeAll(async () => {
  await registerChangeRequestSubjects();
  requests = await startTestReceiver(SECRET);
  orders = await startTestReceiver(PO_SECRET);
  running = await startConnector(
    {
      wms: { url: orders.url, secret: PO_SECRET, timeout: '2s', entityTypes: ['purchase-order'] },
      'wms-review': {
        url: requests.url,
        secret: SECRET,
        timeout: '2s',
        entityTypes: [],
        changeRequests: true,
      },
    },
    {},
    { changeRequests: true },
  );
  outcomes = await readTopic(running.topics.outcomes);
  retries = await readTopic(running.topics.changeRequestRetry);
  deadLetters = await readTopic(running.topics.deadLetters);
});

afterAll(async () => {
  await Promise.all([outcomes.close(), retries.close(), deadLetters.close()]);
  await running.stop();
  await requests.close();
  await orders.close();
});

describe('change requests to the owner', () => {
  it('delivers once, signed, with the proposal, the current value and the diff; a redelivered message is a duplicate', async () => {
    const sku = uniqueName('SKU').toUpperCase();
    const count = ownerCount(running.system, sku, '100', Date.now() - 60_000);
    await running.send([ownerCountMessage(running.topics.inventoryLevel, count)]);
    await ownerStateRecorded(running.schema, count.entityKey);
    const proposed = { sku, warehouse: 'WH-EAST', quantityOnHand: '120', unitOfMeasure: 'PCS' };
    const request = changeRequest(running.system, count.entityKey, proposed, {
      user: 'alice',
      canonical: proposed,
    });
    const message = changeRequestMessage(running.topics.changeRequest, request);
    await running.send([message]);
    await running.send([message]);

    const reported = await outcomes.until((all) => about(all, request.correlationId).length >= 2);
    const kinds = await Promise.all(
      about(reported, request.correlationId).map(async (m) => (await decode.outcome(m)).payload),
    );
    expect(kinds.map((k) => [k.outcome, k.target, k.targetCalled])).toEqual([
      ['succeeded', changeRequestTarget(running.system), true],
      ['duplicate', changeRequestTarget(running.system), false],
    ]);
    expect(requests.attempts.filter((a) => a.webhookId === request.correlationId)).toEqual([
      { webhookId: request.correlationId, status: 200 },
    ]);
    const [delivered] = requests.deliveries.filter((d) => d.webhookId === request.correlationId);
    expect(delivered?.body).toEqual({
      type: 'change-request.proposed',
      timestamp: new Date(request.sourceVersion).toISOString(),
      data: {
        correlationId: request.correlationId,
        entityType: 'inventory-level',
        entityKey: count.entityKey,
        ownerSystem: running.system,
        requestedBy: { system: 'odoo', user: 'alice', recordId: request.sourceRecordId },
        reason: 'reverse-direction write from odoo',
        proposed: { sku, warehouse: 'WH-EAST', quantityOnHand: '120', unitOfMeasure: 'PCS' },
        current: {
          entityKey: count.entityKey,
          value: expect.objectContaining({ sku, quantityOnHand: '100' }) as unknown,
          sourceVersion: new Date(count.sourceVersion).toISOString(),
          correlationId: count.correlationId,
        },
        changes: [{ field: 'quantityOnHand', proposed: '120', current: '100' }],
      },
    });
    // The purchase-order endpoint is not the change-request endpoint.
    expect(orders.attempts).toEqual([]);
    expect(await changeRequestCounts(running)).toEqual({ delivered: 1, duplicate: 1 });
  });

  it("a request proposing the owner's current value is not delivered (no-change); one that differs is, once", async () => {
    const sku = uniqueName('SKU').toUpperCase();
    const count = ownerCount(running.system, sku, '40.000', Date.now() - 30_000);
    await running.send([ownerCountMessage(running.topics.inventoryLevel, count)]);
    await ownerStateRecorded(running.schema, count.entityKey);
    const quant = `stock.quant/${String(Date.now() % 1_000_000)}`;
    await hubWroteRecord(running.schema, count, quant);
    const before = await changeRequestCounts(running);
    // Odoo announces an adjustment twice: the count entered (on hand still the WMS's 40),
    // then applied (on hand 7); the ingress maps each to the canonical quantityOnHand.
    const notification = { _model: 'stock.quant', _id: 4712, write_uid: 2 };
    const entered = changeRequest(
      running.system,
      quant,
      { ...notification, inventory_quantity: 7, quantity: 40 },
      { recordId: quant, canonical: { quantityOnHand: '40' } },
    );
    const wholeEntity = { sku, warehouse: 'WH-EAST', quantityOnHand: '40', unitOfMeasure: 'PCS' };
    const canonical = changeRequest(running.system, count.entityKey, wholeEntity, {
      recordId: `wms-form/${sku}`,
      canonical: wholeEntity,
    });
    const applied = changeRequest(
      running.system,
      quant,
      { ...notification, inventory_quantity: 0, quantity: 7 },
      { recordId: quant, canonical: { quantityOnHand: '7' } },
    );
    const enteredMessage = changeRequestMessage(running.topics.changeRequest, entered);
    await running.send([enteredMessage]);
    await running.send([changeRequestMessage(running.topics.changeRequest, canonical)]);
    await running.send([changeRequestMessage(running.topics.changeRequest, applied)]);
    // A redelivered no-change request stays one.
    await running.send([enteredMessage]);

    const ids = [entered, canonical, applied].map((r) => r.correlationId);
    const reported = await outcomes.until(
      (all) => ids.reduce((n, id) => n + about(all, id).length, 0) >= 4,
    );
    const received = (id: string) => requests.attempts.filter((a) => a.webhookId === id);
    expect(received(entered.correlationId)).toEqual([]);
    expect(received(canonical.correlationId)).toEqual([]);
    expect(received(applied.correlationId)).toEqual([
      { webhookId: applied.correlationId, status: 200 },
    ]);
    const outcomeOf = async (id: string) =>
      Promise.all(
        about(reported, id).map(async (m) => {
          const { outcome, targetCalled } = (await decode.outcome(m)).payload;
          return [outcome, targetCalled];
        }),
      );
    expect(await outcomeOf(entered.correlationId)).toEqual([
      ['no_change', false],
      ['no_change', false],
    ]);
    expect(await outcomeOf(canonical.correlationId)).toEqual([['no_change', false]]);
    expect(await outcomeOf(applied.correlationId)).toEqual([['succeeded', true]]);
    const after = await changeRequestCounts(running);
    expect(
      ['no-change', 'delivered', 'duplicate'].map((o) => (after[o] ?? 0) - (before[o] ?? 0)),
    ).toEqual([2, 1, 1]);
  });

  it("an ERP notification's record is resolved to the owner's key through the hub's own write to it", async () => {
    const sku = uniqueName('SKU').toUpperCase();
    const count = ownerCount(running.system, sku, '40', Date.now() - 30_000);
    await running.send([ownerCountMessage(running.topics.inventoryLevel, count)]);
    await ownerStateRecorded(running.schema, count.entityKey);
    // What connector-odoo records when it writes the count to Odoo's quant 4711.
    const quant = `stock.quant/${String(Date.now() % 1_000_000)}`;
    await hubWroteRecord(running.schema, count, quant);
    const notification = {
      _model: 'stock.quant',
      _id: 4711,
      quantity: 55,
      write_date: '2026-12-04 10:00:00',
    };
    const request = changeRequest(running.system, quant, notification, {
      recordId: quant,
      canonical: { quantityOnHand: '55' },
    });
    await running.send([changeRequestMessage(running.topics.changeRequest, request)]);

    await outcomes.until((all) => about(all, request.correlationId).length > 0);
    const [delivered] = requests.deliveries.filter((d) => d.webhookId === request.correlationId);
    expect(delivered?.body).toMatchObject({
      data: {
        entityKey: quant,
        proposed: notification,
        current: { entityKey: count.entityKey, value: { sku, quantityOnHand: '40' } },
        changes: [{ field: 'quantityOnHand', proposed: '55', current: '40' }],
      },
    });
  });

  it('a failing owner: retry topic, then the redelivery failing for good is dead-lettered with both attempts, in the trace', async () => {
    const key = `WH-EAST:${uniqueName('SKU').toUpperCase()}`;
    const request = changeRequest(running.system, key, { quantityOnHand: '7' });
    requests.script({ status: 503, body: 'maintenance' }, { status: 422, body: 'no such bin' });
    const before = await changeRequestCounts(running);
    // The ingress's trace (tracing is off here, so the connector passes it on as received).
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const message = changeRequestMessage(running.topics.changeRequest, request);
    await running.send([{ ...message, headers: { ...message.headers, traceparent } }]);

    const retried = await retries.until((all) => about(all, request.correlationId).length > 0);
    const [retry] = about(retried, request.correlationId);
    const context = readRetryContext(retry?.headers ?? {});
    expect(context).toMatchObject({ target: changeRequestTarget(running.system), attempts: 1 });
    // The retry scheduler's hop: the same bytes onto the redelivery topic.
    if (retry === undefined || context === undefined) throw new Error('no retry');
    await running.send([
      {
        ...redeliveryMessage(
          { key: retry.key, value: retry.value, rawHeaders: retry.headers },
          context,
        ),
        topic: running.topics.changeRequestRedelivery,
      },
    ]);

    const letters = await deadLetters.until((all) => about(all, request.correlationId).length > 0);
    const [letter] = await Promise.all(
      about(letters, request.correlationId).map(decode.deadLetter),
    );
    expect(letter?.payload).toMatchObject({
      target: changeRequestTarget(running.system),
      reason: 'permanent_failure',
      originalTopic: running.topics.changeRequestRedelivery,
      originalEventId: request.eventId,
      attempts: [
        { attempt: 1, failure: { code: 'HTTP_SERVER_ERROR', httpStatus: 503 } },
        { attempt: 2, failure: { code: 'HTTP_CLIENT_ERROR', httpStatus: 422 } },
      ],
    });
    expect(requests.attempts.filter((a) => a.webhookId === request.correlationId)).toEqual([
      { webhookId: request.correlationId, status: 503 },
      { webhookId: request.correlationId, status: 422 },
    ]);
    const reported = await outcomes.until((all) => about(all, request.correlationId).length >= 2);
    const carried = [
      retry,
      ...about(letters, request.correlationId),
      ...about(reported, request.correlationId),
    ];
    expect(carried.map((m) => m.headers['traceparent'])).toEqual([
      traceparent,
      traceparent,
      traceparent,
      traceparent,
    ]);
    const after = await changeRequestCounts(running);
    expect([after['retry'], after['dead-lettered']]).toEqual([
      (before['retry'] ?? 0) + 1,
      (before['dead-lettered'] ?? 0) + 1,
    ]);
  });

  // Last: it stops the change-request flow.
  it('is not ready while its change-request consumers are down', async () => {
    const ready = async () =>
      (await (await fetch(`${running.url}/readyz`)).json()) as {
        status: string;
        checks: Record<string, { ok: boolean }>;
      };
    expect(await ready()).toMatchObject({
      status: 'ready',
      checks: { changeRequests: { ok: true } },
    });
    await running.connector.changeRequests.stop();
    expect(await ready()).toMatchObject({
      status: 'not-ready',
      checks: { changeRequests: { ok: false } },
    });
  });
});
