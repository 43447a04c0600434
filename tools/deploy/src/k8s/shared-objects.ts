/** The namespace-wide objects: shared settings, network policies, the Ingress and the one-shot Jobs. */
import {
  IMAGE_REGISTRY,
  IMAGE_TAG,
  labelsOf,
  podSecurity,
  restrictedContainer,
  type K8sObject,
} from './base-objects';
import { commonConfig, databaseSchemas, hubApps, POLICY_MOUNT } from './hub-apps';
import { networkPolicies } from './network-policies';

export const POSTGRES_IMAGE = 'postgres:16.11-bookworm';

const partOf = { 'app.kubernetes.io/part-of': 'erp-integration-hub' };

const jobResources = {
  requests: { cpu: '50m', memory: '96Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** A PreSync Job; its containers run in one pod, side by side (wave: Argo CD's order among hooks). */
function job(
  name: string,
  containers: readonly Record<string, unknown>[],
  options: { readonly wave?: number; readonly volumes?: readonly unknown[] } = {},
): K8sObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      labels: labelsOf(name),
      annotations: {
        'argocd.argoproj.io/hook': 'PreSync',
        ...(options.wave === undefined
          ? {}
          : { 'argocd.argoproj.io/sync-wave': String(options.wave) }),
      },
    },
    spec: {
      backoffLimit: 6,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: labelsOf(name) },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          securityContext: podSecurity,
          containers: containers.map((container) => ({
            name,
            securityContext: restrictedContainer,
            resources: jobResources,
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            ...container,
          })),
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '16Mi' } }, ...(options.volumes ?? [])],
        },
      },
    },
  };
}

/**
 * `migrate`, once per release, after the schemas exist: one container per app (the
 * deploy-tools image, `node migrate.js <app>`) with exactly the app's own environment, so it
 * migrates the schema the app will use. The apps start with DATABASE_MIGRATE_AT_START=false.
 */
function migrateJob(): K8sObject {
  const policy = { name: 'policy', mountPath: POLICY_MOUNT, readOnly: true };
  return job(
    MIGRATE_JOB,
    hubApps.map((app) => ({
      name: app.name,
      image: `${IMAGE_REGISTRY}/deploy-tools:${IMAGE_TAG}`,
      command: ['node', 'migrate.js', app.name],
      envFrom: [
        { configMapRef: { name: 'hub-common' } },
        { configMapRef: { name: `${app.name}-config` } },
      ],
      env: app.secrets.map((secret) => ({
        name: secret,
        valueFrom: { secretKeyRef: { name: `${app.name}-secrets`, key: secret } },
      })),
      volumeMounts: [
        { name: 'tmp', mountPath: '/tmp' },
        ...('OWNERSHIP_POLICY_PATH' in app.config ? [policy] : []),
      ],
    })),
    { wave: 1, volumes: [{ name: 'policy', configMap: { name: 'hub-ownership-policy' } }] },
  );
}

export const MIGRATE_JOB = 'hub-migrate';

export function sharedObjects(): K8sObject[] {
  const schemas = databaseSchemas();
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'hub-common', labels: partOf },
      data: { ...commonConfig },
    },
    ...networkPolicies(),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'hub',
        labels: partOf,
        annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '2m' },
      },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['hub.example.com', 'dlq.hub.example.com'], secretName: 'hub-tls' }],
        rules: [
          { host: 'hub.example.com', app: 'ingress', path: '/webhooks' },
          { host: 'dlq.hub.example.com', app: 'dlq-reviewer', path: '/' },
        ].map(({ host, app, path }) => ({
          host,
          http: {
            paths: [
              {
                path,
                pathType: 'Prefix',
                backend: { service: { name: app, port: { name: 'http' } } },
              },
            ],
          },
        })),
      },
    },
    // Topics from the contracts' catalog (tools/deploy/src/topic-plan.ts); prod replaces it with Strimzi KafkaTopics.
    job('hub-topics', [
      {
        image: `${IMAGE_REGISTRY}/deploy-tools:${IMAGE_TAG}`,
        command: ['node', 'topics.js'],
        envFrom: [{ configMapRef: { name: 'hub-common' } }],
        env: [{ name: 'TOPICS_REPLICATION_FACTOR', value: '3' }],
      },
    ]),
    // The Postgres schemas the apps' "existing schema" settings name; hub-migrate then migrates the tables.
    job('hub-db-schemas', [
      {
        image: POSTGRES_IMAGE,
        command: ['sh', '-c', 'psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -c "$SQL"'],
        env: [
          {
            name: 'DATABASE_URL',
            valueFrom: { secretKeyRef: { name: 'hub-db-admin', key: 'DATABASE_URL' } },
          },
          {
            name: 'SQL',
            value: schemas.map((schema) => `CREATE SCHEMA IF NOT EXISTS ${schema};`).join(' '),
          },
        ],
      },
    ]),
    migrateJob(),
  ];
}
