/**
 * The hub's reference on what the connector creates in F&O, so findPriorWrite can find it:
 * the correlation id itself (35 characters) in a counting journal's Description (60), and
 * a deterministic 20-character derivative as the product receipt number (PackingSlipId is
 * 20 characters): `HUB-` and the first 16 hex digits of the correlation id's digest.
 */
export function journalReference(correlationId: string): string {
  return correlationId;
}

export function receiptReference(correlationId: string): string {
  const digest = correlationId.replace(/^c\d+-/, '').replace(/[^0-9a-f]/gi, '');
  return `HUB-${digest.slice(0, 16).toUpperCase()}`;
}
