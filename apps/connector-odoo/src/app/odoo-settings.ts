/** The ODOO_* settings: where the Odoo is, how to talk to it, and how to map writes and reads. */
import {
  boolean,
  duration,
  group,
  integer,
  list,
  oneOf,
  setting,
  text,
  url,
  type ConfigProblem,
} from '@hub/config';
import { z } from 'zod';
import { ODOO_MAX_RESPONSE_BYTES } from '../transport/odoo-endpoint';

const PO_STATES = ['draft', 'sent', 'to approve', 'purchase', 'done', 'cancel'] as const;

/** `5` or `5%`: a percentage ≥ 0. */
function percent(): z.ZodType<number, string> {
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?%?$/, 'must be a percentage such as 0, 5 or 2.5%')
    .transform((value) => Number(value.replace('%', '')));
}

/** A JSON object of Odoo unit name → hub unit code. */
function uomMap(): z.ZodType<Readonly<Record<string, string>>, string> {
  return z.string().transform((value, context) => {
    try {
      const parsed = z.record(z.string().min(1), z.string().min(1)).safeParse(JSON.parse(value));
      if (parsed.success) return parsed.data;
    } catch {
      // reported below
    }
    context.addIssue({
      code: 'custom',
      message: 'must be a JSON object such as {"Units":"PCS","kg":"KG"}',
    });
    return z.NEVER;
  });
}

const shape = {
  url: setting({
    env: 'ODOO_URL',
    schema: url(['http', 'https']),
    description:
      'Odoo base URL (e.g. https://mycompany.odoo.com); /jsonrpc, /xmlrpc/2/* and /json/2/* are below it. https only, unless ODOO_ALLOW_INSECURE_HTTP=true.',
    secret: false,
  }),
  allowInsecureHttp: setting({
    env: 'ODOO_ALLOW_INSECURE_HTTP',
    schema: boolean(),
    description:
      'Allow an http:// ODOO_URL, whose password or API key crosses the network in clear text: for a local or test Odoo (the simulator, the demo) only.',
    default: 'false',
    secret: false,
  }),
  maxResponseSize: setting({
    env: 'ODOO_MAX_RESPONSE_SIZE',
    schema: integer({ min: 1024 }),
    description:
      'Largest Odoo response read, in bytes; a larger one is refused unread past the limit (the connection is closed) as a permanent failure, since the same call would get the same answer: lower ODOO_SWEEP_PAGE_SIZE or raise this.',
    default: String(ODOO_MAX_RESPONSE_BYTES),
    secret: false,
  }),
  db: setting({
    env: 'ODOO_DB',
    schema: text().min(1),
    description: 'Odoo database name (sent on every RPC call; X-Odoo-Database on JSON-2).',
    secret: false,
  }),
  login: setting({
    env: 'ODOO_LOGIN',
    schema: text().min(1),
    description:
      'Login of the integration user (needs Inventory / Administrator and Purchase / User rights).',
    secret: false,
  }),
  password: setting({
    env: 'ODOO_PASSWORD',
    schema: text().min(1).optional(),
    description:
      'Password of the integration user for JSON-RPC/XML-RPC; unset means ODOO_API_KEY is used in its place.',
    secret: true,
  }),
  apiKey: setting({
    env: 'ODOO_API_KEY',
    schema: text().min(1).optional(),
    description:
      'API key of the integration user (Odoo 14+): bearer key for JSON-2, and used instead of the password over RPC.',
    secret: true,
  }),
  protocol: setting({
    env: 'ODOO_PROTOCOL',
    schema: oneOf(['json-rpc', 'json-2', 'xml-rpc']),
    description:
      'json-rpc (Odoo 16-18), json-2 (Odoo 19+, needs ODOO_API_KEY) or xml-rpc (legacy).',
    default: 'json-rpc',
    secret: false,
  }),
  majorVersion: setting({
    env: 'ODOO_MAJOR_VERSION',
    schema: integer({ min: 16, max: 99 }),
    description:
      'Odoo major version (16, 17, 18, 19…): 16 receives with stock.move.quantity_done, 17+ with quantity and picked.',
    default: '17',
    secret: false,
  }),
  timeout: setting({
    env: 'ODOO_TIMEOUT',
    schema: duration(),
    description: 'Timeout of one Odoo request; a timeout is a transient failure (retried).',
    default: '30s',
    secret: false,
  }),
  referenceField: setting({
    env: 'ODOO_REFERENCE_FIELD',
    schema: text().regex(/^[a-z_][a-z0-9_]*$/, 'must be an Odoo field name'),
    description:
      'Char field on stock.picking and stock.quant that stores the hub correlation id (create it in Odoo: extensions/odoo, see README); checked at start.',
    default: 'x_hub_correlation_id',
    secret: false,
  }),
  startupCheckTimeout: setting({
    env: 'ODOO_STARTUP_CHECK_TIMEOUT',
    schema: duration(),
    description:
      "How long the start-up check of Odoo's fields keeps trying while Odoo is unreachable; then the connector refuses to start (a missing field refuses at once).",
    default: '60s',
    secret: false,
  }),
  overReceiptTolerance: setting({
    env: 'ODOO_OVER_RECEIPT_TOLERANCE',
    schema: percent(),
    description:
      "Receipt quantity allowed above a move's outstanding demand, in percent; more is refused (dead letter).",
    default: '0',
    secret: false,
  }),
  backorder: setting({
    env: 'ODOO_BACKORDER',
    schema: oneOf(['create', 'none']),
    description:
      'Partial receipt: create a backorder for the rest (Odoo default) or none (the rest is closed).',
    default: 'create',
    secret: false,
  }),
  publishStates: setting({
    env: 'ODOO_PUBLISH_PO_STATES',
    schema: list(oneOf(PO_STATES)),
    description:
      'purchase.order states that are published (purchase → confirmed, done → closed, cancel → cancelled; drafts → draft).',
    default: 'purchase,cancel',
    secret: false,
  }),
  uomMap: setting({
    env: 'ODOO_UOM_MAP',
    schema: uomMap(),
    description:
      'Odoo unit of measure name → hub unit code on published purchase orders, as JSON; unmapped names pass unchanged.',
    default: '{}',
    secret: false,
  }),
  sweepPageSize: setting({
    env: 'ODOO_SWEEP_PAGE_SIZE',
    schema: integer({ min: 1, max: 5000 }),
    description: 'Purchase orders read per sweep page.',
    default: '200',
    secret: false,
  }),
  lookupCacheTtl: setting({
    env: 'ODOO_LOOKUP_CACHE_TTL',
    schema: duration(),
    description: 'How long product ids (by SKU) and warehouse stock locations are cached.',
    default: '60s',
    secret: false,
  }),
};

export const odooSettings = group(shape, (odoo) => {
  const problems: ConfigProblem[] = [];
  if (new URL(odoo.url).protocol === 'http:' && !odoo.allowInsecureHttp)
    problems.push({
      variable: 'ODOO_URL',
      reason:
        'is http://, so the password or API key would cross the network unencrypted: use the https:// URL of the Odoo, or set ODOO_ALLOW_INSECURE_HTTP=true for a local or test Odoo',
    });
  if (odoo.protocol === 'json-2' && odoo.apiKey === undefined)
    problems.push({ variable: 'ODOO_API_KEY', reason: 'is required when ODOO_PROTOCOL is json-2' });
  if (odoo.protocol !== 'json-2' && odoo.password === undefined && odoo.apiKey === undefined)
    problems.push({
      variable: 'ODOO_PASSWORD',
      reason: 'or ODOO_API_KEY is required for JSON-RPC/XML-RPC',
    });
  return problems;
});
