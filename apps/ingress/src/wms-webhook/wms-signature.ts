/**
 * Standard Webhooks verification (docs/erp-protocols.md §5.2): freshness first, with an
 * injected clock so the tolerance is testable and a stale delivery gets its own problem
 * type, then the HMAC over the RAW body through the reference `standardwebhooks` library.
 */
import { Webhook } from 'standardwebhooks';
import { refuse } from '../problem/ingress-error';

/** The reference library's tolerance, both ways ("too old" / "too new"). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export interface SignedHeaders {
  readonly id: string | undefined;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
}

/**
 * `secrets`: the system's one or two (rotation) secrets; a delivery signed with either is
 * accepted. Each is tried, whatever the first gave, so the time does not say which matched.
 */
export function verifyWmsSignature(
  secrets: readonly string[],
  headers: SignedHeaders,
  rawBody: Buffer,
  nowMs: number,
): void {
  const { id, timestamp, signature } = headers;
  if (id === undefined || timestamp === undefined || signature === undefined)
    throw refuse(
      'SIGNATURE_INVALID',
      'webhook-id, webhook-timestamp and webhook-signature are required.',
    );
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (Number.isNaN(seconds))
    throw refuse('SIGNATURE_INVALID', 'webhook-timestamp must be Unix seconds.');
  if (Math.abs(nowMs / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS)
    throw refuse(
      'TIMESTAMP_OUT_OF_TOLERANCE',
      `webhook-timestamp is more than ${String(TIMESTAMP_TOLERANCE_SECONDS)} s away from the hub's clock.`,
    );
  const signed = {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signature,
  };
  let matched = false;
  for (const secret of secrets) matched = signedWith(secret, signed, rawBody) || matched;
  if (!matched)
    throw refuse('SIGNATURE_INVALID', 'No webhook-signature matches the body for this system.');
}

function signedWith(secret: string, headers: Record<string, string>, rawBody: Buffer): boolean {
  try {
    new Webhook(secret).verify(rawBody, headers, { jsonParse: false });
    return true;
  } catch {
    return false;
  }
}
