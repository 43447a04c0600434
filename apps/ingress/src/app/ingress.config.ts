/** The ingress configuration, declared once (@hub/config renders README's table from it). */
import {
  defineConfig,
  duration,
  hubServiceSettings,
  integer,
  port,
  setting,
  text,
  type ConfigOf,
} from '@hub/config';
import { DEFAULT_POLICY_PATH } from '@hub/ownership';
import { systemsSchema } from './systems-setting';

export const ingressConfig = defineConfig({
  ...hubServiceSettings('ingress'),
  http: {
    port: setting({
      env: 'INGRESS_PORT',
      schema: port(),
      description: 'HTTP listen port.',
      default: '3000',
      secret: false,
    }),
    adminPort: setting({
      env: 'INGRESS_ADMIN_PORT',
      schema: port().optional(),
      description:
        'Admin listen port, for the kubelet and monitoring only: /healthz, /readyz, /metrics and the OpenAPI description (/docs, /docs-json) are served there and answer 404 on INGRESS_PORT. Unset: they stay on INGRESS_PORT (development); production mode refuses that.',
      secret: false,
    }),
    bodyLimit: setting({
      env: 'BODY_LIMIT',
      schema: integer({ min: 1 }),
      description: 'Largest accepted request body in bytes; larger bodies get 413.',
      default: '1048576',
      secret: false,
    }),
    requestTimeoutMs: setting({
      env: 'INGRESS_REQUEST_TIMEOUT',
      schema: duration(),
      description:
        'Longest a request body may take to arrive; a slower sender gets 408 and is disconnected.',
      default: '30s',
      secret: false,
    }),
  },
  authFailures: {
    max: setting({
      env: 'INGRESS_AUTH_FAILURE_LIMIT',
      schema: integer({ min: 1 }),
      description:
        'Failed authentications (401, or a Business Central body with no matching clientState; an unknown system counts the same) one source address may have per window on the webhook routes; then 429 until the window ends.',
      default: '30',
      secret: false,
    }),
    windowMs: setting({
      env: 'INGRESS_AUTH_FAILURE_WINDOW',
      schema: duration(),
      description: 'The window INGRESS_AUTH_FAILURE_LIMIT counts in (e.g. 1m).',
      default: '1m',
      secret: false,
    }),
  },
  businessCentral: {
    maxItems: setting({
      env: 'INGRESS_BC_MAX_ITEMS',
      schema: integer({ min: 1, max: 100_000 }),
      description:
        'Most items of one Business Central notification that are judged; the rest are counted as rejected (too-many-items), still answered 202.',
      default: '1000',
      secret: false,
    }),
  },
  freshness: {
    bcMaxAgeMs: setting({
      env: 'INGRESS_BC_MAX_AGE',
      schema: duration(),
      description:
        'Oldest accepted Business Central lastModifiedDateTime (BC retries for 36 h); older or more than 5 minutes ahead: the item is rejected (stale-notification), still answered 202.',
      default: '48h',
      secret: false,
    }),
    sapMaxAgeMs: setting({
      env: 'INGRESS_SAP_MAX_AGE',
      schema: duration(),
      description:
        'Oldest accepted SAP CloudEvent `time`; older or more than 5 minutes ahead: 401 timestamp-out-of-tolerance.',
      default: '24h',
      secret: false,
    }),
  },
  databaseSchema: setting({
    env: 'INGRESS_DATABASE_SCHEMA',
    schema: text().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case Postgres identifier'),
    description:
      'Existing Postgres schema for the ingress tables (reverse_direction_writes) and its migrations table.',
    default: 'public',
    secret: false,
  }),
  ownershipPolicyPath: setting({
    env: 'OWNERSHIP_POLICY_PATH',
    schema: text(),
    description: 'Ownership policy file (YAML or JSON).',
    default: DEFAULT_POLICY_PATH,
    secret: false,
  }),
  systems: setting({
    env: 'INGRESS_SYSTEMS',
    schema: systemsSchema,
    description:
      'Per-system credentials as JSON: {"<system-id>": {"webhookSecret"?: "whsec_…", "token"?: "…", "clientState"?: "…", "bearerToken"?: "…", "businessEventToken"?: "…", "clientCertificate"?: {"subject": "CN=…", "proxySecret": "… (32+ chars)", "proxySecretHeader"?, "subjectHeader"?, "verifyHeader"?, "verifiedValue"?}}}. Every secret may also be a list of two, ["<new>", "<old>"], while it is rotated: either is accepted. Beside the credentials, "hubWriterUsers": ["<user id>", …] names the ERP users the hub\'s connector writes as (Odoo: its uid as a string, e.g. "7"; F&O: an Entra object id): a refused notification whose last writer (Odoo write_uid, F&O InitiatingUserAADObjectId) is one of them is the echo of the hub\'s own write, answered 200 and counted in hub_ingress_echoes_total, with no change request. Unset: every refusal is handled alike.',
    default: '{}',
    secret: true,
  }),
});

export type IngressConfig = ConfigOf<typeof ingressConfig>;
