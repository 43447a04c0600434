import { deadLetterFixtures, type Fixtures } from '../testing/dead-letter-fixtures';
import { eventually, startReviewer, type RunningReviewer } from '../testing/reviewer-harness';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';

describe('notifications: batched per target and window, retried, never blocking (real stack)', () => {
  let running: RunningReviewer;
  let receiver: WebhookReceiver;
  let fixtures: Fixtures;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    receiver.failFirst('/generic', 1);
    running = await startReviewer({
      DLQ_NOTIFY_WEBHOOKS: JSON.stringify([
        { url: `${receiver.url}/slack`, format: 'slack' },
        { url: `${receiver.url}/generic`, format: 'json' },
        // Nobody listens on port 9: this webhook always fails, and must not hold anything up.
        { url: 'http://127.0.0.1:9/down', format: 'json' },
      ]),
      DLQ_NOTIFY_WINDOW: '1500ms',
      DLQ_NOTIFY_RETRY_DELAY: '50ms',
      DLQ_NOTIFY_ATTEMPTS: '3',
      DLQ_CONSOLE_URL: 'https://dlq.example.test/',
    });
    fixtures = await deadLetterFixtures(running.deadLetterTopic);
  });

  afterAll(async () => {
    await fixtures.close();
    await running.stop();
    await receiver.close();
  });

  const at = (path: string) =>
    receiver.received.filter((notification) => notification.path === path);

  it('sends the first dead letter at once, then one message for the rest of the window', async () => {
    const { target } = running;
    await fixtures.publishDeadLetter({ target });
    await eventually('first notifications', () =>
      Promise.resolve(at('/slack').length === 1 && at('/generic').length === 1 ? true : undefined),
    );
    expect(at('/generic')[0]?.body).toMatchObject({
      type: 'hub.dlq.new-dead-letters',
      target,
      total: 1,
      byReason: { permanent_failure: 1 },
      consoleUrl: `https://dlq.example.test/?status=open&target=${target}`,
    });

    await fixtures.publishDeadLetter({ target });
    await fixtures.publishDeadLetter({ target, reason: 'retries_exhausted' });
    await fixtures.publishDeadLetter({ target });
    await eventually('batched notifications', () =>
      Promise.resolve(at('/slack').length === 2 && at('/generic').length === 2 ? true : undefined),
    );
    expect(at('/generic')[1]?.body).toMatchObject({
      total: 3,
      byReason: { permanent_failure: 2, retries_exhausted: 1 },
    });
    expect(at('/slack')[1]?.body).toEqual({
      text: `3 new dead letters for ${target} (permanent_failure: 2, retries_exhausted: 1). <https://dlq.example.test/?status=open&target=${target}|Review them in the DLQ console>`,
    });
  });
});
