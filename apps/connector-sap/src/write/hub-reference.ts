/**
 * The hub's reference in SAP's short fields. A correlation id (`c1-` + 32 hex) does not fit,
 * so the connector writes a deterministic digest of it: the first hex digits of its SHA-256,
 * upper case (SAP may upper-case reference fields), behind a prefix that marks the hub.
 *
 * - Material document header text (MaterialDocumentHeaderText, 25): `HUB:` + 21 hex = 84 bits.
 * - Physical inventory reference (PhysInventoryReferenceNumber, 16): `H` + 15 hex = 60 bits.
 *
 * The lookup compares the whole field, so a collision needs two correlation ids sharing
 * 84 (60) bits of digest: about one in 2^42 (2^30) pairs among the documents searched.
 */
import { createHash } from 'node:crypto';

const digest = (correlationId: string) =>
  createHash('sha256').update(correlationId).digest('hex').toUpperCase();

export function materialDocumentHeaderText(correlationId: string): string {
  return `HUB:${digest(correlationId).slice(0, 21)}`;
}

export function physInventoryReference(correlationId: string): string {
  return `H${digest(correlationId).slice(0, 15)}`;
}

/**
 * OASIS repeatable-request headers (the ID derived from the correlation id and the step, so a
 * retry repeats it; first-sent is the event's own time). Sent, never relied on: S/4HANA may
 * ignore them, and the lookup by reference guards the crash window.
 */
export function repeatabilityHeaders(
  correlationId: string,
  step: string,
  firstSentMs: number,
): Record<string, string> {
  const hex = createHash('sha256').update(`${correlationId}:${step}`).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return {
    'repeatability-request-id': id,
    'repeatability-first-sent': new Date(firstSentMs).toUTCString(),
  };
}
