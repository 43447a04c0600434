/**
 * A body must arrive within the request timeout. Node's own requestTimeout does not end a
 * request whose handler already started while its body still trickles in, so a sender
 * dripping a byte at a time would hold a connection (and a parser buffer) forever.
 *
 * Requests whose body is still arriving are kept in one map, checked by one timer a few
 * times per timeout (at most every second): a timer and two stream listeners per request
 * cost more than the rest of the guard. A late sender is therefore cut off between the
 * timeout and a quarter of it (at most a second) later.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

const TIMED_OUT = 'HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n';
const MAX_CHECK_INTERVAL_MS = 1_000;

export function guardSlowBodies(fastify: FastifyInstance, timeoutMs: number): void {
  /** Requests whose body has not fully arrived → when they must have. */
  const arriving = new Map<IncomingMessage, number>();
  const check = setInterval(
    () => {
      const now = Date.now();
      for (const [raw, deadline] of arriving) {
        if (raw.complete || raw.destroyed) arriving.delete(raw);
        else if (now >= deadline) {
          arriving.delete(raw);
          const { socket } = raw;
          socket.end(TIMED_OUT, () => socket.destroy());
        }
      }
    },
    Math.max(1, Math.min(MAX_CHECK_INTERVAL_MS, Math.floor(timeoutMs / 4))),
  );
  check.unref();
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(check);
    done();
  });
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (!request.raw.complete) arriving.set(request.raw, Date.now() + timeoutMs);
    done();
  });
  // The body has been read by now: forget the request at once rather than at the next check.
  fastify.addHook('preValidation', (request, _reply, done) => {
    arriving.delete(request.raw);
    done();
  });
}
