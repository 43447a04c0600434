import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiClient, listItems } from '../testing/api-client';
import { deadLetterFixtures, type Fixtures } from '../testing/dead-letter-fixtures';
import {
  OPERATOR_TOKEN,
  VIEWER_TOKEN,
  eventually,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';

const SCREENSHOT = join(__dirname, '../../../../dist/screenshots/dlq-reviewer-targets.png');

describe('targets page in Debian chromium: state per target, a control behind a confirmation', () => {
  let running: RunningReviewer;
  let fixtures: Fixtures;
  let browser: Browser;
  const started: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    running = await startReviewer();
    started.push(() => running.stop());
    fixtures = await deadLetterFixtures(running.deadLetterTopic);
    started.push(() => fixtures.close());
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    started.push(() => browser.close());
  });

  afterAll(async () => {
    for (const stop of started.reverse()) await stop();
  });

  const signIn = async (token: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 700 } });
    await page.goto(`${running.url}/signin`);
    await page.fill('#token', token);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(`${running.url}/`);
    return page;
  };

  it('an operator pauses a target after confirming; a viewer sees the state without controls', async () => {
    const { target } = running;
    const letter = await fixtures.publishDeadLetter({ target });
    const api = apiClient(running.url, OPERATOR_TOKEN);
    await eventually(
      'the dead letter as an item',
      async () =>
        (await listItems(api, `entityKey=${encodeURIComponent(letter.original.entityKey)}`))[0],
    );
    // The reviewer reads the control topic in the background: controls work once it has.
    await eventually('the controls ready', async () => {
      const answer = await api.post(`/api/targets/${target}/breaker`, { force: 'auto' });
      return answer.status === 200 ? true : undefined;
    });

    const page = await signIn(OPERATOR_TOKEN);
    await page.goto(`${running.url}/targets`);
    const row = `tr[data-target="${target}"]`;
    expect(await page.getAttribute(`${row} .control`, 'data-paused')).toBe('false');
    expect(await page.textContent(`${row} .open`)).toBe('1');
    expect(await page.textContent(`${row} .lag`)).toBe('0');
    await page.click(`${row} a.order-pause`);
    expect(await page.textContent('h1')).toBe(`Pause ${target}?`);
    expect(await page.textContent('.effect')).toContain('nothing is dropped');
    await page.fill('textarea[name="note"]', 'ERP upgrade tonight');
    await page.click(`button:has-text("Pause ${target}")`);
    await page.waitForURL(`${running.url}/targets`);
    await eventually('the pause on the page', async () => {
      await page.reload();
      return (await page.getAttribute(`${row} .control`, 'data-paused')) === 'true'
        ? true
        : undefined;
    });
    expect(await page.textContent(`${row} .control`)).toContain('by ops-bot');
    // Paused: resume is offered, pause no more.
    expect(await page.locator(`${row} a.order-resume`).count()).toBe(1);
    expect(await page.locator(`${row} a.order-pause`).count()).toBe(0);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const audit = await api.get('/api/audit?action=target-pause');
    expect(audit.body.entries).toEqual([
      expect.objectContaining({ actor: 'ops-bot', note: 'ERP upgrade tonight' }),
    ]);

    const viewer = await signIn(VIEWER_TOKEN);
    await viewer.goto(`${running.url}/targets`);
    expect(await viewer.getAttribute(`${row} .control`, 'data-paused')).toBe('true');
    expect(await viewer.locator('th:has-text("Controls")').count()).toBe(0);
    expect(await viewer.locator(`${row} a.order-resume`).count()).toBe(0);
    // The confirmation's form is an operator's: the viewer's POST is refused.
    await viewer.goto(`${running.url}/targets/${target}/resume`);
    await viewer.click(`button:has-text("Resume ${target}")`);
    expect(await viewer.textContent('main')).toContain('Your role does not allow this');
    const rows = (await api.get('/api/targets')).body.targets as {
      target: string;
      control: { paused: boolean } | null;
    }[];
    expect(rows.find((entry) => entry.target === target)?.control?.paused).toBe(true);
    expect((await api.post(`/api/targets/${target}/resume`, { note: 'test over' })).status).toBe(
      200,
    );
  });
});
