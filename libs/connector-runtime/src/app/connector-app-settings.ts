/**
 * The settings every connector app has besides the shared service groups and
 * connectorRuntimeSettings: its listen port (each app keeps its own variable name, so
 * existing deployments keep working) and the ownership policy file.
 */
import { port, setting, text } from '@hub/config';
import { DEFAULT_POLICY_PATH } from '@hub/ownership';

export interface ConnectorPortSetting {
  readonly env: string;
  readonly default: string;
  readonly description: string;
}

export function connectorAppSettings(listen: ConnectorPortSetting) {
  return {
    http: {
      port: setting({
        env: listen.env,
        schema: port(),
        description: listen.description,
        default: listen.default,
        secret: false,
      }),
    },
    ownershipPolicyPath: setting({
      env: 'OWNERSHIP_POLICY_PATH',
      schema: text(),
      description: 'Ownership policy file (YAML or JSON).',
      default: DEFAULT_POLICY_PATH,
      secret: false,
    }),
  };
}
