import type { ProbeHandlers, ProbeReply } from './probe-handlers';

/** The part of a reply object the probes use; a Fastify reply has it. */
export interface ProbeReplySink {
  code(statusCode: number): ProbeReplySink;
  header(name: string, value: string): ProbeReplySink;
  send(body: string): unknown;
}

/** The part of a router the probes use: a Fastify instance (e.g. Nest's `app.getHttpAdapter().getInstance()`). */
export interface ProbeRouter {
  get(
    path: string,
    handler: (request: unknown, reply: ProbeReplySink) => Promise<unknown>,
  ): unknown;
}

export const PROBE_PATHS = Object.freeze({
  healthz: '/healthz',
  readyz: '/readyz',
  metrics: '/metrics',
});

/**
 * Mounts the three probe routes. Registered on the HTTP server directly, outside any
 * global prefix, versioning or auth guard: the kubelet and Prometheus call these paths.
 */
export function registerProbeRoutes(router: ProbeRouter, handlers: ProbeHandlers): void {
  const route =
    (produce: () => Promise<ProbeReply>) => async (_request: unknown, reply: ProbeReplySink) => {
      const answer = await produce();
      return reply
        .code(answer.statusCode)
        .header('content-type', answer.contentType)
        .send(answer.body);
    };
  router.get(
    PROBE_PATHS.healthz,
    route(() => handlers.healthz()),
  );
  router.get(
    PROBE_PATHS.readyz,
    route(() => handlers.readyz()),
  );
  router.get(
    PROBE_PATHS.metrics,
    route(() => handlers.metrics()),
  );
}
