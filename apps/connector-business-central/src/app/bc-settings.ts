/** The BC_* settings: where Business Central is, how to sign in, how warehouses map to companies and locations. */
import {
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

/** `5` or `5%`: a percentage ≥ 0. */
function percent(): z.ZodType<number, string> {
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?%?$/, 'must be a percentage such as 0, 5 or 2.5%')
    .transform((value) => Number(value.replace('%', '')));
}

export interface WarehouseTarget {
  /** Company id or name; absent: BC_COMPANY. */
  readonly company?: string;
  readonly location: string;
}

/** A JSON object of hub warehouse code → {company?, location}. */
function warehouseMap(): z.ZodType<Readonly<Record<string, WarehouseTarget>>, string> {
  const target = z.object({ company: z.string().min(1).optional(), location: z.string().min(1) });
  return z.string().transform((value, context) => {
    try {
      const parsed = z.record(z.string().min(1), target).safeParse(JSON.parse(value));
      if (parsed.success) return parsed.data;
    } catch {
      // reported below
    }
    context.addIssue({
      code: 'custom',
      message: 'must be a JSON object such as {"WH1":{"company":"CRONUS EU","location":"MAIN"}}',
    });
    return z.NEVER;
  });
}

const BC_STATUSES = ['Draft', 'In Review', 'Open'] as const;

const shape = {
  apiUrl: setting({
    env: 'BC_API_URL',
    schema: url(['http', 'https']),
    description:
      'Environment root, before /api: https://api.businesscentral.dynamics.com/v2.0/<tenant id>/<environment>.',
    secret: false,
  }),
  tenantId: setting({
    env: 'BC_TENANT_ID',
    schema: text().min(1),
    description: 'Microsoft Entra tenant id (GUID) or domain of the Business Central tenant.',
    secret: false,
  }),
  clientId: setting({
    env: 'BC_CLIENT_ID',
    schema: text().min(1),
    description:
      'Application (client) id of the Entra app registration, with API.ReadWrite.All and entered in BC page "Microsoft Entra Applications".',
    secret: false,
  }),
  clientSecret: setting({
    env: 'BC_CLIENT_SECRET',
    schema: text().min(1),
    description: 'Client secret value of that app registration.',
    secret: true,
  }),
  authorityHost: setting({
    env: 'BC_AUTHORITY_HOST',
    schema: url(['https']),
    description: 'Entra authority host (msal-node requires https).',
    default: 'https://login.microsoftonline.com',
    secret: false,
  }),
  loginRoute: setting({
    env: 'BC_LOGIN_ROUTE',
    schema: url(['http', 'https']).optional(),
    description:
      "Sends msal-node's requests for the authority host to this base URL instead (a simulator or an egress proxy); unset in production. The authority msal validates stays BC_AUTHORITY_HOST.",
    secret: false,
  }),
  scope: setting({
    env: 'BC_SCOPE',
    schema: text().min(1),
    description: 'Scope of the client-credentials token.',
    default: 'https://api.businesscentral.dynamics.com/.default',
    secret: false,
  }),
  company: setting({
    env: 'BC_COMPANY',
    schema: text().min(1),
    description:
      'Default company (id or name) for warehouses BC_WAREHOUSES does not name, and the one whose purchase orders are read.',
    secret: false,
  }),
  readCompanies: setting({
    env: 'BC_READ_COMPANIES',
    schema: list(text().min(1)).optional(),
    description: 'Companies (ids or names) whose purchase orders are read; unset: BC_COMPANY only.',
    secret: false,
  }),
  warehouses: setting({
    env: 'BC_WAREHOUSES',
    schema: warehouseMap(),
    description:
      'Hub warehouse code → {"company": id or name, "location": BC location code}, as JSON; a warehouse not listed is the location of the same code in BC_COMPANY.',
    default: '{}',
    secret: false,
  }),
  timeout: setting({
    env: 'BC_TIMEOUT',
    schema: duration(),
    description:
      'Timeout of one Business Central request; a timeout is a transient failure (retried).',
    default: '30s',
    secret: false,
  }),
  overReceiptTolerance: setting({
    env: 'BC_OVER_RECEIPT_TOLERANCE',
    schema: percent(),
    description:
      "Receipt quantity allowed above a line's outstanding quantity, in percent; more is refused before any write (dead letter).",
    default: '0',
    secret: false,
  }),
  startupCheckTimeout: setting({
    env: 'BC_STARTUP_CHECK_TIMEOUT',
    schema: duration(),
    description:
      'How long the start-up check keeps trying while Business Central is unreachable; a missing extension refuses the start at once.',
    default: '60s',
    secret: false,
  }),
  lookupCacheTtl: setting({
    env: 'BC_LOOKUP_CACHE_TTL',
    schema: duration(),
    description: 'How long company, location and item ids are cached.',
    default: '5m',
    secret: false,
  }),
  poPollPageSize: setting({
    env: 'BC_PO_POLL_PAGE_SIZE',
    schema: integer({ min: 1, max: 20000 }),
    description:
      'TECHNICAL DEBT (purchase orders are polled by lastModifiedDateTime: BC has no webhook for them; the PurchaseOrderReleased external business event would replace it): orders read per page.',
    default: '200',
    secret: false,
  }),
  publishStatuses: setting({
    env: 'BC_PUBLISH_PO_STATUSES',
    schema: list(oneOf(BC_STATUSES)),
    description:
      'API statuses of purchase orders that are published (Open = Released → confirmed; Draft and In Review → draft).',
    default: 'Open',
    secret: false,
  }),
  webhookBaseUrl: setting({
    env: 'BC_WEBHOOK_BASE_URL',
    schema: url(['http', 'https']).optional(),
    description:
      'The hub ingress as BC reaches it; subscriptions notify <this>/webhooks/business-central/<CONNECTOR_SYSTEM_ID>. Unset: no subscriptions.',
    secret: false,
  }),
  webhookClientState: setting({
    env: 'BC_WEBHOOK_CLIENT_STATE',
    schema: list(text().min(16).max(2048))
      .pipe(z.array(z.string()).max(2, 'takes at most two values: the new and the old'))
      .optional(),
    description:
      "Shared secret BC echoes in every notification (the ingress's clientState for this system), 16–2048 characters without commas; or two, comma-separated, new first, while it is rotated: new subscriptions and renewals carry the first, and a subscription found with another one is moved to it (PATCH) at the next check.",
    secret: true,
  }),
  webhookResources: setting({
    env: 'BC_WEBHOOK_RESOURCES',
    schema: list(oneOf(['items', 'locations'])),
    description:
      'Entity sets subscribed to, in every company of BC_READ_COMPANIES (purchaseOrders has no webhooks).',
    default: 'items',
    secret: false,
  }),
  subscriptionCheckInterval: setting({
    env: 'BC_SUBSCRIPTION_CHECK_INTERVAL',
    schema: duration(),
    description:
      'How often the leader checks the subscriptions (creates missing ones, renews those due).',
    default: '1h',
    secret: false,
  }),
  subscriptionRenewBefore: setting({
    env: 'BC_SUBSCRIPTION_RENEW_BEFORE',
    schema: duration(),
    description:
      'Renew a subscription this long before its expirationDateTime (BC: 3 days after create or renewal).',
    default: '36h',
    secret: false,
  }),
};

export const bcSettings = group(shape, (bc) => {
  const problems: ConfigProblem[] = [];
  if (bc.webhookBaseUrl !== undefined && bc.webhookClientState === undefined)
    problems.push({
      variable: 'BC_WEBHOOK_CLIENT_STATE',
      reason: 'is required when BC_WEBHOOK_BASE_URL is set',
    });
  if (bc.subscriptionRenewBefore <= bc.subscriptionCheckInterval)
    problems.push({
      variable: 'BC_SUBSCRIPTION_RENEW_BEFORE',
      reason:
        'must be longer than BC_SUBSCRIPTION_CHECK_INTERVAL, or a subscription can expire between two checks',
    });
  return problems;
});
