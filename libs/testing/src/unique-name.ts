import { randomBytes } from 'node:crypto';

/**
 * A name no other test (or earlier run) uses: for topics, groups, subjects and schemas,
 * so suites can run in parallel and again and again without sharing state.
 */
export function uniqueName(prefix: string): string {
  const safePrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${safePrefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
