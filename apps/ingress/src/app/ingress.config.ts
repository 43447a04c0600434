/** The ingress configuration, declared once (@hub/config renders README's table from it). */
import {
  defineConfig,
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
    bodyLimit: setting({
      env: 'BODY_LIMIT',
      schema: integer({ min: 1 }),
      description: 'Largest accepted request body in bytes; larger bodies get 413.',
      default: '1048576',
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
      'Per-system credentials as JSON: {"<system-id>": {"webhookSecret"?: "whsec_…", "token"?: "…", "clientState"?: "…", "bearerToken"?: "…", "clientCertificate"?: {"subject": "CN=…", "proxySecret": "… (32+ chars)", "proxySecretHeader"?, "subjectHeader"?, "verifyHeader"?, "verifiedValue"?}}}.',
    default: '{}',
    secret: true,
  }),
});

export type IngressConfig = ConfigOf<typeof ingressConfig>;
