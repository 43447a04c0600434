/** Media type checks on the raw Content-Type header (parameters such as charset ignored). */
import { refuse } from '../problem/ingress-error';

export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function assertMediaType(header: string | undefined, accepted: readonly string[]): void {
  const mediaType = mediaTypeOf(header);
  if (!accepted.includes(mediaType))
    throw refuse(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type must be ${accepted.join(' or ')}, got "${mediaType || '(none)'}".`,
    );
}

/** JSON.parse of a raw body; a malformed document is the sender's 400, never our 500. */
export function parseJsonBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw refuse('INVALID_PAYLOAD', 'The body is not valid JSON.', {
      errors: [{ path: '', message: 'not valid JSON' }],
    });
  }
}

/** For senders that must never see a 400 (Business Central): undefined when not JSON. */
export function parseJsonOrUndefined(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}
