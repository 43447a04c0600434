import { join } from 'node:path';
import { retryTopic } from '@hub/contracts';
import { chromium, type Browser } from 'playwright-core';
import { apiClient, listItems } from '../testing/api-client';
import { deadLetterFixtures, type Fixtures } from '../testing/dead-letter-fixtures';
import {
  OPERATOR_TOKEN,
  eventually,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';
import { startSimulatedConnector, type SimulatedConnector } from '../testing/simulated-connector';

// The README's screenshot of an item is refreshed on request (UPDATE_SCREENSHOTS=1; the
// grouped view's comes from console-scale.int-spec.ts); by default the test writes under
// dist/ so a test run never dirties the working tree.
const SCREENSHOT =
  process.env['UPDATE_SCREENSHOTS'] === '1'
    ? join(__dirname, '../../docs/console-item.png')
    : join(__dirname, '../../../../dist/screenshots/dlq-reviewer-console.png');

describe('web console in Debian chromium: sign in, open an item, retry now, see it resolved', () => {
  let running: RunningReviewer;
  let fixtures: Fixtures;
  let connector: SimulatedConnector;
  let browser: Browser;
  // Whatever beforeAll got to start is stopped, newest first, so a failed launch leaves no
  // consumer open.
  const started: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    running = await startReviewer();
    started.push(() => running.stop());
    fixtures = await deadLetterFixtures(running.deadLetterTopic);
    started.push(() => fixtures.close());
    connector = await startSimulatedConnector({
      retryTopic: retryTopic(running.target),
      outcomeTopics: [running.outcomeTopic],
      target: running.target,
      serde: fixtures.serde,
    });
    started.push(() => connector.stop());
    browser = await chromium.launch({
      // npm test's preflight (tools/preflight.ts) has said already when it is missing.
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    started.push(() => browser.close());
  });

  afterAll(async () => {
    for (const stop of started.reverse()) await stop();
  });

  it('retries an item with one click and shows it resolved once the target recovers', async () => {
    const { original } = await fixtures.publishDeadLetter({
      target: running.target,
      errorMessage: 'ERP rejected the line: unit of measure <PCS> is not known',
    });
    const api = apiClient(running.url, OPERATOR_TOKEN);
    const item = await eventually(
      'the dead letter as an item',
      async () => (await listItems(api, `entityKey=${encodeURIComponent(original.entityKey)}`))[0],
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${running.url}/`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.fill('#token', OPERATOR_TOKEN);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(`${running.url}/`);

    await page.fill('input[name="target"]', running.target);
    await page.click('button:has-text("Filter")');
    await page.click(`a[href="/items/${item.id}"]`);
    await page.waitForSelector('[data-status="open"]');
    // The error text arrives escaped: the angle brackets are text, not markup.
    expect(await page.textContent('main')).toContain('unit of measure <PCS> is not known');

    await page.click('button:has-text("Retry now")');
    await page.waitForSelector('h1 [data-status="resolved"]', { timeout: 20_000 });
    expect(connector.received.map((message) => message.envelope.eventId)).toContain(
      original.eventId,
    );
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    const audit = await api.get(`/api/audit?itemId=${item.id}`);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({ action: 'retry', actor: 'ops-bot' }),
    ]);
  });

  it('groups open items by target and error code, and retries one group after a confirmation', async () => {
    const unitUnknown = await Promise.all(
      Array.from({ length: 6 }, () =>
        fixtures.publishDeadLetter({ target: running.target, errorCode: 'ERP_UNIT_UNKNOWN' }),
      ),
    );
    const archived = await Promise.all(
      Array.from({ length: 3 }, () =>
        fixtures.publishDeadLetter({ target: running.target, errorCode: 'ERP_PRODUCT_ARCHIVED' }),
      ),
    );
    const api = apiClient(running.url, OPERATOR_TOKEN);
    const openOf = async (code: string) =>
      listItems(api, `target=${running.target}&errorCode=${code}&status=open`);
    await eventually('the nine dead letters as open items', async () =>
      (await openOf('ERP_UNIT_UNKNOWN')).length === 6 &&
      (await openOf('ERP_PRODUCT_ARCHIVED')).length === 3
        ? true
        : undefined,
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${running.url}/signin`);
    await page.fill('#token', OPERATOR_TOKEN);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(`${running.url}/`);
    const group = (code: string) => `tr[data-group="${running.target}/${code}"]`;
    expect(await page.textContent(`${group('ERP_UNIT_UNKNOWN')} .count`)).toBe('6');
    expect(await page.textContent(`${group('ERP_PRODUCT_ARCHIVED')} .count`)).toBe('3');
    // Times read as UTC dates, the exact instant on hover.
    expect(await page.getAttribute(`${group('ERP_UNIT_UNKNOWN')} time`, 'title')).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/,
    );

    await page.click(`${group('ERP_UNIT_UNKNOWN')} a.bulk`);
    expect(await page.textContent('h1')).toBe('Retry 6 open dead letters?');
    await page.fill('textarea[name="note"]', 'unit fixed in the ERP');
    await page.click('button:has-text("Retry 6 items")');
    await page.waitForURL((url) => url.pathname === '/');

    await eventually('the group retried', async () =>
      (await openOf('ERP_UNIT_UNKNOWN')).length === 0 ? true : undefined,
    );
    const retriedIds = unitUnknown.map((letter) => letter.original.eventId);
    await eventually('the retries at the connector', () =>
      Promise.resolve(
        retriedIds.every((id) =>
          connector.received.some((message) => message.envelope.eventId === id),
        )
          ? true
          : undefined,
      ),
    );
    const untouched = archived.map((letter) => letter.original.eventId);
    expect(
      connector.received.filter((message) => untouched.includes(message.envelope.eventId)),
    ).toEqual([]);
    expect(await openOf('ERP_PRODUCT_ARCHIVED')).toHaveLength(3);
  });
});
