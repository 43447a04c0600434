/** The rules every owner/receivers pair meets, for an unscoped type and for each scope alike. */
import type { PolicyIssue } from './policy-issue';

/** What an unscoped type or one scope declares: who owns, who receives. */
export interface Holding {
  readonly owner?: string | readonly string[] | undefined;
  readonly receivers: readonly string[];
}

/** Exactly one declared owner, declared receivers, each once, never the owner. */
export function checkHolding(
  holding: Holding,
  at: string,
  name: string,
  declared: ReadonlySet<string>,
): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const owners = ownersOf(holding).filter((owner) => owner !== '');
  if (owners.length === 0)
    issues.push({ path: `${at}.owner`, reason: `${name} has no owner; exactly one is required` });
  if (owners.length > 1) {
    issues.push({
      path: `${at}.owner`,
      reason: `${name} has ${owners.length} owners (${owners.join(', ')}); exactly one is required`,
    });
  }
  for (const owner of owners) {
    if (!declared.has(owner))
      issues.push({ path: `${at}.owner`, reason: unknownSystem(owner, declared) });
  }
  const seen = new Set<string>();
  holding.receivers.forEach((receiver, index) => {
    const path = `${at}.receivers[${index}]`;
    if (!declared.has(receiver)) issues.push({ path, reason: unknownSystem(receiver, declared) });
    if (owners.includes(receiver)) {
      issues.push({
        path,
        reason: `${receiver} owns ${name} and cannot also receive it (data flows from the owner only)`,
      });
    }
    if (seen.has(receiver)) issues.push({ path, reason: `receiver ${receiver} is listed twice` });
    seen.add(receiver);
  });
  return issues;
}

export function ownersOf(holding: Pick<Holding, 'owner'>): readonly string[] {
  if (holding.owner === undefined) return [];
  return typeof holding.owner === 'string' ? [holding.owner] : holding.owner;
}

function unknownSystem(id: string, declared: ReadonlySet<string>): string {
  return `unknown system "${id}" (declared: ${[...declared].join(', ') || 'none'})`;
}
