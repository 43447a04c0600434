import { apiClient, listItems, type ApiClient } from '../testing/api-client';
import { deadLetterFixtures, type Fixtures } from '../testing/dead-letter-fixtures';
import {
  OPERATOR_TOKEN,
  eventually,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';

describe('one item per failed write (real stack)', () => {
  let running: RunningReviewer;
  let fixtures: Fixtures;
  let api: ApiClient;

  beforeAll(async () => {
    running = await startReviewer();
    fixtures = await deadLetterFixtures(running.deadLetterTopic);
    api = apiClient(running.url, OPERATOR_TOKEN);
  });

  afterAll(async () => {
    await fixtures.close();
    await running.stop();
  });

  const itemsOf = (entityKey: string) =>
    listItems(api, `target=${running.target}&entityKey=${encodeURIComponent(entityKey)}`);

  it('merges a new dead letter for a retried write into its item; a finished item gets a new one', async () => {
    const first = await fixtures.publishDeadLetter({ target: running.target });
    const { entityKey } = first.original;
    const item = await eventually('first item', async () => (await itemsOf(entityKey))[0]);
    expect((await api.post(`/api/dead-letters/${item.id}/retry`)).status).toBe(202);

    // The retry failed transiently again and the scheduler gave up: same write, new dead letter, delivered twice.
    const second = await fixtures.publishDeadLetter({
      target: running.target,
      after: first,
      reason: 'retries_exhausted',
      errorMessage: 'ERP timed out',
      copies: 2,
    });
    const merged = await eventually('merged item', async () => {
      const detail = await api.get(`/api/dead-letters/${item.id}`);
      return detail.body.status === 'open' && detail.body.reason === 'retries_exhausted'
        ? detail.body
        : undefined;
    });
    expect(merged).toMatchObject({ errorMessage: 'ERP timed out' });
    expect((merged.attempts as { attempt: number }[]).map((a) => a.attempt)).toEqual([1, 2]);

    expect(
      (await api.post(`/api/dead-letters/${item.id}/resolve`, { note: 'fixed in ERP' })).status,
    ).toBe(200);
    // Same key → same partition: once this one is in, both copies above were ingested.
    await fixtures.publishDeadLetter({ target: running.target, after: second });
    const items = await eventually('a new item after the resolved one', async () => {
      const listed = await itemsOf(entityKey);
      return listed.length === 2 ? listed : undefined;
    });
    expect(items.map((listed) => [listed.id === item.id, listed.status]).sort()).toEqual([
      [false, 'open'],
      [true, 'resolved'],
    ]);
    const audit = await api.get(`/api/audit?itemId=${item.id}`);
    expect(
      (audit.body.entries as { action: string; actor: string }[]).map((e) => [e.action, e.actor]),
    ).toEqual([
      ['resolve', 'ops-bot'],
      ['dead-lettered-again', 'system'],
      ['retry', 'ops-bot'],
    ]);
    const again = await api.get(`/api/audit?itemId=${item.id}&action=dead-lettered-again`);
    expect(again.body.entries).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({
          deadLetterEventId: second.deadLetterEventId,
          reason: 'retries_exhausted',
          previousStatus: 'retrying',
          addedAttempts: 1,
        }) as unknown,
      }),
    ]);
  });
});
