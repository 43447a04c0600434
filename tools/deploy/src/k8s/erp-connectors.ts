/**
 * The kit connectors for Business Central, SAP S/4HANA and Dynamics 365 F&O, derived rather
 * than written out: their settings from each README's generated settings table (rendered from
 * the app's config schema), their topics from their ownership policy file. So when a
 * connector's configuration gains a setting, re-rendering its README and regenerating k8s/
 * (write-manifests.ts) is enough. Required settings without a value here get a placeholder
 * (`CHANGE-ME`, to replace in an overlay); required secret ones come from `<app>-secrets`.
 */
import { canonicalTopics, topics as fixedTopics } from '@hub/contracts';
import { loadPolicyFile } from '@hub/ownership';
import { join, resolve } from 'node:path';
import { appSettings } from './config-keys';
import type { HubApp, Resources } from './hub-apps';
import {
  deadLetterTopicName,
  controlTopicName,
  outcomeTopicName,
  redeliveryTopicName,
  retryTopicName,
} from './topic-names';

const root = resolve(__dirname, '../../../..');
export const PLACEHOLDER = 'CHANGE-ME';

interface ErpConnector {
  readonly name: string;
  readonly system: string;
  readonly portVariable: string;
  /** Non-secret values worth committing (the ERP's public endpoints, shapes of values). */
  readonly examples: Readonly<Record<string, string>>;
}

const ERP_CONNECTORS: readonly ErpConnector[] = [
  {
    name: 'connector-business-central',
    system: 'business-central',
    portVariable: 'CONNECTOR_BUSINESS_CENTRAL_PORT',
    examples: {
      BC_API_URL: 'https://api.businesscentral.dynamics.com/v2.0/CHANGE-ME-TENANT/production',
      BC_COMPANY: 'CRONUS',
    },
  },
  {
    name: 'connector-sap',
    system: 'sap',
    portVariable: 'CONNECTOR_SAP_PORT',
    examples: { SAP_URL: 'https://sap.example.com' },
  },
  {
    name: 'connector-dynamics-finance',
    system: 'dynamics-finance',
    portVariable: 'CONNECTOR_DYNAMICS_FINANCE_PORT',
    examples: { DYNAMICS_FINANCE_URL: 'https://hub.operations.dynamics.com' },
  },
];

/** The settings every connector gets from the generator itself (or hub-common). */
const GIVEN = new Set(['DATABASE_URL', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'LOG_LEVEL']);

export function erpConnectorApps(
  base: Readonly<Record<string, string>>,
  resources: Resources,
  httpPort: number,
): HubApp[] {
  return ERP_CONNECTORS.map((connector) => {
    const settings = appSettings(root, connector.name);
    const config: Record<string, string> = {
      ...base,
      [connector.portVariable]: String(httpPort),
      CONNECTOR_DATABASE_SCHEMA: connector.name.replace(/-/g, '_'),
    };
    const secrets = ['DATABASE_URL'];
    for (const [name, facts] of settings) {
      if (!facts.required || GIVEN.has(name) || name in config) continue;
      if (facts.secret) secrets.push(name);
      else config[name] = connector.examples[name] ?? PLACEHOLDER;
    }
    const policy = loadPolicyFile(
      join(root, 'libs/ownership/policies', `${connector.system}.yaml`),
    );
    const received = policy.typesReceivedBy(connector.system).map((type) => canonicalTopics[type]);
    const owned = policy.typesOwnedBy(connector.system).map((type) => canonicalTopics[type]);
    const group = `connector-${connector.system}`;
    return {
      name: connector.name,
      public: false,
      replicas: 2,
      config,
      secrets,
      resources,
      scaling: { kind: 'kafka-lag', group, topics: received, lagThreshold: 500, max: 12 },
      kafka: {
        reads: [
          ...received,
          fixedTopics.sourceNotification,
          redeliveryTopicName(connector.system),
          controlTopicName,
        ],
        writes: [
          ...owned,
          retryTopicName(connector.system),
          deadLetterTopicName,
          outcomeTopicName,
          controlTopicName,
        ],
        groups: [group],
      },
    };
  });
}
