/**
 * The rules a structurally valid policy must also meet (ARCHITECTURE: one owner per
 * entity type, receivers never include the owner). Every problem is collected, so one
 * failed start-up names them all.
 */
import type { PolicyDocument } from './policy-document';
import type { PolicyIssue } from './policy-issue';
import { ENTITY_TYPES, SYSTEM_KINDS, isEntityType, isSystemKind } from './vocabulary';

type EntityEntry = PolicyDocument['entityTypes'][number];

export function checkPolicy(document: PolicyDocument): PolicyIssue[] {
  const declared = new Set(document.systems.map((system) => system.id));
  return [
    ...checkSystems(document.systems),
    ...document.entityTypes.flatMap((entry, index) =>
      checkEntityType(entry, `entityTypes[${index}]`, declared),
    ),
    ...checkOneDeclarationPerType(document.entityTypes),
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
  const owners = ownersOf(entry).filter((owner) => owner !== '');
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
  entry.receivers.forEach((receiver, index) => {
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

function checkOneDeclarationPerType(entries: readonly EntityEntry[]): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, index) => {
    const first = firstIndex.get(entry.type);
    if (first === undefined) {
      firstIndex.set(entry.type, index);
      return;
    }
    const owners = [entries[first], entry].map((e) =>
      e ? ownersOf(e).join('+') || 'none' : 'none',
    );
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

function ownersOf(entry: EntityEntry): readonly string[] {
  if (entry.owner === undefined) return [];
  return typeof entry.owner === 'string' ? [entry.owner] : entry.owner;
}

function unknownSystem(id: string, declared: ReadonlySet<string>): string {
  return `unknown system "${id}" (declared: ${[...declared].join(', ') || 'none'})`;
}
