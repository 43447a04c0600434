/** A throwaway HTTP endpoint that records what it receives (webhook targets, a fake ingress). */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReceivedRequest {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HttpReceiver {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Answer for the next requests; default 200 `{}`. */
  respond: (
    request: ReceivedRequest,
  ) => Promise<{ status: number; body?: string }> | { status: number; body?: string };
  close(): Promise<void>;
}

export async function startReceiver(): Promise<HttpReceiver> {
  const received: ReceivedRequest[] = [];
  const receiver: { respond: HttpReceiver['respond'] } = {
    respond: () => ({ status: 200, body: '{}' }),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      void Promise.resolve(receiver.respond(entry)).then(
        ({ status, body }) => {
          if (!response.destroyed)
            response.writeHead(status, { 'content-type': 'application/json' }).end(body ?? '');
        },
        () => response.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get respond() {
      return receiver.respond;
    },
    set respond(fn) {
      receiver.respond = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

export async function until<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}
