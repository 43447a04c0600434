/**
 * Reads the ir.model.fields records of the Odoo module shipped in extensions/odoo, so tests
 * can create exactly what it creates and check it is what the connector needs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const moduleDataFile = join(
  __dirname,
  '../../../../extensions/odoo/hub_connector/data/ir_model_fields.xml',
);

export interface ModuleFieldRecord {
  readonly xmlId: string;
  /** `ref` of model_id, e.g. `stock.model_stock_picking`. */
  readonly modelRef: string;
  readonly values: Readonly<Record<string, string | boolean>>;
}

const recordPattern = /<record id="([^"]+)" model="ir\.model\.fields">([\s\S]*?)<\/record>/g;
const fieldPattern =
  /<field name="([^"]+)"(?: ref="([^"]+)"| eval="([^"]+)")?\s*(?:\/>|>([^<]*)<\/field>)/g;

export function moduleFieldRecords(): ModuleFieldRecord[] {
  const xml = readFileSync(moduleDataFile, 'utf8');
  return [...xml.matchAll(recordPattern)].map(([, xmlId = '', body = '']) => {
    let modelRef = '';
    const values: Record<string, string | boolean> = {};
    for (const [, name = '', ref, evaluated, text] of body.matchAll(fieldPattern)) {
      if (ref !== undefined) modelRef = ref;
      else if (evaluated !== undefined) values[name] = evaluated === 'True';
      else values[name] = text ?? '';
    }
    return { xmlId, modelRef, values };
  });
}
