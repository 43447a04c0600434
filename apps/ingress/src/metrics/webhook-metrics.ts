/**
 * Per-route request metrics, counted at the HTTP edge so every route and every refusal is
 * seen the same way: received when a webhook route matched (before the body is read, so a
 * 413 or 415 still counts), rejected with the problem's slug as reason. Accepted events and
 * publish latency are counted where the event is published (publishing/publish-accepted.ts).
 * Label values stay bounded: the route family, a configured system id or `unknown`.
 */
import type { HubMetrics } from '@hub/observability';
import type { FastifyRequest } from 'fastify';
import type { SystemsConfig } from '../app/systems-setting';
import { requestedSystemFields, systemLabel } from '../webhook-common/known-system';

export const webhookRoutes = [
  'wms',
  'odoo',
  'business-central',
  'sap',
  'dynamics-finance',
] as const;
export type WebhookRoute = (typeof webhookRoutes)[number];

/** Route patterns are the app's own (never a caller's URL), so this stays as small as the route table. */
const familyOfPattern = new Map<string | undefined, WebhookRoute | undefined>();

/** The route family of a matched route pattern (`/webhooks/wms/:systemId` → `wms`). */
export function webhookRouteOf(pattern: string | undefined): WebhookRoute | undefined {
  if (familyOfPattern.has(pattern)) return familyOfPattern.get(pattern);
  const family = /^\/webhooks\/([a-z-]+)\//.exec(pattern ?? '')?.[1];
  const route = webhookRoutes.find((candidate) => candidate === family);
  familyOfPattern.set(pattern, route);
  return route;
}

function systemIdOf(request: FastifyRequest): string {
  const { params } = request;
  if (typeof params !== 'object' || params === null || !('systemId' in params)) return '';
  return typeof params.systemId === 'string' ? params.systemId : '';
}

export class WebhookMetrics {
  constructor(
    private readonly metrics: HubMetrics,
    private readonly systems: SystemsConfig,
  ) {}

  /** Fastify onRequest: routes are matched by then, the body not yet read. */
  received(request: FastifyRequest): void {
    const route = webhookRouteOf(request.routeOptions.url);
    if (route === undefined) return;
    this.metrics.ingressReceived.inc({ system: this.systemOf(request), route });
  }

  /**
   * Every problem answer on a webhook route, reason = its slug, or `unknown-system` for a
   * system answered as a wrong credential; 404s for unknown paths are not webhooks.
   */
  rejected(request: FastifyRequest, reason: string): void {
    if (webhookRouteOf(request.routeOptions.url) === undefined) return;
    this.metrics.ingressRejected.inc({ system: this.systemOf(request), reason });
  }

  /** The system's label, plus the id asked for when it is not configured (for a log line). */
  systemFields(request: FastifyRequest): Readonly<Record<string, string>> {
    return requestedSystemFields(this.systems, systemIdOf(request));
  }

  private systemOf(request: FastifyRequest): string {
    return systemLabel(this.systems, systemIdOf(request));
  }
}
