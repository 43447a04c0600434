/**
 * The Kubernetes manifests without a cluster: k8s/ equals what tools/deploy/src/k8s
 * generates; every overlay renders with `kubectl kustomize`; every object passes its schema;
 * the invariants hold; each app gets exactly the settings its config reads.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import {
  appSettings,
  configKeyProblems,
  deploymentEnvironment,
  PLATFORM_VARIABLES,
} from './k8s/config-keys';
import {
  deploymentProblems,
  imageProblems,
  isPinned,
  pdbProblems,
  podSpecOf,
  replicaProblems,
} from './k8s/invariants';
import { RETRY_TARGET_IDS } from './k8s/hub-apps';
import { manifestFiles } from './k8s/manifest-files';
import { metricNamesIn, monitoringExpressions } from './k8s/monitoring';
import { METRICS } from '@hub/observability';
import { renderOverlay, type RenderedObject } from './k8s/render';
import { schemaProblems } from './k8s/validate';
import { topicPlan } from './topic-plan';

const root = resolve(__dirname, '../../..');
const overlays = ['dev', 'prod', 'prod-mtls'] as const;
const rendered = new Map<string, RenderedObject[]>(
  overlays.map((overlay) => [overlay, renderOverlay(join(root, 'k8s/overlays', overlay))]),
);
const objectsOf = (overlay: string): RenderedObject[] => rendered.get(overlay) ?? [];
const plan = topicPlan({ targets: RETRY_TARGET_IDS, replicationFactor: 3 });
const partitionsOf = (topic: string): number | undefined =>
  plan.find((entry) => entry.name === topic)?.partitions;

describe('k8s/', () => {
  it('is what tools/deploy/src/k8s generates (run write-manifests.ts after changing it)', () => {
    const parsed = (text: string): unknown[] =>
      text.trimStart().startsWith('{')
        ? [JSON.parse(text) as unknown]
        : parseAllDocuments(text).map((document) => document.toJSON() as unknown);
    for (const [path, content] of Object.entries(manifestFiles(root))) {
      const committed = parsed(readFileSync(join(root, path), 'utf8'));
      expect({ path, documents: committed }).toEqual({ path, documents: parsed(content) });
    }
  });
});

describe.each(overlays)('overlay %s', (overlay) => {
  it('renders with kubectl kustomize', () => {
    const counts: Record<string, number> = {};
    for (const object of objectsOf(overlay)) counts[object.kind] = (counts[object.kind] ?? 0) + 1;
    process.stdout.write(
      `k8s/overlays/${overlay}: ${objectsOf(overlay).length} objects ${JSON.stringify(counts)}\n`,
    );
    expect(objectsOf(overlay).length).toBeGreaterThan(30);
  });

  it('passes the Kubernetes, KEDA and Strimzi schemas', () => {
    expect(schemaProblems(objectsOf(overlay))).toEqual([]);
  });

  it('gives every Deployment probes, resources, a restricted security context and topology spread', () => {
    expect(deploymentProblems(objectsOf(overlay))).toEqual([]);
  });

  it('pins every image and has a PodDisruptionBudget per app', () => {
    expect(imageProblems(objectsOf(overlay))).toEqual([]);
    expect(pdbProblems(objectsOf(overlay))).toEqual([]);
  });

  it('scales no consumer past its topic partitions', () => {
    expect(replicaProblems(objectsOf(overlay), partitionsOf)).toEqual([]);
    expect(objectsOf(overlay).filter((object) => object.kind === 'ScaledObject')).not.toHaveLength(
      0,
    );
  });

  it('sets exactly the settings each app reads: none unknown, no required one missing, secrets from Secrets', () => {
    const deployments = objectsOf(overlay).filter((object) => object.kind === 'Deployment');
    const problems = deployments.flatMap((deployment) =>
      configKeyProblems(
        deployment,
        objectsOf(overlay),
        appSettings(root, deployment.metadata.name),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('migrates every app once per release, with its own environment, and starts the apps with migrations off', () => {
    const objects = objectsOf(overlay);
    const migrate = objects.find(
      (object) => object.kind === 'Job' && object.metadata.name === 'hub-migrate',
    );
    expect(migrate?.['metadata']).toMatchObject({
      annotations: { 'argocd.argoproj.io/sync-wave': '1' },
    });
    const containers = migrate === undefined ? [] : (podSpecOf(migrate).containers ?? []);
    const deployments = objects.filter((object) => object.kind === 'Deployment');
    expect(containers.map((container) => container.name).sort()).toEqual(
      deployments.map((deployment) => deployment.metadata.name).sort(),
    );
    for (const deployment of deployments) {
      const app = deployment.metadata.name;
      const job = {
        ...deployment,
        spec: { template: { spec: { containers: containers.filter((c) => c.name === app) } } },
      };
      const appEnv = deploymentEnvironment(deployment, objects);
      const jobEnv = deploymentEnvironment(job, objects);
      expect({ app, env: [...jobEnv].filter(([name]) => !PLATFORM_VARIABLES.has(name)) }).toEqual({
        app,
        env: [...appEnv].filter(([name]) => !PLATFORM_VARIABLES.has(name)),
      });
      expect({ app, migrateAtStart: appEnv.get('DATABASE_MIGRATE_AT_START') }).toEqual({
        app,
        migrateAtStart: 'configmap',
      });
    }
    const common = objects.find(
      (object) => object.kind === 'ConfigMap' && object.metadata.name === 'hub-common',
    );
    expect((common?.['data'] as Record<string, string>)['DATABASE_MIGRATE_AT_START']).toBe('false');
  });

  it('reaches only the ingress and the reviewer from outside the namespace', () => {
    const policies = objectsOf(overlay).filter((object) => object.kind === 'NetworkPolicy');
    const outside = policies.filter((policy) =>
      JSON.stringify(policy['spec']).includes('ingress-nginx'),
    );
    expect(
      outside.map((policy) =>
        JSON.stringify((policy['spec'] as { podSelector: unknown }).podSelector),
      ),
    ).toEqual([
      JSON.stringify({
        matchExpressions: [
          { key: 'app.kubernetes.io/name', operator: 'In', values: ['ingress', 'dlq-reviewer'] },
        ],
      }),
    ]);
    expect(policies.map((policy) => policy.metadata.name)).toContain('default-deny-ingress');
  });
});

describe.each(['prod', 'prod-mtls'])('overlay %s', (overlay) => {
  it('has a KafkaTopic per planned topic and a KafkaUser per app, and no topics Job', () => {
    const prod = objectsOf(overlay);
    const topics = prod
      .filter((object) => object.kind === 'KafkaTopic')
      .map((object) => (object['spec'] as { topicName: string }).topicName);
    expect(topics.sort()).toEqual(plan.map((topic) => topic.name).sort());
    const users = prod
      .filter((object) => object.kind === 'KafkaUser')
      .map((object) => object.metadata.name);
    const apps = prod
      .filter((object) => object.kind === 'Deployment')
      .map((object) => object.metadata.name);
    expect(users.sort()).toEqual(apps.sort());
    expect(
      prod.some((object) => object.kind === 'Job' && object.metadata.name === 'hub-topics'),
    ).toBe(false);
  });
});

describe('overlay prod-mtls', () => {
  it('logs every app, its migrate container and its KEDA trigger in with the KafkaUser certificate, no SASL', () => {
    const objects = objectsOf('prod-mtls');
    const users = objects.filter((object) => object.kind === 'KafkaUser');
    expect(
      users.map((user) => (user['spec'] as { authentication: unknown }).authentication),
    ).toEqual(users.map(() => ({ type: 'tls' })));
    const workloads = objects.filter(
      (object) =>
        object.kind === 'Deployment' ||
        (object.kind === 'Job' && object.metadata.name === 'hub-migrate'),
    );
    for (const workload of workloads)
      for (const container of podSpecOf(workload).containers ?? []) {
        const env = deploymentEnvironment(
          { ...workload, spec: { template: { spec: { containers: [container] } } } },
          objects,
        );
        expect({
          container: container.name,
          cert: env.has('KAFKA_SSL_CERT'),
          key: env.has('KAFKA_SSL_KEY'),
          sasl: env.has('KAFKA_SASL_MECHANISM') || env.has('KAFKA_SASL_PASSWORD'),
        }).toEqual({
          container: container.name,
          cert: true,
          key: true,
          sasl: false,
        });
      }
    const auths = objects.filter((object) => object.kind === 'TriggerAuthentication');
    for (const auth of auths)
      expect(JSON.stringify(auth['spec'])).toMatch(/"parameter":"cert".*"parameter":"key"/);
  });
});

describe('alerts and dashboard', () => {
  it('use only metrics the hub exports', () => {
    const exported = new Set<string>(Object.values(METRICS).map((metric) => metric.name));
    const used = monitoringExpressions().flatMap(metricNamesIn);
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
    expect(new Set(used).size).toBeGreaterThanOrEqual(10);
  });
});

describe('the checks catch what they are for', () => {
  it('finds a schema violation, an unpinned image and an unknown setting', () => {
    const deployment = objectsOf('dev').find((object) => object.kind === 'Deployment')!;
    const broken = {
      ...deployment,
      spec: { ...(deployment['spec'] as object), replicas: 'two' },
    } as RenderedObject;
    expect(schemaProblems([broken])).toHaveLength(1);
    expect(isPinned('ghcr.io/x/ingress:latest')).toBe(false);
    expect(isPinned('ghcr.io/x/ingress:0.1.0')).toBe(true);
    expect(isPinned(`node@sha256:${'0'.repeat(64)}`)).toBe(true);
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'ingress-config' },
      data: { NOT_A_SETTING: 'x' },
    };
    const others = [
      ...objectsOf('dev').filter((object) => object.metadata.name !== 'ingress-config'),
      configMap,
    ];
    const ingress = objectsOf('dev').find(
      (object) => object.kind === 'Deployment' && object.metadata.name === 'ingress',
    )!;
    expect(configKeyProblems(ingress, others, appSettings(root, 'ingress'))).toContain(
      'ingress: NOT_A_SETTING is not a setting of ingress',
    );
  });
});
