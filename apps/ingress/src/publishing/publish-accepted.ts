/**
 * Publishes an accepted event and counts it: the publish latency histogram (serialize,
 * produce, acks=all) and the accepted counter, both per system and route. A failed publish
 * counts neither; its 503 is counted as a rejection by the problem filter.
 */
import type { IngressDeps } from '../app/ingress-deps';
import type { WebhookRoute } from '../metrics/webhook-metrics';
import { systemLabel } from '../webhook-common/known-system';
import type { PublishableEvent } from './event-publisher';

export async function publishAccepted(
  deps: IngressDeps,
  route: WebhookRoute,
  topic: string,
  event: PublishableEvent,
): Promise<void> {
  const labels = { system: systemLabel(deps.systems, event.sourceSystem), route };
  const stopTimer = deps.metrics.ingressPublishSeconds.startTimer(labels);
  await deps.publisher.publishEvent(topic, event);
  stopTimer();
  deps.metrics.ingressAccepted.inc(labels);
}
