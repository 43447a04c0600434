/** Field and model definitions: just enough of Odoo's ORM metadata to read, write and search. */
import type { RecordView, WriteView } from './odoo-store';
import type { OdooValue, StoredRecord } from './odoo-values';

export type FieldType =
  | 'char'
  | 'text'
  | 'html'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'selection'
  | 'datetime'
  | 'date'
  | 'many2one'
  | 'one2many'
  | 'many2many';

export interface FieldDef {
  readonly type: FieldType;
  readonly string: string;
  readonly relation?: string;
  /** one2many: the many2one on the comodel pointing back. */
  readonly inverse?: string;
  readonly required?: boolean;
  readonly readonly?: boolean;
  readonly selection?: readonly (readonly [string, string])[];
  /** Not stored: computed on read and in domains. */
  readonly compute?: (record: StoredRecord, view: RecordView) => OdooValue;
  readonly default?: (view: WriteView, values: Readonly<Record<string, OdooValue>>) => OdooValue;
}

export interface ModelDef {
  readonly name: string;
  readonly description: string;
  readonly fields: Readonly<Record<string, FieldDef>>;
  /** `_order`, e.g. `"id desc"`. */
  readonly order: string;
  /** `_parent_name`, for `child_of`; default parent_id. */
  readonly parentField?: string;
  readonly displayName: (record: StoredRecord, view: RecordView) => string;
}

export const f = {
  char: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({
    type: 'char',
    string,
    ...extra,
  }),
  text: (string: string): FieldDef => ({ type: 'text', string }),
  html: (string: string): FieldDef => ({ type: 'html', string }),
  integer: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({
    type: 'integer',
    string,
    default: () => 0,
    ...extra,
  }),
  float: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({
    type: 'float',
    string,
    default: () => 0,
    ...extra,
  }),
  boolean: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({
    type: 'boolean',
    string,
    default: () => false,
    ...extra,
  }),
  selection: (
    string: string,
    selection: readonly (readonly [string, string])[],
    extra: Partial<FieldDef> = {},
  ): FieldDef => ({ type: 'selection', string, selection, ...extra }),
  datetime: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({
    type: 'datetime',
    string,
    ...extra,
  }),
  date: (string: string): FieldDef => ({ type: 'date', string }),
  many2one: (string: string, relation: string, extra: Partial<FieldDef> = {}): FieldDef => ({
    type: 'many2one',
    string,
    relation,
    ...extra,
  }),
  one2many: (string: string, relation: string, inverse: string): FieldDef => ({
    type: 'one2many',
    string,
    relation,
    inverse,
  }),
};

/** Fields every model has (the log access fields are set by the ORM, never by a caller). */
export function baseFields(): Record<string, FieldDef> {
  return {
    id: { type: 'integer', string: 'ID', readonly: true },
    display_name: { type: 'char', string: 'Display Name', readonly: true },
    create_uid: { type: 'many2one', string: 'Created by', relation: 'res.users', readonly: true },
    create_date: { type: 'datetime', string: 'Created on', readonly: true },
    write_uid: {
      type: 'many2one',
      string: 'Last Updated by',
      relation: 'res.users',
      readonly: true,
    },
    write_date: { type: 'datetime', string: 'Last Updated on', readonly: true },
  };
}

export function isStored(field: FieldDef): boolean {
  return field.compute === undefined && field.type !== 'one2many';
}

export function relatedRecord(
  view: RecordView,
  relation: string,
  value: OdooValue | undefined,
): StoredRecord | undefined {
  return typeof value === 'number' ? view.get(relation, value) : undefined;
}

export function m2oName(view: RecordView, relation: string, value: OdooValue | undefined): string {
  const record = relatedRecord(view, relation, value);
  return typeof record?.name === 'string' ? record.name : '';
}
