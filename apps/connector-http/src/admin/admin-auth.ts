/**
 * The admin routes' bearer check. Constant time: both sides are hashed first, so
 * timingSafeEqual gets equal lengths and the time taken says nothing about the token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AdminError } from './admin-error';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function tokensMatch(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

/** Throws UNAUTHORIZED unless `authorization` is `Bearer <expected>`. */
export function requireAdmin(expected: string, authorization: string | undefined): void {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? '');
  if (match?.[1] === undefined || !tokensMatch(expected, match[1]))
    throw new AdminError(
      'UNAUTHORIZED',
      'The admin routes need Authorization: Bearer <HTTP_CONNECTOR_ADMIN_TOKEN>.',
    );
}
