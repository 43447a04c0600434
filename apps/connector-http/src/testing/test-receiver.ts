/**
 * A minimal Standard Webhooks receiver for the adapter's integration test: verifies every
 * delivery with the reference `standardwebhooks` package over the raw body, deduplicates
 * on webhook-id, and answers what the test scripted (status, Retry-After, delay).
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly delayMs?: number;
}

export interface ReceivedDelivery {
  readonly webhookId: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export interface TestReceiver {
  readonly url: string;
  /** Verified, first-seen deliveries. */
  readonly deliveries: ReceivedDelivery[];
  /** Every request: its webhook-id and the status answered. */
  readonly attempts: { webhookId: string; status: number }[];
  /** Answers for the next requests, in order; afterwards 200 (or 401 for a bad signature). */
  script(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

function headerRecord(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw))
    if (typeof value === 'string') headers[name] = value;
  return headers;
}

export async function startTestReceiver(secret: string): Promise<TestReceiver> {
  const server: FastifyInstance = Fastify();
  const verifier = new Webhook(secret);
  const deliveries: ReceivedDelivery[] = [];
  const attempts: { webhookId: string; status: number }[] = [];
  const scripted: ScriptedAnswer[] = [];
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  server.post('/hooks', async (request, reply) => {
    const headers = headerRecord(request.headers);
    const webhookId = headers['webhook-id'] ?? '';
    const answer = scripted.shift();
    if (answer?.delayMs !== undefined)
      await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    let body: unknown;
    try {
      body = verifier.verify(request.body as Buffer, headers);
    } catch {
      attempts.push({ webhookId, status: 401 });
      return reply.code(401).send({ error: 'signature' });
    }
    const status = answer?.status ?? 200;
    attempts.push({ webhookId, status });
    if (status >= 200 && status < 300 && !deliveries.some((d) => d.webhookId === webhookId))
      deliveries.push({ webhookId, body, headers });
    return reply
      .code(status)
      .headers(answer?.headers ?? {})
      .send(answer?.body ?? '');
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/hooks`,
    deliveries,
    attempts,
    script: (...answers) => scripted.push(...answers),
    close: () => server.close(),
  };
}
