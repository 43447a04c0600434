/**
 * The rules of scoped types: exactly one owner per (entity type, scope value). A value in
 * two scopes is an overlap; a value the policy names for a field (in any type scoped by it)
 * that another type scoped by the same field leaves out is uncovered. Both are refused at
 * load, naming the type, the field and the values, because at run time either one would
 * leave an event with no single owner.
 */
import { checkHolding } from './check-holding';
import type { EntityEntry, ScopeEntry } from './policy-document';
import type { PolicyIssue } from './policy-issue';
import { isEntityType, scopeFieldsOf } from './vocabulary';

export const EVERY_OTHER_VALUE = '*';

export function checkScoped(
  entry: EntityEntry,
  at: string,
  name: string,
  declared: ReadonlySet<string>,
): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const field = entry.scopeField ?? '(no scopeField)';
  for (const key of ['owner', 'receivers'] as const) {
    if (entry[key] !== undefined)
      issues.push({
        path: `${at}.${key}`,
        reason: `${name} is scoped: owner and receivers go in each of its scopes, not on the type`,
      });
  }
  const fields = isEntityType(entry.type) ? scopeFieldsOf(entry.type) : [];
  if (entry.scopeField === undefined)
    issues.push({
      path: `${at}.scopeField`,
      reason: `${name} has scopes but no scopeField; name the payload field that picks the scope (one of: ${fields.join(', ')})`,
    });
  else if (isEntityType(entry.type) && !fields.includes(entry.scopeField))
    issues.push({
      path: `${at}.scopeField`,
      reason: `${name} has no string field "${entry.scopeField}" to be scoped by (its fields: ${fields.join(', ')})`,
    });
  const scopes = entry.scopes ?? [];
  if (scopes.length === 0)
    issues.push({
      path: `${at}.scopes`,
      reason: `${name} is scoped by ${field} but has no scopes; at least one is required`,
    });
  return [...issues, ...checkOverlaps(scopes, at, name, field, declared)];
}

function checkOverlaps(
  scopes: readonly ScopeEntry[],
  at: string,
  name: string,
  field: string,
  declared: ReadonlySet<string>,
): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const claimedBy = new Map<string, number>();
  scopes.forEach((scope, index) => {
    const here = `${at}.scopes[${index}]`;
    const values = scope.values === EVERY_OTHER_VALUE ? [EVERY_OTHER_VALUE] : scope.values;
    if (values.length === 0)
      issues.push({
        path: `${here}.values`,
        reason: `a scope of ${name} covers no ${field}; list its values, or '*' for every value no other scope names`,
      });
    values.forEach((value, position) => {
      const path =
        scope.values === EVERY_OTHER_VALUE ? `${here}.values` : `${here}.values[${position}]`;
      if (value === '')
        issues.push({ path, reason: `an empty ${field} cannot name a scope of ${name}` });
      const first = claimedBy.get(value);
      if (first === undefined) claimedBy.set(value, index);
      else
        issues.push({
          path,
          reason: `overlapping scopes: ${name} ${describe(field, value)} is in scopes[${first}] (owner ${ownerText(scopes[first])}) and scopes[${index}] (owner ${ownerText(scope)}); exactly one owner per (${name}, ${field})`,
        });
    });
    issues.push(...checkHolding(scope, here, `${name} (${scopeName(field, scope)})`, declared));
  });
  return issues;
}

/** Every value named for a field must be covered by each type scoped by that field. */
export function checkScopeCoverage(entries: readonly EntityEntry[]): PolicyIssue[] {
  const named = new Map<string, Map<string, string[]>>();
  for (const entry of entries) {
    if (entry.scopeField === undefined) continue;
    const byValue = named.get(entry.scopeField) ?? new Map<string, string[]>();
    named.set(entry.scopeField, byValue);
    for (const value of explicitValues(entry))
      byValue.set(value, [...(byValue.get(value) ?? []), entry.type]);
  }
  return entries.flatMap((entry, index): PolicyIssue[] => {
    const field = entry.scopeField;
    if (field === undefined || coversEveryOther(entry)) return [];
    const own = new Set(explicitValues(entry));
    const missing = [...(named.get(field) ?? new Map<string, string[]>())].filter(
      ([value]) => !own.has(value),
    );
    if (missing.length === 0) return [];
    const namedBy = [...new Set(missing.flatMap(([, types]) => types))].join(', ');
    return [
      {
        path: `entityTypes[${index}].scopes`,
        reason: `uncovered scopes: ${entry.type} has no scope for ${field} ${missing.map(([value]) => value).join(', ')} (named by ${namedBy}); add them to a scope, or add a scope with values: '*'`,
      },
    ];
  });
}

function explicitValues(entry: EntityEntry): string[] {
  return (entry.scopes ?? []).flatMap((scope) =>
    scope.values === EVERY_OTHER_VALUE ? [] : scope.values,
  );
}

function coversEveryOther(entry: EntityEntry): boolean {
  return (entry.scopes ?? []).some((scope) => scope.values === EVERY_OTHER_VALUE);
}

function describe(field: string, value: string): string {
  return value === EVERY_OTHER_VALUE ? `every other ${field} ('*')` : `${field} ${value}`;
}

function scopeName(field: string, scope: ScopeEntry): string {
  return scope.values === EVERY_OTHER_VALUE
    ? describe(field, EVERY_OTHER_VALUE)
    : `${field} ${scope.values.join(', ') || '(no values)'}`;
}

function ownerText(scope: ScopeEntry | undefined): string {
  const owner = scope?.owner;
  if (owner === undefined) return 'none';
  return typeof owner === 'string' ? owner : owner.join('+');
}
