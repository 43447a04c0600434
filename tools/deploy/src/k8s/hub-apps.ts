/**
 * What Kubernetes runs of the hub, per app: its settings (non-secret → ConfigMap, secret →
 * Secret reference), resources, scaling and the Kafka topics and groups it uses (for the
 * Strimzi ACLs). Variable names are the apps' own (each README's generated settings table);
 * k8s.spec.ts checks them against those tables.
 */
import { changeRequestTarget } from '@hub/contracts';
import { erpConnectorApps } from './erp-connectors';
import {
  deadLetterTopicName,
  controlTopicName,
  outcomeTopicName,
  redeliveryTopicName,
  retryTopicName,
} from './topic-names';

export interface Resources {
  readonly cpu: string;
  readonly memory: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

export type Scaling =
  | {
      readonly kind: 'hpa';
      readonly min: number;
      readonly max: number;
      readonly cpuPercent: number;
    }
  | {
      readonly kind: 'kafka-lag';
      readonly group: string;
      readonly topics: readonly string[];
      readonly lagThreshold: number;
      readonly max: number;
    }
  | {
      readonly kind: 'prometheus';
      readonly query: string;
      readonly threshold: number;
      readonly max: number;
    };

export interface HubApp {
  readonly name: string;
  /** Reachable from outside the namespace (through the Ingress). */
  readonly public: boolean;
  /**
   * Its admin-port variable: probes and /metrics (the ingress's /docs too) move to ADMIN_PORT,
   * off the port the Ingress routes to. Undefined: everything on HTTP_PORT.
   */
  readonly adminPortEnv?: string;
  readonly replicas: number;
  readonly config: Readonly<Record<string, string>>;
  /** Variables read from the Secret `<name>-secrets` (key = variable name); values are never committed. */
  readonly secrets: readonly string[];
  readonly resources: Resources;
  readonly scaling: Scaling;
  readonly kafka: {
    readonly reads: readonly string[];
    readonly writes: readonly string[];
    /** Consumer-group prefixes. */
    readonly groups: readonly string[];
  };
}

/** Every app listens on this port in the cluster; its own port variable says so. */
export const HTTP_PORT = 8080;
/** The admin port of the apps with `adminPortEnv`: only the kubelet and monitoring reach it. */
export const ADMIN_PORT = 9090;
export const POLICY_MOUNT = '/etc/hub/policy';
export const IDEMPOTENCY_SCHEMA = 'hub_idempotency';
export const SYSTEMS = { odoo: 'odoo', wms: 'wms' } as const;
/** The WMS's change requests are retried apart from its own writes (connector-http delivers both). */
const WMS_CHANGE_REQUESTS = changeRequestTarget(SYSTEMS.wms);
/** The retry scheduler's targets: a retry and a redelivery topic each. */
export const RETRY_TARGET_IDS: readonly string[] = [SYSTEMS.odoo, SYSTEMS.wms, WMS_CHANGE_REQUESTS];

const canonical = {
  level: 'erp.inventory-level.v1',
  receipt: 'erp.goods-receipt.v1',
  po: 'erp.purchase-order.v1',
  notification: 'hub.source-notification.v1',
  changeRequest: 'hub.change-request.v1',
};

const policyPath = { OWNERSHIP_POLICY_PATH: `${POLICY_MOUNT}/policy.yaml` };

const small: Resources = { cpu: '100m', memory: '192Mi', cpuLimit: '1', memoryLimit: '384Mi' };
const medium: Resources = { cpu: '250m', memory: '256Mi', cpuLimit: '1', memoryLimit: '512Mi' };

export const hubApps: readonly HubApp[] = [
  {
    name: 'ingress',
    public: true,
    adminPortEnv: 'INGRESS_ADMIN_PORT',
    replicas: 2,
    config: {
      INGRESS_PORT: String(HTTP_PORT),
      INGRESS_ADMIN_PORT: String(ADMIN_PORT),
      INGRESS_DATABASE_SCHEMA: 'ingress',
      ...policyPath,
    },
    secrets: ['DATABASE_URL', 'INGRESS_SYSTEMS'],
    resources: medium,
    scaling: { kind: 'hpa', min: 2, max: 10, cpuPercent: 70 },
    kafka: {
      reads: [],
      writes: [
        canonical.level,
        canonical.receipt,
        canonical.po,
        canonical.notification,
        canonical.changeRequest,
      ],
      groups: [],
    },
  },
  {
    name: 'connector-odoo',
    public: false,
    replicas: 2,
    config: {
      ...policyPath,
      CONNECTOR_ODOO_PORT: String(HTTP_PORT),
      CONNECTOR_SYSTEM_ID: SYSTEMS.odoo,
      CONNECTOR_DATABASE_SCHEMA: 'connector_odoo',
      CONNECTOR_IDEMPOTENCY_SCHEMA: IDEMPOTENCY_SCHEMA,
      CONNECTOR_SWEEP_MODE: 'catch-up',
      ODOO_URL: 'https://odoo.example.com',
      ODOO_DB: 'odoo',
      ODOO_LOGIN: 'hub@example.com',
      ODOO_PROTOCOL: 'json-rpc',
    },
    secrets: ['DATABASE_URL', 'ODOO_API_KEY'],
    resources: medium,
    scaling: {
      kind: 'kafka-lag',
      group: `connector-${SYSTEMS.odoo}`,
      topics: [canonical.level, canonical.receipt],
      lagThreshold: 500,
      max: 12,
    },
    kafka: {
      reads: [
        canonical.level,
        canonical.receipt,
        canonical.notification,
        redeliveryTopicName(SYSTEMS.odoo),
        controlTopicName,
      ],
      writes: [
        canonical.po,
        retryTopicName(SYSTEMS.odoo),
        deadLetterTopicName,
        outcomeTopicName,
        controlTopicName,
      ],
      groups: [`connector-${SYSTEMS.odoo}`],
    },
  },
  {
    name: 'connector-http',
    public: false,
    replicas: 2,
    config: {
      ...policyPath,
      CONNECTOR_HTTP_PORT: String(HTTP_PORT),
      HTTP_CONNECTOR_SYSTEM_ID: SYSTEMS.wms,
      CONNECTOR_DATABASE_SCHEMA: 'connector_http',
      CONNECTOR_IDEMPOTENCY_SCHEMA: IDEMPOTENCY_SCHEMA,
    },
    secrets: ['DATABASE_URL', 'HTTP_CONNECTOR_ENDPOINTS', 'HTTP_CONNECTOR_ADMIN_TOKEN'],
    resources: small,
    scaling: {
      kind: 'kafka-lag',
      group: `connector-${SYSTEMS.wms}`,
      topics: [canonical.po],
      lagThreshold: 500,
      max: 12,
    },
    kafka: {
      reads: [
        canonical.po,
        redeliveryTopicName(SYSTEMS.wms),
        controlTopicName,
        // Change requests to the WMS, and the WMS's own levels for their current value.
        canonical.changeRequest,
        canonical.level,
        redeliveryTopicName(WMS_CHANGE_REQUESTS),
      ],
      writes: [
        retryTopicName(SYSTEMS.wms),
        retryTopicName(WMS_CHANGE_REQUESTS),
        deadLetterTopicName,
        outcomeTopicName,
        controlTopicName,
      ],
      groups: [`connector-${SYSTEMS.wms}`],
    },
  },
  {
    name: 'retry-scheduler',
    public: false,
    replicas: 1,
    config: {
      RETRY_SCHEDULER_PORT: String(HTTP_PORT),
      RETRY_DATABASE_SCHEMA: 'retry_scheduler',
      RETRY_GROUP_ID: 'retry-scheduler',
      RETRY_TARGETS: JSON.stringify({ targets: RETRY_TARGET_IDS.map((id) => ({ id })) }),
    },
    secrets: ['DATABASE_URL'],
    resources: small,
    scaling: {
      kind: 'prometheus',
      query: 'sum(hub_retry_pending{namespace="erp-hub"})',
      threshold: 5000,
      max: 6,
    },
    kafka: {
      reads: [...RETRY_TARGET_IDS.map(retryTopicName), outcomeTopicName, controlTopicName],
      writes: [...RETRY_TARGET_IDS.map(redeliveryTopicName), deadLetterTopicName, controlTopicName],
      groups: ['retry-scheduler'],
    },
  },
  {
    name: 'dlq-reviewer',
    public: true,
    adminPortEnv: 'DLQ_REVIEWER_ADMIN_PORT',
    replicas: 2,
    config: {
      DLQ_REVIEWER_PORT: String(HTTP_PORT),
      DLQ_REVIEWER_ADMIN_PORT: String(ADMIN_PORT),
      DLQ_DATABASE_SCHEMA: 'dlq_reviewer',
      DLQ_IDEMPOTENCY_SCHEMA: IDEMPOTENCY_SCHEMA,
      DLQ_CONSUMER_GROUP: 'dlq-reviewer',
      DLQ_CONSOLE_URL: 'https://dlq.hub.example.com/',
    },
    secrets: ['DATABASE_URL', 'DLQ_API_TOKENS'],
    resources: small,
    scaling: { kind: 'hpa', min: 2, max: 4, cpuPercent: 80 },
    kafka: {
      reads: [deadLetterTopicName, outcomeTopicName, controlTopicName, canonical.changeRequest],
      writes: [...RETRY_TARGET_IDS.map(retryTopicName), controlTopicName],
      groups: ['dlq-reviewer'],
    },
  },
  ...erpConnectorApps(
    { ...policyPath, CONNECTOR_IDEMPOTENCY_SCHEMA: IDEMPOTENCY_SCHEMA },
    medium,
    HTTP_PORT,
  ),
];

/** Settings every hub app reads, from the ConfigMap hub-common. */
export const commonConfig: Readonly<Record<string, string>> = {
  KAFKA_BROKERS: 'hub-kafka-kafka-bootstrap:9092',
  SCHEMA_REGISTRY_URL: 'http://schema-registry:8080/apis/ccompat/v7',
  LOG_LEVEL: 'info',
  // The hub-migrate Job migrates every app once per release; an app whose tables are behind refuses to start.
  DATABASE_MIGRATE_AT_START: 'false',
};

/** Postgres schemas the apps expect to exist ("existing schema" settings); the migrate Job creates them. */
export function databaseSchemas(): string[] {
  const names = new Set<string>([IDEMPOTENCY_SCHEMA]);
  for (const app of hubApps) {
    for (const [key, value] of Object.entries(app.config))
      if (key.endsWith('_SCHEMA')) names.add(value);
  }
  return [...names].sort();
}
