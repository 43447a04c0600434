/** DLQ_REVIEWER_ADMIN_PORT: the probes and /metrics leave the operators' port; the API and its docs stay. */
import { startReviewer, VIEWER_TOKEN, type RunningReviewer } from '../testing/reviewer-harness';

const PROBES = ['/healthz', '/readyz', '/metrics'];
const asViewer = { headers: { authorization: `Bearer ${VIEWER_TOKEN}` } };

const statuses = (base: string, paths: readonly string[], init?: RequestInit): Promise<number[]> =>
  Promise.all(paths.map(async (path) => (await fetch(base + path, init)).status));

describe('the reviewer with an admin port', () => {
  let running: RunningReviewer;

  beforeAll(async () => {
    running = await startReviewer({ DLQ_REVIEWER_ADMIN_PORT: '3101' });
  });

  afterAll(async () => {
    await running.stop();
  });

  it('serves the probes and /metrics on the admin port only', async () => {
    expect(running.adminUrl).not.toBe(running.url);
    expect(await statuses(running.adminUrl, PROBES)).toEqual([200, 200, 200]);
    expect(await statuses(running.url, PROBES)).toEqual([404, 404, 404]);
    expect(await (await fetch(`${running.adminUrl}/metrics`)).text()).toMatch(
      /^# TYPE hub_dlq_open_items gauge$/m,
    );
  });

  it('keeps the API and its signed-in docs on the public port, none of it on the admin port', async () => {
    const routes = ['/api/dead-letters', '/docs', '/docs-json'];
    expect(await statuses(running.url, routes, asViewer)).toEqual([200, 200, 200]);
    expect(await statuses(running.url, routes)).toEqual([401, 401, 401]);
    expect(await statuses(running.adminUrl, routes, asViewer)).toEqual([404, 404, 404]);
  });
});
