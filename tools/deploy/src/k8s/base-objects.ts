/** The base manifests: one Deployment, Service, ConfigMap, PDB and autoscaler per app, plus the shared objects. */
import { ADMIN_PORT, commonConfig, HTTP_PORT, POLICY_MOUNT, type HubApp } from './hub-apps';

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

export const IMAGE_REGISTRY = 'ghcr.io/erp-integration-hub';
export const IMAGE_TAG = '0.1.0';
export const PART_OF = 'erp-integration-hub';

export const labelsOf = (name: string): Record<string, string> => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/part-of': PART_OF,
});
const selectorOf = (name: string): Record<string, string> => ({ 'app.kubernetes.io/name': name });

export const restrictedContainer = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

export const podSecurity = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** Where the kubelet and Prometheus find the probes and /metrics: the admin port when the app has one. */
export function probePortOf(app: HubApp): { readonly name: string; readonly port: number } {
  return app.adminPortEnv === undefined
    ? { name: 'http', port: HTTP_PORT }
    : { name: 'admin', port: ADMIN_PORT };
}

function deployment(app: HubApp): K8sObject {
  const labels = labelsOf(app.name);
  const probes = probePortOf(app);
  // Only the apps that read the ownership policy get it mounted.
  const policy = 'OWNERSHIP_POLICY_PATH' in app.config;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name, labels },
    spec: {
      replicas: app.replicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorOf(app.name) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(probes.port),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          serviceAccountName: app.name,
          automountServiceAccountToken: false,
          // SIGTERM → the app stops consuming, finishes the in-flight batch, commits, exits (Dockerfile).
          terminationGracePeriodSeconds: 60,
          securityContext: podSecurity,
          topologySpreadConstraints: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map(
            (topologyKey) => ({
              maxSkew: 1,
              topologyKey,
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selectorOf(app.name) },
            }),
          ),
          containers: [
            {
              name: app.name,
              image: `${IMAGE_REGISTRY}/${app.name}:${IMAGE_TAG}`,
              imagePullPolicy: 'IfNotPresent',
              ports: [
                { name: 'http', containerPort: HTTP_PORT, protocol: 'TCP' },
                ...(app.adminPortEnv === undefined
                  ? []
                  : [{ name: 'admin', containerPort: ADMIN_PORT, protocol: 'TCP' }]),
              ],
              envFrom: [
                { configMapRef: { name: 'hub-common' } },
                { configMapRef: { name: `${app.name}-config` } },
              ],
              env: app.secrets.map((name) => ({
                name,
                valueFrom: { secretKeyRef: { name: `${app.name}-secrets`, key: name } },
              })),
              resources: {
                requests: { cpu: app.resources.cpu, memory: app.resources.memory },
                limits: { cpu: app.resources.cpuLimit, memory: app.resources.memoryLimit },
              },
              startupProbe: {
                httpGet: { path: '/healthz', port: probes.name },
                periodSeconds: 2,
                failureThreshold: 60,
              },
              livenessProbe: {
                httpGet: { path: '/healthz', port: probes.name },
                periodSeconds: 10,
                timeoutSeconds: 3,
                failureThreshold: 3,
              },
              readinessProbe: {
                httpGet: { path: '/readyz', port: probes.name },
                periodSeconds: 5,
                timeoutSeconds: 3,
                failureThreshold: 2,
              },
              // Behind a Service: let endpoints drop the pod before it stops accepting requests.
              ...(app.public
                ? { lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } }
                : {}),
              securityContext: restrictedContainer,
              volumeMounts: [
                { name: 'tmp', mountPath: '/tmp' },
                ...(policy ? [{ name: 'policy', mountPath: POLICY_MOUNT, readOnly: true }] : []),
              ],
            },
          ],
          volumes: [
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
            ...(policy ? [{ name: 'policy', configMap: { name: 'hub-ownership-policy' } }] : []),
          ],
        },
      },
    },
  };
}

function autoscaler(app: HubApp): K8sObject {
  const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: app.name };
  const { scaling } = app;
  if (scaling.kind === 'hpa') {
    return {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: app.name, labels: labelsOf(app.name) },
      spec: {
        scaleTargetRef: target,
        minReplicas: scaling.min,
        maxReplicas: scaling.max,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: scaling.cpuPercent },
            },
          },
        ],
      },
    };
  }
  const triggers =
    scaling.kind === 'kafka-lag'
      ? scaling.topics.map((topic) => ({
          type: 'kafka',
          metadata: {
            bootstrapServers: commonConfig['KAFKA_BROKERS'] ?? '',
            consumerGroup: scaling.group,
            topic,
            lagThreshold: String(scaling.lagThreshold),
            offsetResetPolicy: 'latest',
            allowIdleConsumers: 'false',
          },
        }))
      : [
          {
            type: 'prometheus',
            metadata: {
              serverAddress: 'http://prometheus-operated.monitoring.svc:9090',
              query: scaling.query,
              threshold: String(scaling.threshold),
            },
          },
        ];
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: app.name, labels: labelsOf(app.name) },
    spec: {
      scaleTargetRef: { name: app.name },
      minReplicaCount: app.replicas,
      maxReplicaCount: scaling.max,
      pollingInterval: 15,
      cooldownPeriod: 300,
      triggers,
    },
  };
}

/** The objects of one app. */
export function appObjects(app: HubApp): K8sObject[] {
  const labels = labelsOf(app.name);
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: app.name, labels },
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${app.name}-config`, labels },
      data: { ...app.config },
    },
    deployment(app),
    // Only the public port: the admin port is reached by pod IP (kubelet, Prometheus pod discovery).
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app.name, labels },
      spec: {
        selector: selectorOf(app.name),
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: app.name, labels },
      spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(app.name) } },
    },
    autoscaler(app),
  ];
}
