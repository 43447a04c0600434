/**
 * A body must arrive within the request timeout. Node's own requestTimeout does not end a
 * request whose handler already started while its body still trickles in, so a sender
 * dripping a byte at a time would hold a connection (and a parser buffer) forever.
 */
import type { FastifyInstance } from 'fastify';

const TIMED_OUT = 'HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n';

export function guardSlowBodies(fastify: FastifyInstance, timeoutMs: number): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const { raw } = request;
    if (raw.complete) {
      done();
      return;
    }
    const timer = setTimeout(() => {
      if (raw.complete) return;
      const { socket } = raw;
      socket.end(TIMED_OUT, () => socket.destroy());
    }, timeoutMs);
    timer.unref();
    const clear = (): void => {
      clearTimeout(timer);
    };
    raw.once('end', clear);
    raw.once('close', clear);
    done();
  });
}
