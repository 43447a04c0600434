/** From an untrusted object (parsed YAML or JSON) to a policy, or one error naming every problem. */
import { checkPolicy } from './check-policy';
import { OwnershipPolicyInvalidError } from './errors';
import {
  OwnershipPolicy,
  type EntityOwnership,
  type OwnershipScope,
  type PolicySystem,
} from './ownership-policy';
import { policyDocument, type EntityEntry } from './policy-document';
import { formatPath } from './policy-issue';
import { ENTITY_TYPES, isEntityType, isSystemKind } from './vocabulary';

/** `source` names where the object came from in the error message (a file path, say). */
export function parsePolicy(input: unknown, source = '(object)'): OwnershipPolicy {
  const parsed = policyDocument.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path) || '(root)',
      reason: issue.message,
    }));
    throw new OwnershipPolicyInvalidError(source, issues);
  }
  const issues = checkPolicy(parsed.data);
  if (issues.length > 0) throw new OwnershipPolicyInvalidError(source, issues);

  const systems: PolicySystem[] = parsed.data.systems.flatMap(({ id, kind }) =>
    isSystemKind(kind) ? [{ id, kind }] : [],
  );
  const entityTypes = parsed.data.entityTypes.flatMap(toOwnership);
  entityTypes.sort((a, b) => ENTITY_TYPES.indexOf(a.type) - ENTITY_TYPES.indexOf(b.type));
  return new OwnershipPolicy(systems, entityTypes);
}

function toOwnership(entry: EntityEntry): EntityOwnership[] {
  const { type, scopeField, changeRequests } = entry;
  if (!isEntityType(type)) return [];
  // The unscoped form is one scope that covers every value.
  const scopes: OwnershipScope[] = (
    entry.scopes ?? [{ values: '*' as const, owner: entry.owner, receivers: entry.receivers ?? [] }]
  ).map(({ values, owner, receivers }) => ({
    values,
    owner: typeof owner === 'string' ? owner : (owner?.[0] ?? ''),
    receivers,
  }));
  const unique = (ids: string[]): string[] => [...new Set(ids)];
  return [
    {
      type,
      scopeField,
      scopes,
      owners: unique(scopes.map((scope) => scope.owner)),
      receivers: unique(scopes.flatMap((scope) => scope.receivers)),
      changeRequests,
    },
  ];
}
