/**
 * Custom fields as Odoo 17 makes them: `create` on `ir.model.fields` with a `model_id`
 * (the `ir.model` record of the model), a name starting with `x_`, a type and a label. The
 * field exists from then on (Odoo reloads its registry); before that, reading, writing or
 * searching it is Odoo's ValueError "Invalid field 'x_…' on model '…'".
 */
import { customFieldTypes, type CustomFieldType } from './models-ir';
import { odooErrors } from './odoo-errors';
import { createRecord, type OrmWriteContext } from './odoo-orm';
import { modelNames, requireBaseModel, type CustomFieldDef } from './odoo-registry';
import { isRecordObject, type OdooValue } from './odoo-values';

type Vals = Readonly<Record<string, OdooValue>>;

// ir_model.py's field name check (letters, digits, underscores; Postgres' 63-byte limit).
const fieldNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** One `ir.model` record per model the simulator knows, as a fresh database has. */
export function seedIrModels(ctx: OrmWriteContext): void {
  for (const name of modelNames())
    createRecord(ctx, 'ir.model', {
      name: requireBaseModel(name).description,
      model: name,
      state: 'base',
    });
}

function isCustomType(value: OdooValue | undefined): value is CustomFieldType {
  return customFieldTypes.some((type) => type === value);
}

export function irModelFieldsCreate(ctx: OrmWriteContext, vals: OdooValue): number {
  if (!isRecordObject(vals)) throw odooErrors.type('create() values must be a dict');
  const fields: Vals = vals;
  const modelId = fields.model_id;
  const irModel = typeof modelId === 'number' ? ctx.tx.get('ir.model', modelId) : undefined;
  if (typeof modelId === 'number' && irModel === undefined)
    throw odooErrors.missing('ir.model', [modelId], ctx.uid);
  const name = typeof fields.name === 'string' ? fields.name : '';
  const state = fields.state ?? 'manual';
  if (state === 'manual' && !name.startsWith('x_'))
    throw odooErrors.validation("Custom fields must have a name that starts with 'x_'!");
  if (!fieldNamePattern.test(name))
    throw odooErrors.validation(
      `Field names can only contain characters, digits and underscores (up to 63). (${name})`,
    );
  if (fields.ttype !== undefined && !isCustomType(fields.ttype))
    throw odooErrors.value(
      `The simulator creates only ${customFieldTypes.join(', ')} custom fields, not ${JSON.stringify(fields.ttype)}`,
    );
  const model = typeof irModel?.model === 'string' ? irModel.model : undefined;
  if (model !== undefined && ctx.tx.schema.hasField(model, name))
    throw odooErrors.validation(
      'The operation cannot be completed: Field names must be unique per model.',
    );
  const id = createRecord(ctx, 'ir.model.fields', { ...fields, model: model ?? false, state });
  if (model !== undefined)
    ctx.tx.schema.addField({
      model,
      name,
      ttype: isCustomType(fields.ttype) ? fields.ttype : 'char',
      string: typeof fields.field_description === 'string' ? fields.field_description : name,
    });
  return id;
}

/** The in-process shortcut: the same create, with `model_id` looked up from the model name. */
export function createCustomField(ctx: OrmWriteContext, def: CustomFieldDef): number {
  const irModel = ctx.tx.all('ir.model').find((record) => record.model === def.model);
  if (irModel === undefined) throw odooErrors.noModel(def.model);
  return irModelFieldsCreate(ctx, {
    model_id: irModel.id,
    name: def.name,
    ttype: def.ttype ?? 'char',
    field_description: def.string ?? def.name,
    index: true,
    copied: false,
  });
}

/** The field connector-odoo writes its correlation id to, on the models it writes. */
export const hubCorrelationFields: readonly CustomFieldDef[] = [
  { model: 'stock.picking', name: 'x_hub_correlation_id', string: 'Hub Correlation Id' },
  { model: 'stock.quant', name: 'x_hub_correlation_id', string: 'Hub Correlation Id' },
];
