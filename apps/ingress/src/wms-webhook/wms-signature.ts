/**
 * Standard Webhooks verification (docs/erp-protocols.md §5.2): freshness first, with an
 * injected clock so the tolerance is testable and a stale delivery gets its own problem
 * type, then the HMAC over the RAW body. The HMAC is node:crypto's (OpenSSL), with each
 * secret's key decoded once: the reference `standardwebhooks` library computes SHA-256 in
 * JavaScript and decodes the secret on every call, which cost the ingress about a tenth of
 * its per-request CPU. What is signed, how the secret is decoded and which signatures count
 * follow the reference library exactly (wms-signature.spec.ts checks each against it).
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { refuse } from '../problem/ingress-error';

/** The reference library's tolerance, both ways ("too old" / "too new"). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export interface SignedHeaders {
  readonly id: string | undefined;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
}

const SECRET_PREFIX = 'whsec_';
/** What the reference library's base64 decoder accepts: the standard alphabet, at most two `=`. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Secrets come from the configuration (and the per-process stand-ins), so this stays small. */
const KEY_CACHE_LIMIT = 64;
const keys = new Map<string, KeyObject | undefined>();

/**
 * The HMAC key of a `whsec_` secret, or undefined where the reference library refuses the
 * secret (bad base64, empty key), which then matches nothing.
 */
function keyOf(secret: string): KeyObject | undefined {
  if (keys.has(secret)) return keys.get(secret);
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const decoded =
    encoded.length >= 4 && BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
  // A KeyObject, not the bytes: createHmac then skips importing the key on every call.
  const key = decoded !== undefined && decoded.length > 0 ? createSecretKey(decoded) : undefined;
  if (keys.size >= KEY_CACHE_LIMIT) keys.clear();
  keys.set(secret, key);
  return key;
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
  const offered = offeredSignatures(signature);
  // The library signs the timestamp as a number (no leading zeros) and the body as decoded
  // text (invalid UTF-8 becomes U+FFFD), so the same bytes are signed here.
  const prefix = `${id}.${String(seconds)}.`;
  const body = isUtf8(rawBody) ? rawBody : Buffer.from(rawBody.toString('utf8'), 'utf8');
  let matched = false;
  for (const secret of secrets)
    matched = signedWith(keyOf(secret), prefix, body, offered) || matched;
  if (!matched)
    throw refuse('SIGNATURE_INVALID', 'No webhook-signature matches the body for this system.');
}

/** The `v1` entries of the space-separated list, as bytes; other versions are ignored. */
function offeredSignatures(header: string): Buffer[] {
  const offered: Buffer[] = [];
  for (const entry of header.split(' ')) {
    const [version, value] = entry.split(',');
    if (version === 'v1') offered.push(Buffer.from(value ?? '', 'utf8'));
  }
  return offered;
}

function signedWith(
  key: KeyObject | undefined,
  prefix: string,
  body: Buffer,
  offered: readonly Buffer[],
): boolean {
  if (key === undefined) return false;
  const expected = Buffer.from(
    createHmac('sha256', key).update(prefix, 'utf8').update(body).digest('base64'),
    'utf8',
  );
  let matched = false;
  for (const candidate of offered)
    matched =
      (candidate.length === expected.length && timingSafeEqual(candidate, expected)) || matched;
  return matched;
}
