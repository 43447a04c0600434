import { createServer, type Server } from 'node:http';
import { createLogger } from '@hub/observability';
import type { NewItem } from '../store/item-types';
import { Notifier } from './notifier';

/** A webhook that answers 307 towards another address on the same server. */
async function redirectingWebhook(): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    if (request.url === '/hook') response.writeHead(307, { location: '/internal-admin' }).end();
    else response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${String(port)}/hook`, hits, server };
}

describe('Notifier and redirects', () => {
  it('does not follow a redirect (the body would go where the webhook points it)', async () => {
    const webhook = await redirectingWebhook();
    const logger = createLogger({ service: 'test', level: 'silent' });
    const error = jest.spyOn(logger, 'error');
    const notifier = new Notifier({
      webhooks: [{ url: webhook.url, format: 'json' }],
      windowMs: 60_000,
      attempts: 2,
      retryDelayMs: 10,
      consoleUrl: 'https://dlq.test/',
      logger,
      now: () => 0,
    });
    notifier.itemCreated({ target: 'odoo', reason: 'permanent_failure' } as unknown as NewItem);
    for (let i = 0; i < 100 && error.mock.calls.length === 0 && webhook.hits.length < 2; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await notifier.close();
    await new Promise<void>((resolve) =>
      webhook.server.close(() => {
        resolve();
      }),
    );
    expect(webhook.hits).toEqual(['/hook']);
    expect(error).toHaveBeenCalledWith(
      { host: new URL(webhook.url).host, status: 307 },
      'notification refused; not retried',
    );
  });
});
