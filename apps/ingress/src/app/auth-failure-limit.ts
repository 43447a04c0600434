/**
 * Per source address, failed authentication on the webhook routes is counted
 * (@fastify/rate-limit's store, one window per address); once an address used up its
 * allowance, its webhook requests get 429 until the window ends. Successful senders are
 * never counted, so a busy ERP is not throttled by this; guessing tokens and flooding
 * unauthenticated bodies (log and CPU amplification) is.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { webhookRouteOf } from '../metrics/webhook-metrics';
import { IngressError } from '../problem/ingress-error';

export interface AuthFailureLimit {
  /** Failures an address may have per window before it is refused. */
  readonly max: number;
  readonly windowMs: number;
}

/**
 * Answers that mean "you did not prove who you are"; an unknown system id gets the same 401
 * as a wrong credential (see webhook-common/known-system.ts), so it counts the same.
 */
const FAILED_AUTHENTICATION = new Set([401]);

const failedInsideAccepted = new WeakSet<FastifyRequest>();

/** For answers that must stay 2xx (Business Central) although nothing in them authenticated. */
export function markAuthenticationFailed(request: FastifyRequest): void {
  failedInsideAccepted.add(request);
}

export async function limitAuthenticationFailures(
  fastify: FastifyInstance,
  limit: AuthFailureLimit,
): Promise<void> {
  await fastify.register(rateLimit, { global: false });
  const failures = fastify.createRateLimit({
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (request) => request.ip,
  });
  const isWebhook = (request: FastifyRequest): boolean =>
    webhookRouteOf(request.routeOptions.url) !== undefined;

  fastify.addHook('onRequest', async (request, reply) => {
    if (!isWebhook(request)) return;
    const state = await failures(request, { increment: false });
    if (state.isAllowed || state.remaining > 0) return;
    void reply.header('retry-after', String(Math.max(1, state.ttlInSeconds)));
    throw new IngressError(
      'TOO_MANY_FAILURES',
      'Too many failed authentications from this address; try again later.',
      true,
    );
  });
  // A callback hook: most answers count nothing, and those skip the promise an async hook costs.
  fastify.addHook('onResponse', (request, reply, done) => {
    const failed = FAILED_AUTHENTICATION.has(reply.statusCode) || failedInsideAccepted.has(request);
    if (!failed || !isWebhook(request)) {
      done();
      return;
    }
    failures(request).then(() => {
      done();
    }, done);
  });
}
