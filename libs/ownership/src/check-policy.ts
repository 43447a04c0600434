/**
 * The rules a structurally valid policy must also meet (docs/architecture.md: one owner per
 * entity type, receivers never include the owner). Every problem is collected, so one
 * failed start-up names them all.
 */
import { checkHolding, ownersOf } from './check-holding';
import { checkScopeCoverage, checkScoped } from './check-scopes';
import type { EntityEntry, PolicyDocument } from './policy-document';
import type { PolicyIssue } from './policy-issue';
import { ENTITY_TYPES, SYSTEM_KINDS, isEntityType, isSystemKind } from './vocabulary';

export function checkPolicy(document: PolicyDocument): PolicyIssue[] {
  const declared = new Set(document.systems.map((system) => system.id));
  return [
    ...checkSystems(document.systems),
    ...document.entityTypes.flatMap((entry, index) =>
      checkEntityType(entry, `entityTypes[${index}]`, declared),
    ),
    ...checkOneDeclarationPerType(document.entityTypes),
    ...checkScopeCoverage(document.entityTypes),
  ];
}

function checkSystems(systems: PolicyDocument['systems']): PolicyIssue[] {
  const firstIndex = new Map<string, number>();
  return systems.flatMap(({ id, kind }, index): PolicyIssue[] => {
    const issues: PolicyIssue[] = [];
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else
      issues.push({
        path: `systems[${index}].id`,
        reason: `duplicate system id "${id}" (already declared at systems[${first}])`,
      });
    if (!isSystemKind(kind)) {
      issues.push({
        path: `systems[${index}].kind`,
        reason: `unknown system kind "${kind}" (known: ${SYSTEM_KINDS.join(', ')})`,
      });
    }
    return issues;
  });
}

function checkEntityType(
  entry: EntityEntry,
  at: string,
  declared: ReadonlySet<string>,
): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const name = isEntityType(entry.type) ? entry.type : `"${entry.type}"`;
  if (!isEntityType(entry.type)) {
    issues.push({
      path: `${at}.type`,
      reason: `unknown entity type "${entry.type}" (known: ${ENTITY_TYPES.join(', ')})`,
    });
  }
  if (entry.scopes !== undefined || entry.scopeField !== undefined)
    return [...issues, ...checkScoped(entry, at, name, declared)];
  if (entry.receivers === undefined) {
    issues.push({
      path: `${at}.receivers`,
      reason: `${name} has no receivers list; a type nobody receives says receivers: []`,
    });
  }
  return [
    ...issues,
    ...checkHolding({ owner: entry.owner, receivers: entry.receivers ?? [] }, at, name, declared),
  ];
}

function checkOneDeclarationPerType(entries: readonly EntityEntry[]): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, index) => {
    const first = firstIndex.get(entry.type);
    if (first === undefined) {
      firstIndex.set(entry.type, index);
      return;
    }
    const owners = [entries[first], entry].map((e) => (e ? ownersText(e) : 'none'));
    issues.push({
      path: `entityTypes[${index}].type`,
      reason: `${entry.type} is declared again (first at entityTypes[${first}]): owners ${owners.join(' and ')}; a type has exactly one owner`,
    });
  });
  for (const type of ENTITY_TYPES) {
    if (!firstIndex.has(type)) {
      issues.push({
        path: 'entityTypes',
        reason: `${type} is not declared; every entity type needs exactly one owner`,
      });
    }
  }
  return issues;
}

function ownersText(entry: EntityEntry): string {
  const owners = [entry, ...(entry.scopes ?? [])].flatMap(ownersOf);
  return [...new Set(owners)].join('+') || 'none';
}
