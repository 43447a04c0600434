/**
 * Constant-time token comparison. Both sides are hashed first so timingSafeEqual always
 * gets equal lengths and the time taken says nothing about the expected token's length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function tokensMatch(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}
