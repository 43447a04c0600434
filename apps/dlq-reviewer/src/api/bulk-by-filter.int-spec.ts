import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiClient, type ApiClient } from '../testing/api-client';
import {
  OPERATOR_TOKEN,
  VIEWER_TOKEN,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';
import { seededItems, type SeededItems } from '../testing/seeded-items';

const START = Date.UTC(2026, 10, 1);

describe('bulk resolve and discard by filter, paging both ways, the per-target overview (real Postgres)', () => {
  let seeded: SeededItems;
  let running: RunningReviewer;
  let operator: ApiClient;
  let viewer: ApiClient;
  let scheduler: Server;
  let schedulerAnswer: () => unknown;
  let a: string;
  let b: string;

  beforeAll(async () => {
    scheduler = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(schedulerAnswer()));
    });
    await new Promise<void>((resolve) => scheduler.listen(0, '127.0.0.1', resolve));
    const { port } = scheduler.address() as AddressInfo;
    seeded = await seededItems();
    running = await startReviewer(
      {
        DLQ_DATABASE_SCHEMA: seeded.schema.schema,
        DLQ_BULK_RETRY_LIMIT: '25',
        DLQ_SCHEDULER_STATUS_URL: `http://127.0.0.1:${String(port)}/status`,
      },
      { awaitKafka: false },
    );
    a = `${running.target}-a`;
    b = `${running.target}-b`;
    // a: 20 ERP_UNIT + 10 ERP_LOCKED; b: 30 ERP_UNIT.
    await seeded.seed(
      [
        { target: a, errorCode: 'ERP_UNIT', count: 20 },
        { target: a, errorCode: 'ERP_LOCKED', count: 10 },
        { target: b, errorCode: 'ERP_UNIT', count: 30 },
      ],
      START,
    );
    operator = apiClient(running.url, OPERATOR_TOKEN);
    viewer = apiClient(running.url, VIEWER_TOKEN);
  });

  afterAll(async () => {
    await running.stop();
    await seeded.close();
    await new Promise((resolve) => scheduler.close(resolve));
  });

  it('refuses a viewer (403), a missing note (400), a bad filter (400) and too many items (422)', async () => {
    const body = { filter: { target: a }, note: 'fixed' };
    for (const route of ['resolve', 'discard']) {
      const refused = await viewer.post(`/api/dead-letters/${route}`, body);
      expect([refused.status, refused.body.type]).toEqual([403, 'urn:hub:problem:forbidden']);
    }
    const noNote = await operator.post('/api/dead-letters/resolve', { filter: { target: a } });
    expect([noNote.status, noNote.contentType, noNote.body.detail]).toEqual([
      400,
      expect.stringMatching(/^application\/problem\+json/),
      'note: a note is required (unless dryRun)',
    ]);
    const reversed = await operator.post('/api/dead-letters/discard', {
      filter: { from: '2026-12-02', to: '2026-12-01' },
      note: 'x',
    });
    expect([reversed.status, reversed.body.type, reversed.body.errors]).toEqual([
      400,
      'urn:hub:problem:invalid-request',
      [{ field: 'from', message: 'must be before to (an empty time range matches nothing)' }],
    ]);
    const unknown = await operator.post('/api/dead-letters/resolve', {
      filter: { colour: 'red' },
      note: 'x',
    });
    expect([unknown.status, unknown.body.detail]).toEqual([
      400,
      'filter: unknown field(s): colour',
    ]);
    const tooMany = await operator.post('/api/dead-letters/resolve', {
      filter: { target: b },
      note: 'x',
    });
    expect([tooMany.status, tooMany.body.type]).toEqual([422, 'urn:hub:problem:too-many-items']);
    expect(await seeded.count(`"status" <> 'open'`)).toBe(0);
  });

  it('resolves exactly the matched items in one go, each audited, after a dry run that changes nothing', async () => {
    const filter = { target: a, errorCode: 'ERP_UNIT', entityType: 'purchase-order' };
    const dry = await operator.post('/api/dead-letters/resolve', { filter, dryRun: true });
    expect(dry.body).toEqual({ dryRun: true, matched: 10, changed: 0, failed: [] });
    expect(await seeded.count(`"status" <> 'open'`)).toBe(0);

    const done = await operator.post('/api/dead-letters/resolve', { filter, note: 'unit fixed' });
    expect([done.status, done.body]).toEqual([
      200,
      { dryRun: false, matched: 10, changed: 10, failed: [] },
    ]);
    expect(await seeded.count(`"status" = 'resolved'`)).toBe(10);
    expect(
      await seeded.count(
        `"status" = 'resolved' AND "target" = $1 AND "error_code" = 'ERP_UNIT' AND "entity_type" = 'purchase-order'`,
        [a],
      ),
    ).toBe(10);
    const audit = await operator.get('/api/audit?action=bulk-resolve&limit=200');
    const entries = audit.body.entries as { itemId: string | null; note: string }[];
    expect(entries).toHaveLength(11);
    expect(entries.filter((entry) => entry.itemId === null)).toHaveLength(1);
    expect(new Set(entries.map((entry) => entry.note))).toEqual(new Set(['unit fixed']));
  });

  it('discards by time range only the items dead-lettered inside it', async () => {
    // Items of b are the third group: dead-lettered at START + (3n + 2) s, n = 0…29.
    const from = new Date(START + 2_000).toISOString();
    const to = new Date(START + 32_000).toISOString(); // n = 0…9
    const done = await operator.post('/api/dead-letters/discard', {
      filter: { target: b, from, to },
      note: 'duplicates',
    });
    expect(done.body).toEqual({ dryRun: false, matched: 10, changed: 10, failed: [] });
    expect(await seeded.count(`"status" = 'discarded' AND "target" = $1`, [b])).toBe(10);
    expect(await seeded.count(`"status" = 'discarded'`)).toBe(10);
  });

  it('pages back with before and jumps to the last page', async () => {
    const pages: string[][] = [];
    let path = `/api/dead-letters?target=${b}&limit=8`;
    for (;;) {
      const answer = await viewer.get(path);
      pages.push((answer.body.items as { id: string }[]).map((item) => item.id));
      const next = answer.body.nextCursor as string | null;
      if (next === null) break;
      path = `/api/dead-letters?target=${b}&limit=8&cursor=${next}`;
    }
    expect(pages.map((page) => page.length)).toEqual([8, 8, 8, 6]);
    const last = await viewer.get(`/api/dead-letters?target=${b}&limit=8&last=true`);
    expect(last.body.nextCursor).toBeNull();
    const lastIds = (last.body.items as { id: string }[]).map((item) => item.id);
    expect(lastIds).toEqual(pages.flat().slice(-8));
    const back = await viewer.get(
      `/api/dead-letters?target=${b}&limit=8&before=${String(last.body.prevCursor)}`,
    );
    expect((back.body.items as { id: string }[]).map((item) => item.id)).toEqual(
      pages.flat().slice(-16, -8),
    );
  });

  it('gives the per-target overview with the scheduler state, and without it when unreachable', async () => {
    schedulerAnswer = () => ({
      targets: [
        {
          target: a,
          breaker: { state: 'open', since: '2026-12-04T10:00:00.000Z', probeInFlight: false },
          pending: 42,
          nextDueAt: '2026-12-04T10:05:00.000Z',
          oldestFirstFailureAt: '2026-12-04T09:00:00.000Z',
        },
      ],
    });
    const overview = await viewer.get('/api/targets');
    expect(overview.status).toBe(200);
    expect(overview.body.scheduler).toMatchObject({ state: 'reachable' });
    expect(overview.body.targets).toEqual([
      expect.objectContaining({
        target: a,
        open: 20,
        // Its first item (purchase-order, ERP_UNIT) was resolved above.
        oldestOpenAt: new Date(START + 1_000).toISOString(),
        topErrorCodes: [
          { errorCode: 'ERP_LOCKED', count: 10 },
          { errorCode: 'ERP_UNIT', count: 10 },
        ],
        scheduler: {
          breaker: 'open',
          pending: 42,
          nextDueAt: '2026-12-04T10:05:00.000Z',
          oldestFirstFailureAt: '2026-12-04T09:00:00.000Z',
        },
      }),
      expect.objectContaining({
        target: b,
        open: 20,
        retrying: 0,
        topErrorCodes: [{ errorCode: 'ERP_UNIT', count: 20 }],
        scheduler: null,
      }),
    ]);

    schedulerAnswer = () => ({ unexpected: true });
    const garbled = await viewer.get('/api/targets');
    expect([garbled.status, garbled.body.scheduler]).toEqual([
      200,
      expect.objectContaining({
        state: 'unreachable',
        error: 'answered something that is not its status',
      }),
    ]);
    expect((garbled.body.targets as { open: number }[]).map((row) => row.open)).toEqual([20, 20]);
  });
});
