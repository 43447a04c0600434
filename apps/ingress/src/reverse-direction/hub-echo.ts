/**
 * The echo of the hub's own write. The hub writes a WMS-owned entity into the ERP, the
 * ERP's automation announces that change like any other, and the ingress refuses it (the
 * ERP does not own the entity). Without this, every such refusal would also become a
 * change request for the owner, and the hub's own writes would bury the real requests.
 * When the system's `hubWriterUsers` (INGRESS_SYSTEMS) names the notification's last writer,
 * the refusal is the hub hearing itself: answered 200 and counted in
 * `hub_ingress_echoes_total`; no record, no reverse-direction count, no change request.
 * A notification that names no writer, or another one, is refused as before.
 */
import type { EntityType } from '@hub/contracts';
import { OWNERSHIP_ERROR_CODES, type OwnershipRefusal } from '@hub/ownership';
import type { IngressDeps } from '../app/ingress-deps';
import { lastWriterId } from './reverse-direction-user';

/** The answer to an echo (200): the sender is told what the hub made of it. */
export interface HubEchoIgnored {
  readonly correlationId: string;
  readonly status: 'ignored';
  readonly reason: 'hub-echo';
  readonly detail: string;
}

export interface EchoCandidate {
  readonly entityType: EntityType;
  readonly correlationId: string;
  /** The notification as the sender sent it (JSON form), where its last writer is named. */
  readonly proposedJson: unknown;
}

/** The echo answer when `refusal` is the hub's own write coming back, else undefined. */
export function hubEcho(
  deps: IngressDeps,
  refusal: OwnershipRefusal,
  event: EchoCandidate,
): HubEchoIgnored | undefined {
  if (refusal.code !== OWNERSHIP_ERROR_CODES.reverseDirectionWrite) return undefined;
  const { system } = refusal;
  const writers = deps.systems[system]?.hubWriterUsers;
  if (writers === undefined) return undefined;
  const writer = lastWriterId(event.proposedJson);
  if (writer === null || !writers.includes(writer)) return undefined;
  deps.metrics.ingressEchoes.inc({ system, entity_type: event.entityType });
  deps.logger.debug(
    { system, writer, entityType: event.entityType, correlationId: event.correlationId },
    "echo of the hub's own write ignored",
  );
  return {
    correlationId: event.correlationId,
    status: 'ignored',
    reason: 'hub-echo',
    detail: `Recognised as the hub's own write (last writer ${writer} is a hub writer user of ${system}); ignored: no change request, not recorded as a reverse-direction write.`,
  };
}
