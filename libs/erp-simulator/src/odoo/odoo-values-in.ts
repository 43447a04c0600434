/** Incoming values (create/write) checked and converted the way Odoo's fields convert them. */
import type { FieldDef, ModelDef } from './odoo-fields';
import { odooErrors } from './odoo-errors';
import type { RecordView } from './odoo-store';
import type { OdooValue } from './odoo-values';

const datetimePattern = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export function convertValue(
  view: RecordView,
  model: ModelDef,
  name: string,
  field: FieldDef,
  value: OdooValue,
): OdooValue {
  if (value === null || value === false) return emptyFor(field);
  switch (field.type) {
    case 'many2one':
      return convertMany2one(view, model, name, field, value);
    case 'integer':
    case 'float':
      return convertNumber(field, value);
    case 'boolean':
      return Boolean(value);
    case 'selection':
      if (typeof value !== 'string' || !(field.selection ?? []).some(([key]) => key === value))
        throw odooErrors.value(`Wrong value for ${model.name}.${name}: ${JSON.stringify(value)}`);
      return value;
    case 'datetime':
      return convertDatetime(value);
    case 'date':
      if (typeof value === 'string' && (datePattern.test(value) || datetimePattern.test(value)))
        return value.slice(0, 10);
      throw odooErrors.value(`time data ${JSON.stringify(value)} does not match format '%Y-%m-%d'`);
    default:
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      throw odooErrors.value(`Wrong value for ${model.name}.${name}: ${JSON.stringify(value)}`);
  }
}

function emptyFor(field: FieldDef): OdooValue {
  if (field.type === 'integer' || field.type === 'float') return 0;
  return false;
}

function convertMany2one(
  view: RecordView,
  model: ModelDef,
  name: string,
  field: FieldDef,
  value: OdooValue,
): OdooValue {
  const id = Array.isArray(value) ? (value as readonly OdooValue[])[0] : value;
  if (typeof id !== 'number' || !Number.isInteger(id))
    throw odooErrors.value(`Wrong value for ${model.name}.${name}: ${JSON.stringify(value)}`);
  if (field.relation !== undefined && view.get(field.relation, id) === undefined)
    throw odooErrors.validation(
      `The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${model.description} (${model.name})\nField: ${field.string} (${name})\nMissing record: ${field.relation}(${id},)`,
    );
  return id;
}

function convertNumber(field: FieldDef, value: OdooValue): number {
  const number =
    typeof value === 'string' ? Number(value) : typeof value === 'boolean' ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number))
    throw odooErrors.value(
      `could not convert ${typeof value} to ${field.type}: ${JSON.stringify(value)}`,
    );
  return field.type === 'integer' ? Math.trunc(number) : number;
}

function convertDatetime(value: OdooValue): string {
  if (typeof value === 'string' && datetimePattern.test(value)) return value;
  if (typeof value === 'string' && datePattern.test(value)) return `${value} 00:00:00`;
  throw odooErrors.value(
    `time data ${JSON.stringify(value)} does not match format '%Y-%m-%d %H:%M:%S'`,
  );
}

export function mandatoryFieldError(model: ModelDef, name: string, field: FieldDef): Error {
  return odooErrors.validation(
    'The operation cannot be completed:\n' +
      '- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${model.description} (${model.name})\nField: ${field.string} (${name})\n`,
  );
}
