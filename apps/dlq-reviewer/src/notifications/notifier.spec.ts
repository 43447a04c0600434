import { createLogger } from '@hub/observability';
import { signalHolds } from '@hub/testing';
import type { NewItem } from '../store/item-types';
import { notificationBody } from './notification-body';
import { Notifier } from './notifier';

const item = (target: string | null, reason: string): NewItem =>
  ({ target, reason }) as unknown as NewItem;

describe('Notifier', () => {
  let clock = 0;
  const calls: { url: string; body: unknown }[] = [];
  let answers: number[] = [];
  const fakeFetch = ((url: string, init: { body: string }) => {
    calls.push({ url, body: JSON.parse(init.body) as unknown });
    return Promise.resolve(new Response(null, { status: answers.shift() ?? 200 }));
  }) as unknown as typeof fetch;

  const notifier = () =>
    new Notifier({
      webhooks: [{ url: 'https://hooks.test/a', format: 'json' }],
      windowMs: 60_000,
      attempts: 3,
      retryDelayMs: 1_000,
      consoleUrl: 'https://dlq.test/',
      logger: createLogger({ service: 'test', level: 'silent' }),
      now: () => clock,
      fetch: fakeFetch,
    });

  beforeEach(() => {
    jest.useFakeTimers();
    clock = 0;
    calls.length = 0;
    answers = [];
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('sends the first item at once and batches the rest of the window per target', async () => {
    const subject = notifier();
    subject.itemCreated(item('odoo', 'permanent_failure'));
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);

    clock = 1_000;
    subject.itemCreated(item('odoo', 'permanent_failure'));
    subject.itemCreated(item('odoo', 'retries_exhausted'));
    subject.itemCreated(item('sap', 'permanent_failure'));
    await jest.advanceTimersByTimeAsync(0);
    expect(calls.map((call) => (call.body as { target: string }).target)).toEqual(['odoo', 'sap']);

    clock = 60_000;
    await jest.advanceTimersByTimeAsync(59_000);
    expect(calls[2]?.body).toMatchObject({
      target: 'odoo',
      total: 2,
      byReason: { permanent_failure: 1, retries_exhausted: 1 },
    });
    await subject.close();
  });

  it('leaves nothing on its stopping signal once its deliveries and retry waits settle', async () => {
    const subject = notifier();
    for (const target of ['odoo', 'sap', 'bc', 'fo'])
      subject.itemCreated(item(target, 'undecodable'));
    await jest.advanceTimersByTimeAsync(0);
    answers = [503];
    clock = 60_000;
    subject.itemCreated(item('odoo', 'undecodable'));
    await jest.advanceTimersByTimeAsync(60_000);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(6);
    expect(signalHolds(subject['stopping'].signal)).toBe(0);
    await subject.close();
  });

  it('retries a failing webhook with doubling delays, then gives up without throwing', async () => {
    answers = [503, 503, 503];
    const subject = notifier();
    subject.itemCreated(item(null, 'undecodable'));
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(3);
    await subject.close();
  });

  it('does not retry a 4xx refusal', async () => {
    answers = [404];
    const subject = notifier();
    subject.itemCreated(item('odoo', 'permanent_failure'));
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);
    await subject.close();
  });
});

describe('notificationBody', () => {
  const digest = {
    target: 'odoo',
    byReason: { retries_exhausted: 1, permanent_failure: 2 },
    firstAt: 0,
    lastAt: 1_000,
    consoleUrl: 'https://dlq.test/base/',
  };

  it('writes a Slack message with counts by reason and a link', () => {
    expect(notificationBody('slack', digest)).toEqual({
      text: '3 new dead letters for odoo (permanent_failure: 2, retries_exhausted: 1). <https://dlq.test/base/?status=open&target=odoo|Review them in the DLQ console>',
    });
  });

  it('writes a generic JSON body', () => {
    expect(notificationBody('json', { ...digest, target: 'unknown' })).toEqual({
      type: 'hub.dlq.new-dead-letters',
      target: 'unknown',
      total: 3,
      byReason: digest.byReason,
      firstAt: '1970-01-01T00:00:00.000Z',
      lastAt: '1970-01-01T00:00:01.000Z',
      consoleUrl: 'https://dlq.test/base/?status=open',
    });
  });
});
