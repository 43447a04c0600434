/**
 * DLQ_RECONCILE_CONNECTORS: the connectors whose drift the reviewer shows and acts on. The
 * drift tables live in each connector's database, so the reviewer proxies each connector's
 * /reconciliation routes with that connector's CONNECTOR_RECONCILE_ADMIN_TOKEN.
 */
import { jsonText, setting } from '@hub/config';
import { z } from 'zod';

export interface DriftConnector {
  /** The connector's base URL (its /reconciliation routes), e.g. http://connector-odoo:3000. */
  readonly url: string;
  readonly token: string;
}

const connectorSchema = z.record(
  z.string().regex(/^[a-z0-9-]{1,200}$/, 'must be a system id'),
  z.object({
    url: z.url({ protocol: /^https?$/ }),
    token: z.string().min(24, 'must be at least 24 characters'),
  }),
);

export const driftConnectorsSetting = setting({
  env: 'DLQ_RECONCILE_CONNECTORS',
  schema: jsonText<Readonly<Record<string, DriftConnector>>>(
    connectorSchema,
    'an object of system id → {"url": "http://connector-odoo:3000", "token": "<its CONNECTOR_RECONCILE_ADMIN_TOKEN>"}',
  ),
  description:
    'The connectors whose reconciliation drift /drift and /api/drift show and act on, as JSON: {"<system>": {"url": "http://connector-odoo:3000", "token": "<that connector\'s CONNECTOR_RECONCILE_ADMIN_TOKEN>"}}. Each is asked with a 10 s timeout (a repair or a run may read the target). Unset: no drift is shown.',
  default: '{}',
  secret: true,
});
