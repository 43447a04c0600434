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

/** Every candidate is compared, so the time taken does not say which one matched. */
export function anyTokenMatches(expected: readonly string[], presented: string): boolean {
  let matched = false;
  for (const candidate of expected) matched = tokensMatch(candidate, presented) || matched;
  return matched;
}
