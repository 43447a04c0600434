/**
 * The start-up check: every custom field the connector writes must exist in Odoo. A fresh
 * Odoo has none, and a write naming a missing field fails with "Invalid field" only when
 * the first event arrives, as a dead letter per event; refusing to start says it once,
 * with the fix.
 */
import { PermanentError } from '@hub/resilience';
import type { OdooClient } from './odoo-client';

export interface RequiredField {
  readonly model: string;
  /** How Odoo's UI names the model (Settings > Technical > Fields). */
  readonly modelLabel: string;
  readonly field: string;
}

/** The models the write side puts its correlation id on (see apply-*.ts). */
export function requiredOdooFields(referenceField: string): RequiredField[] {
  return [
    { model: 'stock.picking', modelLabel: 'Transfer', field: referenceField },
    { model: 'stock.quant', modelLabel: 'Quants', field: referenceField },
  ];
}

export interface MissingField extends RequiredField {
  /** Set when the field exists with a type that cannot hold the correlation id. */
  readonly actualType?: string;
}

const textTypes = new Set(['char', 'text']);

/** Asks Odoo (`fields_get`) for each model's fields; returns what is missing or mistyped. */
export async function findMissingFields(
  client: OdooClient,
  required: readonly RequiredField[],
  signal: AbortSignal,
): Promise<MissingField[]> {
  const missing: MissingField[] = [];
  for (const model of new Set(required.map((r) => r.model))) {
    const wanted = required.filter((r) => r.model === model);
    const answer = await client.fieldsGet(
      model,
      wanted.map((r) => r.field),
      ['type'],
      signal,
    );
    for (const field of wanted) {
      const type = answer[field.field]?.type;
      if (type === undefined || type === false) missing.push(field);
      else if (typeof type !== 'string')
        missing.push({ ...field, actualType: JSON.stringify(type) });
      else if (!textTypes.has(type)) missing.push({ ...field, actualType: type });
    }
  }
  return missing;
}

const moduleName = 'hub_connector';

function xmlRpcSnippet(field: RequiredField): string {
  return (
    `models.execute_kw(db, uid, password, 'ir.model.fields', 'create', [{` +
    `'model_id': models.execute_kw(db, uid, password, 'ir.model', 'search', [[['model', '=', '${field.model}']]])[0], ` +
    `'name': '${field.field}', 'ttype': 'char', 'field_description': 'Hub Correlation Id', ` +
    `'index': True, 'copied': False}])`
  );
}

/** The refusal: which fields, on which models, and the three ways to create them. */
export function missingFieldsMessage(
  system: string,
  odoo: { readonly url: string; readonly db: string },
  missing: readonly MissingField[],
): string {
  const list = missing
    .map((m) =>
      m.actualType === undefined
        ? `  - ${m.model} (${m.modelLabel}) has no field ${m.field}`
        : `  - ${m.model}.${m.field} has type ${m.actualType}; it must be char`,
    )
    .join('\n');
  const standardName = missing.every((m) => m.field === 'x_hub_correlation_id');
  const module = standardName
    ? `  1. Install the Odoo module ${moduleName} shipped in extensions/odoo/${moduleName} of the hub's repository (extensions/odoo/README.md): put the folder on Odoo's addons path, restart Odoo, then Apps > Update Apps List, search "Hub Connector", Activate. It adds x_hub_correlation_id (Char, indexed, not copied) to both models.\n`
    : `  1. (The module in extensions/odoo/${moduleName} creates x_hub_correlation_id; ODOO_REFERENCE_FIELD names another field, so use 2 or 3, or set ODOO_REFERENCE_FIELD=x_hub_correlation_id and install it.)\n`;
  const ui = missing
    .map(
      (m) =>
        `     Model "${m.modelLabel}" (${m.model}), Field Name ${m.field}, Field Type Char, Indexed checked, Copied unchecked`,
    )
    .join('\n');
  const rpc = missing.map((m) => `     ${xmlRpcSnippet(m)}`).join('\n');
  return (
    `connector-odoo cannot start: Odoo ${system} (${odoo.url}, database ${odoo.db}) lacks the custom field(s) the connector writes its correlation ids to:\n` +
    `${list}\n` +
    `Create ${missing.length === 1 ? 'it' : 'them'} in one of these ways (as an Odoo administrator), then start the connector again:\n` +
    module +
    `  2. In Odoo (developer mode): Settings > Technical > Fields > New, once per line:\n${ui}\n` +
    `  3. Over XML-RPC (Python, models = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object')):\n${rpc}`
  );
}

export class OdooSetupError extends PermanentError {
  constructor(message: string) {
    super('ODOO_MISSING_FIELD', message);
    this.name = 'OdooSetupError';
  }
}
