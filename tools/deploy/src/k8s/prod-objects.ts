/**
 * The prod overlay's own objects: Strimzi KafkaTopics generated from the topic plan (the
 * same one the `topics` command applies), a KafkaUser per app whose ACLs allow only its own
 * topics and consumer groups, and per-app patches that make the apps and their KEDA triggers
 * use TLS (the cluster CA Strimzi issues) and SCRAM-SHA-512 (the password Strimzi puts in
 * the user's Secret).
 */
import { topicPlan } from '../topic-plan';
import { labelsOf, type K8sObject } from './base-objects';
import { hubApps, RETRY_TARGET_IDS, type HubApp } from './hub-apps';
import { MIGRATE_JOB } from './shared-objects';

export const KAFKA_CLUSTER = 'hub-kafka';
export const PROD_BOOTSTRAP = `${KAFKA_CLUSTER}-kafka-bootstrap:9093`;
const CA_SECRET = `${KAFKA_CLUSTER}-cluster-ca-cert`;
const CA_MOUNT = '/etc/kafka-ca';
const clusterLabel = { 'strimzi.io/cluster': KAFKA_CLUSTER };

export function kafkaTopics(): K8sObject[] {
  return topicPlan({ targets: RETRY_TARGET_IDS, replicationFactor: 3 }).map((topic) => ({
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaTopic',
    // Kubernetes names cannot hold dots; spec.topicName keeps the real one.
    metadata: {
      name: topic.name.replace(/\./g, '-'),
      labels: { ...clusterLabel, 'hub.erp/role': topic.role },
    },
    spec: {
      topicName: topic.name,
      partitions: topic.partitions,
      replicas: topic.replicationFactor,
      config: { ...topic.config },
    },
  }));
}

function acls(app: HubApp): Record<string, unknown>[] {
  const topic = (name: string, operations: string[]): Record<string, unknown> => ({
    resource: { type: 'topic', name, patternType: 'literal' },
    operations,
    host: '*',
  });
  return [
    ...app.kafka.reads.map((name) => topic(name, ['Read', 'Describe'])),
    ...app.kafka.writes.map((name) => topic(name, ['Write', 'Describe'])),
    // Prefix: an app's groups are <prefix>, <prefix>-redelivery, <prefix>.retries, …
    ...app.kafka.groups.map((name) => ({
      resource: { type: 'group', name, patternType: 'prefix' },
      operations: ['Read', 'Describe'],
      host: '*',
    })),
  ];
}

/**
 * How the apps authenticate to Strimzi's Kafka: SCRAM-SHA-512 over TLS (`prod`), or mutual
 * TLS with the KafkaUser's client certificate (`prod-mtls`, the listener on MTLS_BOOTSTRAP).
 */
export type KafkaAuth = 'scram-sha-512' | 'tls';
export const MTLS_BOOTSTRAP = `${KAFKA_CLUSTER}-kafka-bootstrap:9094`;
const USER_MOUNT = '/etc/kafka-user';

const bootstrapOf = (auth: KafkaAuth): string => (auth === 'tls' ? MTLS_BOOTSTRAP : PROD_BOOTSTRAP);

/** The app's Kafka credentials as variables (SCRAM user and password, or its certificate files). */
function credentialEnv(app: HubApp, auth: KafkaAuth): Record<string, unknown>[] {
  return auth === 'tls'
    ? [
        { name: 'KAFKA_SSL_CERT', value: `${USER_MOUNT}/user.crt` },
        { name: 'KAFKA_SSL_KEY', value: `${USER_MOUNT}/user.key` },
      ]
    : [
        { name: 'KAFKA_SASL_USERNAME', value: app.name },
        {
          name: 'KAFKA_SASL_PASSWORD',
          valueFrom: { secretKeyRef: { name: app.name, key: 'password' } },
        },
      ];
}

/** Strimzi writes the KafkaUser's certificate and key into the Secret named after the user. */
const userVolume = (app: HubApp, name: string): Record<string, unknown> => ({
  name,
  secret: {
    secretName: app.name,
    items: [
      { key: 'user.crt', path: 'user.crt' },
      { key: 'user.key', path: 'user.key' },
    ],
  },
});

export function kafkaUsers(auth: KafkaAuth = 'scram-sha-512'): K8sObject[] {
  return hubApps.map((app) => ({
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaUser',
    metadata: { name: app.name, labels: { ...clusterLabel, ...labelsOf(app.name) } },
    spec: {
      authentication: { type: auth },
      authorization: { type: 'simple', acls: acls(app) },
    },
  }));
}

/** Strategic-merge patch: TLS with Strimzi's cluster CA and the app's own Kafka credentials. */
export function kafkaSecurityPatch(app: HubApp, auth: KafkaAuth = 'scram-sha-512'): K8sObject {
  const tls = auth === 'tls';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: app.name,
              env: [
                ...credentialEnv(app, auth),
                // Node trusts this CA in addition to the system ones (kafkajs ssl: true).
                { name: 'NODE_EXTRA_CA_CERTS', value: `${CA_MOUNT}/ca.crt` },
              ],
              volumeMounts: [
                { name: 'kafka-ca', mountPath: CA_MOUNT, readOnly: true },
                ...(tls ? [{ name: 'kafka-user', mountPath: USER_MOUNT, readOnly: true }] : []),
              ],
            },
          ],
          volumes: [
            {
              name: 'kafka-ca',
              secret: { secretName: CA_SECRET, items: [{ key: 'ca.crt', path: 'ca.crt' }] },
            },
            ...(tls ? [userVolume(app, 'kafka-user')] : []),
          ],
        },
      },
    },
  };
}

/** The hub-migrate Job's containers: each app's Kafka credentials, for its configuration to load. */
export function migrateJobSaslPatch(auth: KafkaAuth = 'scram-sha-512'): K8sObject {
  const tls = auth === 'tls';
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: MIGRATE_JOB },
    spec: {
      template: {
        spec: {
          containers: hubApps.map((app) => ({
            name: app.name,
            env: credentialEnv(app, auth),
            ...(tls
              ? {
                  volumeMounts: [
                    { name: `kafka-user-${app.name}`, mountPath: USER_MOUNT, readOnly: true },
                  ],
                }
              : {}),
          })),
          ...(tls
            ? { volumes: hubApps.map((app) => userVolume(app, `kafka-user-${app.name}`)) }
            : {}),
        },
      },
    },
  };
}

/** KEDA's Kafka triggers over TLS + SCRAM, with the app's own credentials. */
export function kedaKafkaAuth(app: HubApp, auth: KafkaAuth = 'scram-sha-512'): K8sObject[] {
  if (app.scaling.kind !== 'kafka-lag') return [];
  const { scaling } = app;
  return [
    {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'TriggerAuthentication',
      metadata: { name: `${app.name}-kafka`, labels: labelsOf(app.name) },
      spec:
        auth === 'tls'
          ? {
              secretTargetRef: [
                { parameter: 'ca', name: CA_SECRET, key: 'ca.crt' },
                { parameter: 'cert', name: app.name, key: 'user.crt' },
                { parameter: 'key', name: app.name, key: 'user.key' },
              ],
            }
          : {
              secretTargetRef: [
                { parameter: 'password', name: app.name, key: 'password' },
                { parameter: 'ca', name: CA_SECRET, key: 'ca.crt' },
              ],
              env: [
                { parameter: 'username', name: 'KAFKA_SASL_USERNAME', containerName: app.name },
              ],
            },
    },
    {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: app.name },
      spec: {
        triggers: scaling.topics.map((topic) => ({
          type: 'kafka',
          authenticationRef: { name: `${app.name}-kafka` },
          metadata: {
            bootstrapServers: bootstrapOf(auth),
            consumerGroup: scaling.group,
            topic,
            lagThreshold: String(scaling.lagThreshold),
            offsetResetPolicy: 'latest',
            allowIdleConsumers: 'false',
            sasl: auth === 'tls' ? 'none' : 'scram_sha512',
            tls: 'enable',
          },
        })),
      },
    },
  ];
}
