/** A local HTTP receiver for notification tests: records JSON bodies per path; can fail the first N requests. */
import { createServer, type Server } from 'node:http';

export interface ReceivedNotification {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedNotification[];
  /** Requests answered 503 before any is accepted, per path. */
  failFirst(path: string, count: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedNotification[] = [];
  const failures = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const left = failures.get(path) ?? 0;
      if (left > 0) {
        failures.set(path, left - 1);
        response.writeHead(503).end();
        return;
      }
      received.push({
        path,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    received,
    failFirst: (path, count) => failures.set(path, count),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
