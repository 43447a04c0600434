import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiClient } from '../testing/api-client';
import { OPERATOR_TOKEN, startReviewer, type RunningReviewer } from '../testing/reviewer-harness';
import { seededItems, type SeedGroup, type SeededItems } from '../testing/seeded-items';

const START = Date.UTC(2026, 10, 1);
// The README's screenshot shows this grouped view; refreshed on request (UPDATE_SCREENSHOTS=1),
// by default written under dist/ so a test run never dirties the working tree.
const SCREENSHOT =
  process.env['UPDATE_SCREENSHOTS'] === '1'
    ? join(__dirname, '../../docs/console.png')
    : join(__dirname, '../../../../dist/screenshots/dlq-reviewer-console-grouped.png');
const CODES = ['ERP_UNIT_UNKNOWN', 'ERP_PRODUCT_ARCHIVED', 'ERP_LOCKED', 'ERP_TIMEOUT', 'ERP_AUTH'];

describe('web console at scale in Debian chromium: 3,000 dead letters, 3 targets, 5 error codes', () => {
  let seeded: SeededItems;
  let running: RunningReviewer;
  let browser: Browser;
  let page: Page;
  let scheduler: Server;
  let schedulerHangs = false;
  let targets: string[];
  let groups: SeedGroup[];
  const started: (() => Promise<void>)[] = [];
  let seedMs = 0;
  type Link = { getAttribute(name: string): string | null };

  const matched = async (): Promise<number> =>
    Number(await page.getAttribute('.matches', 'data-matched'));

  beforeAll(async () => {
    scheduler = createServer((_request, response) => {
      // Never answers while hanging: the overview must give up after ~2 s.
      if (schedulerHangs) {
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          targets: [
            {
              target: targets[0],
              breaker: { state: 'open', since: '2026-12-04T10:00:00.000Z', probeInFlight: false },
              pending: 42,
              nextDueAt: '2026-12-04T10:05:00.000Z',
              oldestFirstFailureAt: '2026-12-04T09:00:00.000Z',
            },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => scheduler.listen(0, '127.0.0.1', resolve));
    started.push(
      () =>
        new Promise((resolve) => {
          scheduler.closeAllConnections();
          scheduler.close(() => {
            resolve();
          });
        }),
    );
    const { port } = scheduler.address() as AddressInfo;
    seeded = await seededItems();
    started.push(() => seeded.close());
    running = await startReviewer(
      {
        DLQ_DATABASE_SCHEMA: seeded.schema.schema,
        DLQ_BULK_RETRY_LIMIT: '1000',
        DLQ_SCHEDULER_STATUS_URL: `http://127.0.0.1:${String(port)}/status`,
      },
      { awaitKafka: false },
    );
    started.push(() => running.stop());
    targets = ['erp1', 'erp2', 'erp3'].map((suffix) => `${running.target}-${suffix}`);
    // 15 groups of 60, 80, …, 340 items: 3,000 in all, no two groups the same size.
    groups = targets.flatMap((target, t) =>
      CODES.map((errorCode, c) => ({ target, errorCode, count: 60 + 20 * (t * CODES.length + c) })),
    );
    const seedStart = performance.now();
    await seeded.seed(groups, START);
    seedMs = performance.now() - seedStart;
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    started.push(() => browser.close());
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${running.url}/signin`);
    await page.fill('#token', OPERATOR_TOKEN);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(`${running.url}/`);
  });

  afterAll(async () => {
    for (const stop of started.reverse()) await stop();
  });

  it('counts every target and error code right in the grouped view', async () => {
    expect(await seeded.count('TRUE')).toBe(3_000);
    // One transaction: seeding stays a set-up detail (about a second here), not Kafka's minutes.
    expect(seedMs).toBeLessThan(20_000);
    expect(await matched()).toBe(3_000);
    for (const group of groups)
      expect(
        await page.textContent(`tr[data-group="${group.target}/${group.errorCode}"] .count`),
      ).toBe(String(group.count));
    expect(await page.locator('table.groups tbody tr').count()).toBe(15);
    await page.screenshot({ path: SCREENSHOT });
  });

  it('narrows list and groups by target, entity type, error code and time range, kept in the URL', async () => {
    const [target] = targets;
    await page.fill('input[name="target"]', target ?? '');
    await page.fill('input[name="entityType"]', 'purchase-order');
    await page.fill('input[name="errorCode"]', 'ERP_LOCKED');
    await page.fill('input[name="from"]', '2026-11-01 00:05');
    await page.fill('input[name="to"]', '2026-11-01 00:20');
    await page.click('button:has-text("Filter")');
    await page.waitForSelector('.matches');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      target,
      entityType: 'purchase-order',
      errorCode: 'ERP_LOCKED',
      from: '2026-11-01 00:05',
      to: '2026-11-01 00:20',
    });
    const expected = await seeded.count(
      `"target" = $1 AND "entity_type" = 'purchase-order' AND "error_code" = 'ERP_LOCKED'
       AND "dead_lettered_at" >= $2 AND "dead_lettered_at" < $3`,
      [target, '2026-11-01T00:05:00Z', '2026-11-01T00:20:00Z'],
    );
    expect(expected).toBeGreaterThan(0);
    expect(await matched()).toBe(expected);
    expect(await page.locator('table.groups tbody tr').count()).toBe(1);
    expect(await page.textContent(`tr[data-group="${target ?? ''}/ERP_LOCKED"] .count`)).toBe(
      String(expected),
    );
    // The same URL, opened afresh, shows the same view: a filtered view can be shared.
    const shared = await browser.newPage();
    await shared.context().addCookies(await page.context().cookies());
    await shared.goto(page.url());
    expect(await shared.getAttribute('.matches', 'data-matched')).toBe(String(expected));
    await shared.close();

    await page.fill('input[name="to"]', '2026-02-30');
    await page.click('button:has-text("Filter")');
    expect(await page.textContent('[role="alert"]')).toBe(
      'to: 2026-02-30 is not a real date or time',
    );
  });

  it('pages through a target to the last page and back', async () => {
    const target = targets[1] ?? '';
    const total = groups
      .filter((group) => group.target === target)
      .reduce((n, g) => n + g.count, 0);
    await page.goto(`${running.url}/?target=${target}&limit=200`);
    expect(await matched()).toBe(total);
    const seen = new Set<string>();
    let pages = 0;
    for (;;) {
      pages += 1;
      for (const href of await page
        .locator('tbody a[href^="/items/"]')
        .evaluateAll((links: Link[]) => links.map((link) => link.getAttribute('href') ?? '')))
        seen.add(href);
      const next = page.locator('nav.pager').first().locator('a.page-next');
      if ((await next.count()) === 0) break;
      await Promise.all([page.waitForEvent('load'), next.click()]);
    }
    expect([pages, seen.size]).toEqual([Math.ceil(total / 200), total]);
    expect(await page.textContent('.matches')).toMatch(
      new RegExp(
        `Items ${((pages - 1) * 200 + 1).toLocaleString('en')}–${total.toLocaleString('en')} of\\s+${total.toLocaleString('en')} matching`,
      ),
    );
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('nav.pager').first().locator('a.page-prev').click(),
    ]);
    expect(await page.textContent('.matches')).toMatch(
      new RegExp(
        `Items ${((pages - 2) * 200 + 1).toLocaleString('en')}–${((pages - 1) * 200).toLocaleString('en')} of`,
      ),
    );
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('nav.pager').first().locator('a.page-first').click(),
    ]);
    expect(await page.textContent('.matches')).toMatch(/^Items 1–200 of/);
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('nav.pager').first().locator('a.page-last').click(),
    ]);
    expect(await page.textContent('.matches')).toMatch(
      new RegExp(`–${total.toLocaleString('en')} of`),
    );
  });

  it('shows the per-target overview with the scheduler state, and without the scheduler when it does not answer', async () => {
    await page.click('header a:has-text("Targets")');
    await page.waitForSelector('table.targets');
    const row = (target: string) => `tr[data-target="${target}"]`;
    for (const target of targets) {
      const own = groups.filter((group) => group.target === target);
      const open = await seeded.count(`"target" = $1 AND "status" = 'open'`, [target]);
      expect(await page.textContent(`${row(target)} .open`)).toBe(String(open));
      const top = [...own].sort((a, b) => b.count - a.count).slice(0, 3);
      expect(
        await page
          .locator(`${row(target)} a.code`)
          .evaluateAll((links: Link[]) => links.map((link) => link.getAttribute('data-code'))),
      ).toEqual(top.map((group) => group.errorCode));
    }
    expect(await page.textContent(`${row(targets[0] ?? '')} .breaker`)).toBe('open');
    expect(await page.textContent(`${row(targets[0] ?? '')} .pending`)).toBe('42');
    await page.screenshot({
      path: join(__dirname, '../../../../dist/screenshots/dlq-reviewer-targets.png'),
    });

    schedulerHangs = true;
    const asked = performance.now();
    const answer = await page.reload();
    const waited = performance.now() - asked;
    expect(answer?.status()).toBe(200);
    expect(waited).toBeGreaterThan(1_500);
    expect(await page.getAttribute('.scheduler-note', 'data-scheduler')).toBe('unreachable');
    expect(await page.textContent('.scheduler-note')).toContain('no answer within 2 s');
    const third = targets[2] ?? '';
    expect(await page.textContent(`${row(third)} .open`)).toBe(
      String(await seeded.count(`"target" = $1 AND "status" = 'open'`, [third])),
    );
    schedulerHangs = false;
  });

  it('resolves by filter after a confirmation showing the count: exactly the matched items change', async () => {
    const target = targets[2] ?? '';
    const filter = `"target" = $1 AND "entity_type" = 'inventory-level' AND "error_code" IN ('ERP_LOCKED')`;
    const expected = await seeded.count(filter, [target]);
    await page.goto(
      `${running.url}/?target=${target}&entityType=inventory-level&errorCode=ERP_LOCKED`,
    );
    expect(await matched()).toBe(expected);
    await page.click('a.bulk-resolve >> nth=-1');
    expect(await page.textContent('h1')).toBe(
      `Resolve ${String(expected)} open or retrying dead letters?`,
    );
    await page.fill('textarea[name="note"]', 'archived in the ERP on purpose');
    await page.click(`button:has-text("Resolve ${String(expected)} items")`);
    await page.waitForURL((url) => url.pathname === '/');
    expect(await seeded.count(`"status" = 'resolved'`)).toBe(expected);
    expect(await seeded.count(`"status" = 'resolved' AND ${filter}`, [target])).toBe(expected);
    expect(await seeded.count(`"status" = 'open'`)).toBe(3_000 - expected);

    // A discard confirmed after the matches changed is refused with 409 and changes nothing.
    await page.goto(`${running.url}/bulk/discard?target=${target}&errorCode=ERP_AUTH`);
    const shown = Number(/Discard (\d+) /.exec((await page.textContent('h1')) ?? '')?.[1]);
    expect(shown).toBe(await seeded.count(`"target" = $1 AND "error_code" = 'ERP_AUTH'`, [target]));
    const api = apiClient(running.url, OPERATOR_TOKEN);
    const moved = await api.post('/api/dead-letters/resolve', {
      filter: { target, errorCode: 'ERP_AUTH', entityKey: '14-0' },
      note: 'fixed alone',
    });
    expect(moved.body).toMatchObject({ changed: 1 });
    await page.fill('textarea[name="note"]', 'duplicates');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/bulk/discard')),
      page.click(`button:has-text("Discard ${String(shown)} items")`),
    ]);
    expect(response.status()).toBe(409);
    expect(await page.textContent('[role="alert"]')).toContain(
      `${String(shown - 1)} items match now`,
    );
    expect(await seeded.count(`"status" = 'discarded'`)).toBe(0);
  });
});
