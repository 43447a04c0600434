/**
 * The WMS's change-request endpoint in the demo process: a small Standard Webhooks receiver
 * (the reference `standardwebhooks` package verifies every request over the raw body) that
 * keeps what it got, so the story can say how often the WMS received a change request,
 * whether it was signed, and what it said. It answers 200 to a verified request, 401 otherwise.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedChangeRequest {
  readonly webhookId: string;
  readonly verified: boolean;
  readonly body: unknown;
}

export interface ChangeRequestReceiver {
  readonly url: string;
  /** Every request, in arrival order (a redelivery to the receiver would appear twice). */
  readonly received: readonly ReceivedChangeRequest[];
  stop(): Promise<void>;
}

function headerValues(headers: Readonly<Record<string, string | string[] | undefined>>) {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (typeof value === 'string') values[name] = value;
  return values;
}

export async function startChangeRequestReceiver(secret: string): Promise<ChangeRequestReceiver> {
  const verifier = new Webhook(secret);
  const received: ReceivedChangeRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = headerValues(request.headers);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      let verified = true;
      try {
        body = verifier.verify(raw, headers);
      } catch {
        verified = false;
      }
      received.push({ webhookId: headers['webhook-id'] ?? '', verified, body });
      response.writeHead(verified ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/change-requests`,
    received,
    stop: () =>
      new Promise((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}
