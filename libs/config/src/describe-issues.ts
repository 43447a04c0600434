import type { z } from 'zod';

/** Zod issues as one line: `item 2: must be host:port; ...`. Never includes the input. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${describePath(issue.path)}${issue.message}`).join('; ');
}

function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  const parts = path.map((part) => (typeof part === 'number' ? `item ${part + 1}` : String(part)));
  return `${parts.join(' ')}: `;
}
