import { retryTopic } from '@hub/contracts';
import { deadLetterHeaderNames } from '@hub/messaging';
import { apiClient, listItems, type ApiClient } from '../testing/api-client';
import { deadLetterFixtures, type Fixtures } from '../testing/dead-letter-fixtures';
import {
  OPERATOR_TOKEN,
  eventually,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';
import { startSimulatedConnector, type SimulatedConnector } from '../testing/simulated-connector';

describe('dead letters: ingestion, detail, retry, bulk retry, resolve/discard (real stack)', () => {
  let running: RunningReviewer;
  let fixtures: Fixtures;
  let connector: SimulatedConnector;
  let api: ApiClient;

  const itemWhen = async (entityKey: string, status: string) =>
    eventually(`item ${entityKey} ${status}`, async () => {
      const [item] = await listItems(
        api,
        `target=${running.target}&entityKey=${encodeURIComponent(entityKey)}`,
      );
      return item?.status === status ? item : undefined;
    });

  beforeAll(async () => {
    running = await startReviewer();
    fixtures = await deadLetterFixtures(running.deadLetterTopic);
    connector = await startSimulatedConnector({
      retryTopic: retryTopic(running.target),
      outcomeTopics: [running.outcomeTopic],
      target: running.target,
      serde: fixtures.serde,
    });
    api = apiClient(running.url, OPERATOR_TOKEN);
  });

  afterAll(async () => {
    await connector.stop();
    await fixtures.close();
    await running.stop();
  });

  it('stores a dead letter delivered twice as one item, with its full context', async () => {
    const { original, deadLetterEventId } = await fixtures.publishDeadLetter({
      target: running.target,
      copies: 2,
    });
    const sentinel = await fixtures.publishDeadLetter({ target: running.target });
    // The sentinel may sit on another partition, read before the copies: wait for both.
    await itemWhen(sentinel.original.entityKey, 'open');
    await itemWhen(original.entityKey, 'open');
    const items = await listItems(api, `entityKey=${encodeURIComponent(original.entityKey)}`);
    expect(items).toHaveLength(1);

    await running.idempotency.query(
      `INSERT INTO "${running.idempotencySchema}"."applied_version" (target, entity_type, entity_key, source_version, correlation_id, applied_at)
       VALUES ($1, 'inventory-level', $2, 1700000000000, 'corr-applied', now())`,
      [running.target, original.entityKey],
    );
    const detail = await api.get(`/api/dead-letters/${items[0]?.id ?? ''}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      status: 'open',
      reason: 'permanent_failure',
      target: running.target,
      correlationId: original.correlationId,
      deadLetterEventId,
      original: {
        eventId: original.eventId,
        headers: { 'hub-correlation-id': original.correlationId },
        event: { entityKey: original.entityKey, payload: { quantityOnHand: '12.5' } },
      },
      attempts: [
        {
          attempt: 1,
          errorClass: 'permanent',
          code: 'ERP_VALIDATION',
          httpStatus: 422,
          via: 'dead-letter',
        },
      ],
      currentView: { sourceVersion: 1_700_000_000_000, correlationId: 'corr-applied' },
    });
  });

  it('retries now through the retry scheduler: byte for byte, every header kept, resolved by the success outcome, audited', async () => {
    const { original, value } = await fixtures.publishDeadLetter({
      target: running.target,
      headers: { 'hub-origin-offset': 'erp.inventory-level.v1/0/41', 'x-trace': 'kept' },
    });
    const item = await itemWhen(original.entityKey, 'open');
    const answer = await api.post(`/api/dead-letters/${item.id}/retry`);
    expect([answer.status, answer.body.status]).toEqual([202, 'retrying']);
    await itemWhen(original.entityKey, 'resolved');

    const redelivered = connector.received.find(
      (message) => message.envelope.eventId === original.eventId,
    );
    expect(redelivered).toMatchObject({ key: original.entityKey, attempt: 2 });
    expect(redelivered?.value?.equals(value)).toBe(true);
    expect(redelivered?.headers).toMatchObject({
      'hub-target': running.target,
      'hub-attempt': '1',
      'hub-correlation-id': original.correlationId,
      'hub-origin-offset': 'erp.inventory-level.v1/0/41',
      'x-trace': 'kept',
    });
    expect(redelivered?.operatorRetry).toMatch(/^[0-9a-f-]{36}$/);
    const audit = await api.get(`/api/audit?itemId=${item.id}`);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({ actor: 'ops-bot', action: 'retry', itemId: item.id }),
    ]);
  });

  it('puts a retry that fails again back to open with the new attempt appended', async () => {
    const { original } = await fixtures.publishDeadLetter({ target: running.target });
    const item = await itemWhen(original.entityKey, 'open');
    connector.answerWith('failed_transient');
    try {
      await api.post(`/api/dead-letters/${item.id}/retry`);
      await eventually('second attempt', async () => {
        const detail = await api.get(`/api/dead-letters/${item.id}`);
        return detail.body.status === 'open' && (detail.body.attempts as unknown[]).length === 2
          ? detail
          : undefined;
      });
    } finally {
      connector.answerWith('succeeded');
    }
    const detail = await api.get(`/api/dead-letters/${item.id}`);
    expect((detail.body.attempts as unknown[])[1]).toMatchObject({
      attempt: 2,
      code: 'ERP_UNAVAILABLE',
      via: 'retry',
    });
  });

  it('bulk-retries by filter, after a dry run that only counts', async () => {
    const marker = `bulk-${String(Date.now())}`;
    const published = await Promise.all(
      [1, 2, 3].map(() =>
        fixtures.publishDeadLetter({ target: running.target, errorMessage: `${marker} rejected` }),
      ),
    );
    for (const { original } of published) await itemWhen(original.entityKey, 'open');
    const filter = { target: running.target, q: marker };
    const dry = await api.post('/api/dead-letters/retry', { filter, dryRun: true });
    expect(dry.body).toEqual({ dryRun: true, matched: 3, retried: 0, failed: [] });
    expect(await listItems(api, `q=${marker}&status=open`)).toHaveLength(3);

    const real = await api.post('/api/dead-letters/retry', { filter, note: 'ERP fixed' });
    expect(real.body).toMatchObject({ dryRun: false, matched: 3, retried: 3 });
    for (const { original } of published) await itemWhen(original.entityKey, 'resolved');
  });

  it('resolves and discards only with a note, once', async () => {
    const first = await fixtures.publishDeadLetter({ target: running.target });
    const second = await fixtures.publishDeadLetter({ target: running.target });
    const a = await itemWhen(first.original.entityKey, 'open');
    const b = await itemWhen(second.original.entityKey, 'open');

    const noNote = await api.post(`/api/dead-letters/${a.id}/resolve`, {});
    expect([noNote.status, noNote.body.type]).toEqual([400, 'urn:hub:problem:invalid-request']);
    expect(noNote.contentType).toMatch(/^application\/problem\+json/);
    expect(
      (await api.post(`/api/dead-letters/${a.id}/resolve`, { note: 'fixed in ERP by hand' })).body
        .status,
    ).toBe('resolved');
    const again = await api.post(`/api/dead-letters/${a.id}/discard`, { note: 'oops' });
    expect([again.status, again.body.type]).toEqual([409, 'urn:hub:problem:invalid-transition']);
    expect(
      (await api.post(`/api/dead-letters/${b.id}/discard`, { note: 'test data' })).body.status,
    ).toBe('discarded');
    expect((await api.get('/api/audit?action=discard')).body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemId: b.id, note: 'test data', actor: 'ops-bot' }),
      ]),
    );
  });

  it('stores undecodable messages raw, once, and refuses to retry them', async () => {
    const key = `raw-${String(Date.now())}`;
    await fixtures.publishRaw({
      key,
      value: Buffer.from('not avro at all'),
      headers: {
        'hub-correlation-id': 'corr-raw',
        [deadLetterHeaderNames.reason]: 'undecodable',
        [deadLetterHeaderNames.errorCode]: 'NOT_CONFLUENT_PAYLOAD',
        [deadLetterHeaderNames.errorMessage]: 'magic byte 0x6e',
        [deadLetterHeaderNames.originalTopic]: 'erp.inventory-level.v1',
      },
    });
    await fixtures.publishRaw({
      key: `${key}-foreign`,
      value: Buffer.from([0, 0, 0, 0, 1, 2]),
      headers: {},
    });
    // Raw items have no target: found by the key the runner kept.
    const rawItem = (entityKey: string) =>
      eventually(
        `raw item ${entityKey}`,
        async () => (await listItems(api, `entityKey=${entityKey}`))[0],
      );
    const raw = await rawItem(key);
    expect(raw).toMatchObject({
      status: 'open',
      reason: 'undecodable',
      errorMessage: 'magic byte 0x6e',
    });
    expect(await rawItem(`${key}-foreign`)).toMatchObject({
      status: 'open',
      reason: 'undecodable',
    });
    const detail = await api.get(`/api/dead-letters/${raw.id}`);
    expect(detail.body).toMatchObject({
      original: {
        topic: 'erp.inventory-level.v1',
        headers: { 'hub-correlation-id': 'corr-raw' },
        event: null,
      },
      dlqHeaders: { [deadLetterHeaderNames.errorCode]: 'NOT_CONFLUENT_PAYLOAD' },
    });
    const retry = await api.post(`/api/dead-letters/${raw.id}/retry`);
    expect([retry.status, retry.body.type]).toEqual([409, 'urn:hub:problem:not-retriable']);
  });

  it('exports open items by target and the oldest open age', async () => {
    await running.reviewer.refreshGauges();
    const text = await (await fetch(`${running.url}/metrics`)).text();
    expect(text).toMatch(new RegExp(`hub_dlq_open_items\\{target="${running.target}"\\} [1-9]`));
    expect(text).toMatch(
      new RegExp(`hub_dlq_oldest_open_seconds\\{target="${running.target}"\\} `),
    );
    expect(text).toMatch(/hub_dlq_actions_total\{action="retry"\} [1-9]/);
  });
});
