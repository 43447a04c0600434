/**
 * The admin ports in the deployment: the ingress and the reviewer are probed and scraped on
 * theirs, the Services the Ingress routes to carry only the public port, and only the
 * `monitoring` namespace may open the admin port (k8s/ rendered with `kubectl kustomize`,
 * docker/compose.yml, the image's health check).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { healthcheckScript } from './bundle';
import { deploymentEnvironment } from './k8s/config-keys';
import { podSpecOf } from './k8s/invariants';
import { ADMIN_PORT, HTTP_PORT } from './k8s/hub-apps';
import { renderOverlay, type RenderedObject } from './k8s/render';

const root = resolve(__dirname, '../../..');
const ADMIN_APPS = { ingress: 'INGRESS_ADMIN_PORT', 'dlq-reviewer': 'DLQ_REVIEWER_ADMIN_PORT' };

interface Selector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: readonly { key: string; operator: string; values: string[] }[];
}
interface PolicyRule {
  readonly from?: readonly Record<string, unknown>[];
  readonly ports?: readonly { port: number }[];
}

/** Does `selector` select a pod with `labels` (In and NotIn, as the manifests use)? */
function selects(selector: Selector, labels: Record<string, string>): boolean {
  const labelsMatch = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  return (
    labelsMatch &&
    (selector.matchExpressions ?? []).every(({ key, operator, values }) =>
      operator === 'In' ? values.includes(labels[key] ?? '') : !values.includes(labels[key] ?? ''),
    )
  );
}

/** The `from` clauses of every rule that lets a connection reach `port` of the app's pods. */
function sourcesReaching(objects: readonly RenderedObject[], app: string, port: number): unknown[] {
  const labels = {
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/part-of': 'erp-integration-hub',
  };
  return objects
    .filter((object) => object.kind === 'NetworkPolicy')
    .map((object) => object['spec'] as { podSelector: Selector; ingress?: readonly PolicyRule[] })
    .filter((spec) => selects(spec.podSelector, labels))
    .flatMap((spec) => spec.ingress ?? [])
    .filter((rule) => rule.ports === undefined || rule.ports.some((p) => p.port === port))
    .flatMap((rule): unknown[] => (rule.from === undefined ? ['anyone'] : [...rule.from]));
}

describe.each(['dev', 'prod', 'prod-mtls'])('overlay %s', (overlay) => {
  const objects = renderOverlay(join(root, 'k8s/overlays', overlay));
  const find = (kind: string, name: string): RenderedObject | undefined =>
    objects.find((object) => object.kind === kind && object.metadata.name === name);

  it.each(Object.entries(ADMIN_APPS))(
    '%s is probed and scraped on its admin port, set by %s',
    (app, variable) => {
      const deployment = find('Deployment', app);
      const container =
        deployment === undefined ? undefined : podSpecOf(deployment).containers?.[0];
      const probes = container as
        | Record<'startupProbe' | 'livenessProbe' | 'readinessProbe', { httpGet: { port: string } }>
        | undefined;
      const template = (deployment?.['spec'] as { template: { metadata: { annotations: object } } })
        .template;
      expect({
        env:
          deployment === undefined
            ? undefined
            : deploymentEnvironment(deployment, objects).get(variable),
        ports: (container as { ports?: unknown } | undefined)?.ports,
        probes: [probes?.startupProbe, probes?.livenessProbe, probes?.readinessProbe].map(
          (probe) => probe?.httpGet.port,
        ),
        scrape: template.metadata.annotations,
      }).toEqual({
        env: 'configmap',
        ports: [
          { name: 'http', containerPort: HTTP_PORT, protocol: 'TCP' },
          { name: 'admin', containerPort: ADMIN_PORT, protocol: 'TCP' },
        ],
        probes: ['admin', 'admin', 'admin'],
        scrape: {
          'prometheus.io/scrape': 'true',
          'prometheus.io/port': String(ADMIN_PORT),
          'prometheus.io/path': '/metrics',
        },
      });
      const config = find('ConfigMap', `${app}-config`)?.['data'] as Record<string, string>;
      expect(config[variable]).toBe(String(ADMIN_PORT));
    },
  );

  it('routes the Ingress only to Services that carry the public port alone', () => {
    const ingress = find('Ingress', 'hub');
    const backends = JSON.stringify(ingress?.['spec']).match(/"service":\{"name":"[^"]+"/g) ?? [];
    const names = backends.map((backend) => backend.split('"').at(-2) ?? '');
    expect(names.sort()).toEqual(['dlq-reviewer', 'ingress']);
    for (const name of names)
      expect((find('Service', name)?.['spec'] as { ports: unknown }).ports).toEqual([
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
      ]);
  });

  it.each(Object.keys(ADMIN_APPS))(
    'lets only the monitoring namespace open the admin port of %s',
    (app) => {
      expect(sourcesReaching(objects, app, ADMIN_PORT)).toEqual([
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
      ]);
      expect(sourcesReaching(objects, app, HTTP_PORT)).toContainEqual({ podSelector: {} });
    },
  );
});

describe('docker/compose.yml and the image', () => {
  const compose = parse(readFileSync(join(root, 'docker/compose.yml'), 'utf8'), {
    merge: true,
  }) as {
    services: Record<string, { environment?: Record<string, string>; ports?: string[] }>;
  };

  it.each(Object.entries(ADMIN_APPS))(
    '%s gets its admin port %s, published on loopback',
    (app, variable) => {
      const service = compose.services[app];
      const admin = service?.environment?.[variable];
      expect(admin).toBe('9090');
      expect(
        service?.ports?.some(
          (port) => port.startsWith('127.0.0.1:') && port.endsWith(`:${admin ?? ''}`),
        ),
      ).toBe(true);
    },
  );

  it("checks health on the admin port when it is set, else on the app's port", () => {
    expect(healthcheckScript('ingress')).toContain(
      "const port = process.env.INGRESS_ADMIN_PORT || process.env.INGRESS_PORT || '3000';",
    );
    expect(healthcheckScript('retry-scheduler')).toContain(
      "const port = process.env.RETRY_SCHEDULER_PORT || '3300';",
    );
  });
});
