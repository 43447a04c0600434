import { apiClient, type ApiClient } from '../testing/api-client';
import { OPERATOR_TOKEN, startReviewer, type RunningReviewer } from '../testing/reviewer-harness';

describe('filters: invalid values give 400 with the reason, hostile text is only data (real stack)', () => {
  let running: RunningReviewer;
  let api: ApiClient;

  beforeAll(async () => {
    running = await startReviewer();
    api = apiClient(running.url, OPERATOR_TOKEN);
  });

  afterAll(async () => {
    await running.stop();
  });

  it.each([
    ['status=bogus', 'status'],
    ["target=x'%3B DROP TABLE dead_letter_items%3B--", 'target'],
    ['from=yesterday', 'from'],
    ['to=2026-13-45T99:00:00Z', 'to'],
    ['limit=100000', 'limit'],
    ['limit=0', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['errorClass=fatal', 'errorClass'],
    ['orderBy=id', 'unknown field'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['entityType=inventory-level%00', 'entityType'],
  ])('refuses %s naming %s', async (query, field) => {
    const answer = await api.get(`/api/dead-letters?${query}`);
    expect([answer.status, answer.body.type]).toEqual([400, 'urn:hub:problem:invalid-request']);
    expect(answer.body.detail).toContain(field);
  });

  it.each([
    "q=%25' OR '1'='1",
    'q=%25_%5C',
    "entityKey=')%3B DROP TABLE dead_letter_items%3B --",
    "entityKey=%E2%80%AE' UNION SELECT * FROM pg_user --",
  ])('treats %s as plain text', async (query) => {
    const answer = await api.get(`/api/dead-letters?${query}`);
    expect([answer.status, answer.body.items]).toEqual([200, []]);
  });

  it('still has its tables afterwards, and refuses a hostile bulk filter', async () => {
    expect((await api.get('/api/dead-letters?status=open,retrying')).status).toBe(200);
    const bulk = await api.post('/api/dead-letters/retry', {
      filter: { status: ["open'--"] },
      dryRun: true,
    });
    expect(bulk.status).toBe(400);
    expect((await api.get('/api/dead-letters/1%20OR%201=1')).status).toBe(400);
  });
});
