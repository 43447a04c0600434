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

/**
 * No webhook format nests anywhere near this deep. JSON.parse accepts any depth, but the
 * recursive payload digest and schema checks would overflow the stack (a 500) on a body of
 * a few hundred kilobytes of brackets.
 */
export const MAX_JSON_DEPTH = 32;

/** Depth of a parsed document, counted without recursion so the check cannot overflow. */
export function jsonDepthExceeds(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** JSON.parse of a raw body; a malformed or absurdly nested document is the sender's 400, never our 500. */
export function parseJsonBody(raw: Buffer): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw refuse('INVALID_PAYLOAD', 'The body is not valid JSON.', {
      errors: [{ path: '', message: 'not valid JSON' }],
    });
  }
  if (jsonDepthExceeds(parsed))
    throw refuse(
      'INVALID_PAYLOAD',
      `The body nests deeper than ${String(MAX_JSON_DEPTH)} levels.`,
      {
        errors: [{ path: '', message: `nested deeper than ${String(MAX_JSON_DEPTH)} levels` }],
      },
    );
  return parsed;
}

/** For senders that must never see a 400 (Business Central): undefined when not JSON. */
export function parseJsonOrUndefined(raw: Buffer): unknown {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return jsonDepthExceeds(parsed) ? undefined : parsed;
  } catch {
    return undefined;
  }
}
