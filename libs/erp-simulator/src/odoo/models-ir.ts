/**
 * `ir.model` and `ir.model.fields`: how an admin or a module adds a custom field (Settings >
 * Technical > Fields, or `create` on `ir.model.fields` over RPC). Only the columns a
 * custom char/number/boolean field needs.
 */
import { baseFields, f, type ModelDef } from './odoo-fields';
import type { StoredRecord } from './odoo-values';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export const irModelModel: ModelDef = {
  name: 'ir.model',
  description: 'Models',
  order: 'model',
  displayName: (record: StoredRecord) => text(record.name),
  fields: {
    ...baseFields(),
    name: f.char('Model Description', { required: true }),
    model: f.char('Model', { required: true }),
    state: f.selection(
      'Type',
      [
        ['manual', 'Custom Object'],
        ['base', 'Base Object'],
      ],
      { default: () => 'manual' },
    ),
  },
};

/** The field types a custom field may have here (Odoo has more: relations, binary…). */
export const customFieldTypes = ['char', 'text', 'integer', 'float', 'boolean'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export const irModelFieldsModel: ModelDef = {
  name: 'ir.model.fields',
  description: 'Fields',
  order: 'name',
  displayName: (record: StoredRecord) =>
    `${text(record.field_description)} (${text(record.model)})`,
  fields: {
    ...baseFields(),
    name: f.char('Field Name', { required: true }),
    model: f.char('Model Name'),
    model_id: f.many2one('Model', 'ir.model', { required: true }),
    field_description: f.char('Field Label', { required: true }),
    ttype: f.selection(
      'Field Type',
      customFieldTypes.map((type) => [type, type] as const),
      { required: true },
    ),
    state: f.selection(
      'Type',
      [
        ['manual', 'Custom Field'],
        ['base', 'Base Field'],
      ],
      { default: () => 'manual' },
    ),
    required: f.boolean('Required'),
    readonly: f.boolean('Readonly'),
    index: f.boolean('Indexed'),
    copied: f.boolean('Copied'),
    size: f.integer('Size'),
    help: f.text('Field Help'),
  },
};
