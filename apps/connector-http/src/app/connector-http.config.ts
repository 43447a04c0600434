/** The connector-http configuration, declared once (@hub/config renders README's table from it). */
import { defineConfig, hubServiceSettings, group, setting, text, type ConfigOf } from '@hub/config';
import { connectorAppSettings, connectorRuntimeSettings } from '@hub/connector-runtime';
import { adminTokenSchema } from './admin-token-setting';
import { endpointsSchema } from './endpoints-setting';

/**
 * The runtime's write-side settings, with the system id under this app's own name and
 * default. The read-side ones (sweep, not-found retry) are left out: this connector only
 * writes, and the connector kit fills them with "off".
 */
const {
  sweepMode: _sweepMode,
  sweepInterval: _sweepInterval,
  sweepMaxPages: _sweepMaxPages,
  notFoundRetry: _notFoundRetry,
  ...writeSettings
} = connectorRuntimeSettings.shape;
const { kind: _kind, ...systemIdSetting } = writeSettings.systemId;
const { kind: _schemaKind, ...databaseSchemaSetting } = writeSettings.databaseSchema;
const runtimeSettings = group({
  ...writeSettings,
  systemId: setting({
    ...systemIdSetting,
    env: 'HTTP_CONNECTOR_SYSTEM_ID',
    description:
      'The system the endpoints belong to (e.g. wms-main), as named in the ownership policy; also names the retry topics (hub.retry.<id>.v1).',
    default: 'wms',
  }),
  databaseSchema: setting({
    ...databaseSchemaSetting,
    description:
      "Existing Postgres schema for the connector tables (http_endpoint_state, the runtime's) and their migrations tables.",
  }),
});

export const connectorHttpConfig = defineConfig({
  ...hubServiceSettings('connector-http'),
  connector: runtimeSettings,
  ...connectorAppSettings({
    env: 'CONNECTOR_HTTP_PORT',
    default: '3000',
    description: 'HTTP listen port (admin routes, probes, /status).',
  }),
  endpoints: setting({
    env: 'HTTP_CONNECTOR_ENDPOINTS',
    schema: endpointsSchema,
    description:
      'Where events go, as JSON: {"<endpoint-id>": {"url": "https://…", "secret": "whsec_…" (or ["<new>", "<old>"] while the receiver rotates: every delivery is signed with both), "timeout"?: "15s", "entityTypes": ["purchase-order"], "changeRequests"?: true}}. Change requests go to the endpoints with "changeRequests": true, or to every endpoint when none has it.',
    secret: true,
  }),
  requesterWritesSchema: setting({
    env: 'HTTP_CONNECTOR_REQUESTER_WRITES_SCHEMA',
    schema: text()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case Postgres identifier')
      .optional(),
    description:
      "Postgres schema of the idempotency store the requesting systems' connectors record their writes in (read only): a change request about an ERP record the hub wrote (Odoo's stock.quant/<id>) is matched to the owner's key there, for the owner's current value. Unset means CONNECTOR_IDEMPOTENCY_SCHEMA, then CONNECTOR_DATABASE_SCHEMA.",
    secret: false,
  }),
  adminToken: setting({
    env: 'HTTP_CONNECTOR_ADMIN_TOKEN',
    schema: adminTokenSchema,
    description:
      'Bearer token for the admin routes (GET /endpoints, POST /endpoints/:id/enable), at least 24 characters.',
    secret: true,
  }),
});

export type ConnectorHttpConfig = ConfigOf<typeof connectorHttpConfig>;
