/**
 * Applies faults to one HTTP request around the simulated work: before (outage, rate
 * limit, gone, latency) and after the work is committed (500 or a dropped connection).
 * Returns true when the request has been answered or dropped.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply } from 'fastify';
import type { FaultInjector, FaultTarget } from './fault-injector';

export function dropConnection(reply: FastifyReply): void {
  reply.hijack();
  reply.raw.socket?.destroy();
}

export async function faultsBefore(
  faults: FaultInjector,
  target: FaultTarget,
  reply: FastifyReply,
): Promise<boolean> {
  const outage = faults.take('outage', target);
  if (outage?.mode === 'refuse-connection') {
    dropConnection(reply);
    return true;
  }
  if (outage) {
    await reply
      .code(503)
      .header('content-type', 'text/html')
      .send('<h1>503 Service Unavailable</h1>');
    return true;
  }
  const rateLimit = faults.take('rateLimit', target);
  if (rateLimit) {
    await reply
      .code(429)
      .header('retry-after', String(rateLimit.retryAfterSeconds))
      .header('content-type', 'text/html')
      .send('<h1>429 Too Many Requests</h1>');
    return true;
  }
  const gone = faults.take('gone', target);
  if (gone) {
    await reply.code(410).send({ status: 'gone' });
    return true;
  }
  const latency = faults.take('latency', target);
  if (latency) await sleep(latency.latencyMs);
  return false;
}

export async function faultsAfter(
  faults: FaultInjector,
  target: FaultTarget,
  reply: FastifyReply,
): Promise<boolean> {
  if (faults.take('dropAfterCommit', target)) {
    dropConnection(reply);
    return true;
  }
  if (faults.take('failAfterCommit', target)) {
    await reply
      .code(500)
      .header('content-type', 'text/html')
      .send('<h1>500 Internal Server Error</h1>');
    return true;
  }
  return false;
}
