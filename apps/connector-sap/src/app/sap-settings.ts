/** The SAP_* settings: where the S/4HANA system is, how to log on, and how hub codes map to SAP's. */
import {
  duration,
  group,
  integer,
  jsonText,
  oneOf,
  setting,
  text,
  url,
  type ConfigProblem,
} from '@hub/config';
import { z } from 'zod';

const storageLocation = z.object({
  plant: z.string().min(1).max(4),
  storageLocation: z.string().min(1).max(4),
});

const shape = {
  url: setting({
    env: 'SAP_URL',
    schema: url(['http', 'https']),
    description:
      'S/4HANA API host (e.g. https://my000000-api.s4hana.cloud.sap); the OData services are below /sap/opu/odata/sap/.',
    secret: false,
  }),
  client: setting({
    env: 'SAP_CLIENT',
    schema: text()
      .regex(/^\d{3}$/, 'must be a three-digit SAP client')
      .optional(),
    description: 'SAP client (sap-client query parameter); unset: the system default.',
    secret: false,
  }),
  auth: setting({
    env: 'SAP_AUTH',
    schema: oneOf(['basic', 'oauth']),
    description:
      'basic (communication user, SAP_USER/SAP_PASSWORD) or oauth (client credentials from SAP_OAUTH_TOKEN_URL).',
    default: 'basic',
    secret: false,
  }),
  user: setting({
    env: 'SAP_USER',
    schema: text().min(1).optional(),
    description: 'Communication user of the communication arrangement (SAP_AUTH=basic).',
    secret: false,
  }),
  password: setting({
    env: 'SAP_PASSWORD',
    schema: text().min(1).optional(),
    description: "The communication user's password (SAP_AUTH=basic).",
    secret: true,
  }),
  oauthTokenUrl: setting({
    env: 'SAP_OAUTH_TOKEN_URL',
    schema: url(['http', 'https']).optional(),
    description:
      'OAuth 2.0 token endpoint, e.g. https://<host>/sap/bc/sec/oauth2/token (SAP_AUTH=oauth).',
    secret: false,
  }),
  oauthClientId: setting({
    env: 'SAP_OAUTH_CLIENT_ID',
    schema: text().min(1).optional(),
    description: 'OAuth client id (SAP_AUTH=oauth).',
    secret: false,
  }),
  oauthClientSecret: setting({
    env: 'SAP_OAUTH_CLIENT_SECRET',
    schema: text().min(1).optional(),
    description: 'OAuth client secret (SAP_AUTH=oauth).',
    secret: true,
  }),
  timeout: setting({
    env: 'SAP_TIMEOUT',
    schema: duration(),
    description: 'Timeout of one SAP request; a timeout is a transient failure (retried).',
    default: '30s',
    secret: false,
  }),
  warehouses: setting({
    env: 'SAP_WAREHOUSES',
    schema: jsonText(
      z.record(z.string().min(1), storageLocation),
      'an object of hub warehouse → {"plant","storageLocation"}',
    ),
    description:
      'Hub warehouse code → SAP plant and storage location, as JSON, e.g. {"WH-EAST":{"plant":"1010","storageLocation":"101A"}}.',
    secret: false,
  }),
  uomMap: setting({
    env: 'SAP_UOM_MAP',
    schema: jsonText(
      z.record(z.string().min(1), z.string().min(1)),
      'an object of hub unit → SAP unit',
    ),
    description:
      'Hub unit code → SAP unit of measure (e.g. {"PCS":"PC"}); reversed for purchase orders read from SAP. Unmapped codes pass unchanged.',
    default: '{"PCS":"PC"}',
    secret: false,
  }),
  purchaseOrderService: setting({
    env: 'SAP_PURCHASE_ORDER_SERVICE',
    schema: oneOf(['API_PURCHASEORDER_PROCESS_SRV']),
    description:
      'The purchase-order read service (OData V2). Its successor API_PURCHASEORDER_2 (OData V4) is not implemented yet.',
    default: 'API_PURCHASEORDER_PROCESS_SRV',
    secret: false,
  }),
  sweepPageSize: setting({
    env: 'SAP_SWEEP_PAGE_SIZE',
    schema: integer({ min: 1, max: 5000 }),
    description: 'Purchase orders read per sweep page (by LastChangeDateTime).',
    default: '200',
    secret: false,
  }),
  startupCheckTimeout: setting({
    env: 'SAP_STARTUP_CHECK_TIMEOUT',
    schema: duration(),
    description:
      "How long the start-up check (logon and the three services' $metadata) keeps trying while SAP is unreachable; a refused logon or a missing service refuses at once.",
    default: '60s',
    secret: false,
  }),
};

export const sapSettings = group(shape, (sap) => {
  const problems: ConfigProblem[] = [];
  const need = (variable: string, value: unknown) => {
    if (value === undefined)
      problems.push({ variable, reason: `is required when SAP_AUTH is ${sap.auth}` });
  };
  if (sap.auth === 'basic') {
    need('SAP_USER', sap.user);
    need('SAP_PASSWORD', sap.password);
  } else {
    need('SAP_OAUTH_TOKEN_URL', sap.oauthTokenUrl);
    need('SAP_OAUTH_CLIENT_ID', sap.oauthClientId);
    need('SAP_OAUTH_CLIENT_SECRET', sap.oauthClientSecret);
  }
  return problems;
});
