/** The models the simulated database knows. */
import type { FieldDef, ModelDef } from './odoo-fields';
import {
  currencyModel,
  lotModel,
  packageModel,
  partnerModel,
  productModel,
  uomModel,
  userModel,
} from './models-base';
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
];

const byName = new Map(models.map((model) => [model.name, model]));

export function findModel(name: string): ModelDef | undefined {
  return byName.get(name);
}

export function requireModel(name: string): ModelDef {
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
