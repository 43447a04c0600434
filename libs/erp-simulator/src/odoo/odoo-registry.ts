/**
 * The models the simulated database knows. Model definitions are shared; custom fields
 * (`x_…`, created through `ir.model.fields`) belong to one database, so each store has
 * its own `OdooSchema` and every lookup that may meet a custom field goes through it.
 */
import { f, type FieldDef, type ModelDef } from './odoo-fields';
import {
  currencyModel,
  lotModel,
  packageModel,
  partnerModel,
  productModel,
  uomModel,
  userModel,
} from './models-base';
import { irModelFieldsModel, irModelModel, type CustomFieldType } from './models-ir';
import { purchaseOrderLineModel, purchaseOrderModel } from './models-purchase';
import {
  locationModel,
  moveModel,
  pickingModel,
  pickingTypeModel,
  quantModel,
  warehouseModel,
} from './models-stock';
import { odooErrors } from './odoo-errors';

const models: readonly ModelDef[] = [
  partnerModel,
  userModel,
  currencyModel,
  uomModel,
  lotModel,
  packageModel,
  productModel,
  locationModel,
  warehouseModel,
  pickingTypeModel,
  quantModel,
  pickingModel,
  moveModel,
  purchaseOrderModel,
  purchaseOrderLineModel,
  irModelModel,
  irModelFieldsModel,
];

const byName = new Map(models.map((model) => [model.name, model]));

export interface CustomFieldDef {
  readonly model: string;
  readonly name: string;
  readonly ttype?: CustomFieldType;
  readonly string?: string;
}

function customField(ttype: CustomFieldType, string: string): FieldDef {
  if (ttype === 'integer') return f.integer(string);
  if (ttype === 'float') return f.float(string);
  if (ttype === 'boolean') return f.boolean(string);
  if (ttype === 'text') return f.text(string);
  return f.char(string);
}

export class OdooSchema {
  private readonly custom = new Map<string, Record<string, FieldDef>>();
  private readonly merged = new Map<string, ModelDef>();

  find(name: string): ModelDef | undefined {
    const base = byName.get(name);
    if (!base) return undefined;
    const extra = this.custom.get(name);
    if (!extra) return base;
    let model = this.merged.get(name);
    if (!model) {
      model = { ...base, fields: { ...base.fields, ...extra } };
      this.merged.set(name, model);
    }
    return model;
  }

  require(name: string): ModelDef {
    const model = this.find(name);
    if (!model) throw odooErrors.noModel(name);
    return model;
  }

  hasField(model: string, name: string): boolean {
    return this.find(model)?.fields[name] !== undefined;
  }

  /** Adds an `x_` field to a model; the caller has checked name, model and type. */
  addField(def: CustomFieldDef): void {
    const fields = this.custom.get(def.model) ?? {};
    fields[def.name] = customField(def.ttype ?? 'char', def.string ?? def.name);
    this.custom.set(def.model, fields);
    this.merged.delete(def.model);
  }

  customFields(): CustomFieldDef[] {
    return [...this.custom].flatMap(([model, fields]) =>
      Object.entries(fields).map(([name, field]) => ({
        model,
        name,
        ttype: field.type as CustomFieldType,
        string: field.string,
      })),
    );
  }
}

/** Any view of the database: it knows its schema. */
export interface SchemaView {
  readonly schema: OdooSchema;
}

export function findModel(view: SchemaView, name: string): ModelDef | undefined {
  return view.schema.find(name);
}

export function requireModel(view: SchemaView, name: string): ModelDef {
  return view.schema.require(name);
}

/** The model without any database's custom fields (webhook rules, method dispatch). */
export function requireBaseModel(name: string): ModelDef {
  const model = byName.get(name);
  if (!model) throw odooErrors.noModel(name);
  return model;
}

export function requireField(model: ModelDef, name: string): FieldDef {
  const field = model.fields[name];
  if (!field) throw odooErrors.invalidField(model.name, name);
  return field;
}

export const modelNames = (): string[] => models.map((model) => model.name);
