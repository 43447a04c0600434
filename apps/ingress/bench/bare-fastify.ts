/**
 * The baseline: a bare Fastify server with one POST route that only produces a message
 * of the ingress's size and headers to Kafka and answers 202 after the ack. It publishes
 * the way the ingress does (the hub's idempotent acks=all producer behind the lib's
 * batcher, same linger), so the ratio is the cost of everything else the ingress does:
 * Nest, signature, schema, ownership, Avro, metrics.
 */
import { createProduceBatcher, type Producer } from '@hub/messaging';
import Fastify from 'fastify';

export const BARE_PATH = '/produce';
/** The ingress's EventPublisher linger (src/publishing/event-publisher.ts). */
const LINGER_MS = 1;

export interface BareServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startBareFastify(
  producer: Producer,
  topic: string,
  shape: { readonly valueBytes: number; readonly headers: Readonly<Record<string, string>> },
): Promise<BareServer> {
  const batcher = createProduceBatcher(producer, { lingerMs: LINGER_MS });
  const app = Fastify({ bodyLimit: 1_048_576 });
  const value = Buffer.alloc(shape.valueBytes, 0x2a);
  app.post(BARE_PATH, async (request, reply) => {
    const id = request.headers['webhook-id'];
    await batcher.publish({
      topic,
      key: typeof id === 'string' ? id : 'none',
      value,
      headers: shape.headers,
    });
    void reply.code(202);
    return { status: 'accepted' };
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await app.close();
      // Publishes whose clients autocannon already dropped finish before the producer goes.
      await batcher.close();
    },
  };
}
