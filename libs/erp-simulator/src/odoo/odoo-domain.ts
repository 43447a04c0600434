/**
 * Odoo search domains: prefix `&`, `|`, `!` with implicit AND at the top level, leaves
 * `[path, operator, value]` with dotted paths through relational fields. A path through a
 * to-many relation matches when any related record does (negative operators: when none does).
 */
import type { ModelDef } from './odoo-fields';
import { odooErrors } from './odoo-errors';
import { findModel, requireField, requireModel } from './odoo-registry';
import type { RecordView } from './odoo-store';
import { asIdList, isEmptyValue, type OdooValue, type StoredRecord } from './odoo-values';
import { fieldValue } from './odoo-read';

type Predicate = (record: StoredRecord) => boolean;

const negativeOperators: Readonly<Record<string, string>> = {
  '!=': '=',
  'not in': 'in',
  'not like': 'like',
  'not ilike': 'ilike',
};

const operators = new Set([
  '=',
  '!=',
  'in',
  'not in',
  '<',
  '<=',
  '>',
  '>=',
  'like',
  'ilike',
  'not like',
  'not ilike',
  '=like',
  '=ilike',
  'child_of',
]);

export function compileDomain(
  view: RecordView,
  model: ModelDef,
  domain: OdooValue | undefined,
): Predicate {
  if (domain === undefined || domain === null || domain === false) return () => true;
  if (!Array.isArray(domain)) throw odooErrors.value(`Invalid domain: ${JSON.stringify(domain)}`);
  const items = domain as readonly OdooValue[];
  let position = 0;
  const parse = (): Predicate => {
    const item = items[position];
    position += 1;
    if (item === '&' || item === '|') {
      const left = parse();
      const right = parse();
      return item === '&' ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
    }
    if (item === '!') {
      const inner = parse();
      return (r) => !inner(r);
    }
    return compileLeaf(view, model, item);
  };
  const parts: Predicate[] = [];
  while (position < items.length) parts.push(parse());
  return (record) => parts.every((part) => part(record));
}

function compileLeaf(view: RecordView, model: ModelDef, leaf: OdooValue | undefined): Predicate {
  if (!Array.isArray(leaf) || leaf.length !== 3)
    throw odooErrors.value(`Invalid leaf ${JSON.stringify(leaf)}`);
  const [path, rawOperator, value] = leaf as readonly OdooValue[];
  if (typeof path === 'number') {
    const constant = path === 1;
    return () => constant;
  }
  const operator = typeof rawOperator === 'string' ? rawOperator.toLowerCase() : '';
  if (typeof path !== 'string' || !operators.has(operator))
    throw odooErrors.value(`Invalid leaf ${JSON.stringify(leaf)}`);
  const segments = path.split('.');
  checkPath(view, model, segments);
  const positive = negativeOperators[operator];
  if (positive !== undefined) {
    const test = compileLeaf(view, model, [path, positive, value ?? false]);
    return (record) => !test(record);
  }
  return (record) => matchPath(view, model, record, segments, operator, value ?? false);
}

function checkPath(view: RecordView, model: ModelDef, segments: readonly string[]): void {
  let current = model;
  segments.forEach((segment, index) => {
    const field = requireField(current, segment);
    if (index < segments.length - 1) {
      if (field.relation === undefined)
        throw odooErrors.invalidField(current.name, segments.slice(index).join('.'));
      current = requireModel(view, field.relation);
    }
  });
}

function matchPath(
  view: RecordView,
  model: ModelDef,
  record: StoredRecord,
  segments: readonly string[],
  operator: string,
  value: OdooValue,
): boolean {
  const [head = '', ...rest] = segments;
  const field = requireField(model, head);
  const raw = fieldValue(view, model, record, head);
  if (rest.length > 0) {
    const comodel = findModel(view, field.relation ?? '');
    if (!comodel) return false;
    const related = asIdList(raw)
      .map((id) => view.get(comodel.name, id))
      .filter((r): r is StoredRecord => r !== undefined);
    if (related.length === 0) return value === false && operator === '=';
    return related.some((r) => matchPath(view, comodel, r, rest, operator, value));
  }
  if (field.relation !== undefined)
    return matchRelational(view, field.relation, raw, operator, value);
  return compare(raw, operator, value);
}

function matchRelational(
  view: RecordView,
  relation: string,
  raw: OdooValue,
  operator: string,
  value: OdooValue,
): boolean {
  const ids = asIdList(raw);
  const comodel = requireModel(view, relation);
  if (operator === 'child_of')
    return ids.some((id) => isChildOf(view, comodel, id, asIdList(value)));
  const names = ids.map((id) => {
    const related = view.get(relation, id);
    return related ? comodel.displayName(related, view) : '';
  });
  const values = Array.isArray(value) ? (value as readonly OdooValue[]) : [value];
  const byName = values.some((v) => typeof v === 'string');
  if (value === false || (Array.isArray(value) && value.length === 0 && operator === '='))
    return ids.length === 0;
  if (byName) return names.some((name) => compare(name, operator, value));
  if (ids.length === 0) return operator === 'in' && values.includes(false);
  return ids.some((id) => compare(id, operator, value));
}

/** `child_of` walks the model's parent field (`_parent_name`: location_id for locations). */
function isChildOf(
  view: RecordView,
  model: ModelDef,
  id: number,
  parents: readonly number[],
): boolean {
  const parentField = model.parentField ?? 'parent_id';
  const seen = new Set<number>();
  let current: number | undefined = id;
  while (current !== undefined && !seen.has(current)) {
    if (parents.includes(current)) return true;
    seen.add(current);
    const parent: OdooValue | undefined = view.get(model.name, current)?.[parentField];
    current = typeof parent === 'number' ? parent : undefined;
  }
  return false;
}

function likePattern(pattern: string, anchored: boolean, flags: string): RegExp {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(anchored ? `^${escaped}$` : escaped, flags);
}

/** A domain's `in` list as a set, made once per list: a search over 100,000 records stays linear. */
const memberSets = new WeakMap<readonly OdooValue[], ReadonlySet<OdooValue>>();
function memberSet(list: readonly OdooValue[]): ReadonlySet<OdooValue> {
  let members = memberSets.get(list);
  if (members === undefined) {
    members = new Set(list);
    memberSets.set(list, members);
  }
  return members;
}

export function compare(stored: OdooValue, operator: string, value: OdooValue): boolean {
  switch (operator) {
    case '=':
      if (value === false) return isEmptyValue(stored);
      return stored === value;
    case 'in': {
      if (!Array.isArray(value)) return compare(stored, '=', value);
      const members = memberSet(value as readonly OdooValue[]);
      return members.has(stored) || (members.has(false) && isEmptyValue(stored));
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordered(stored, operator, value);
    case 'like':
    case 'ilike':
      if (typeof stored !== 'string' || typeof value !== 'string') return false;
      return likePattern(value, false, operator === 'ilike' ? 'i' : '').test(stored);
    case '=like':
    case '=ilike':
      if (typeof stored !== 'string' || typeof value !== 'string') return false;
      return likePattern(value, true, operator === '=ilike' ? 'i' : '').test(stored);
    default:
      return false;
  }
}

function ordered(stored: OdooValue, operator: string, value: OdooValue): boolean {
  const comparable =
    (typeof stored === 'number' && typeof value === 'number') ||
    (typeof stored === 'string' && typeof value === 'string');
  if (!comparable) return false;
  const a = stored;
  const b = value;
  if (operator === '<') return a < b;
  if (operator === '<=') return a <= b;
  if (operator === '>') return a > b;
  return a >= b;
}
