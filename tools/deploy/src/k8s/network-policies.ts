/**
 * Who may open a connection to the hub's pods: nothing by default; the namespace's own pods;
 * the Ingress controller to the public apps' HTTP port; Prometheus (namespace `monitoring`)
 * to the port that serves /metrics. An app with an admin port (probes, /metrics, the
 * ingress's /docs) gets it reachable from `monitoring` only: the namespace's pods reach just
 * its HTTP port. The kubelet's probes come from the node, which NetworkPolicies do not govern
 * in the common CNIs (Calico, Cilium).
 */
import type { K8sObject } from './base-objects';
import { ADMIN_PORT, HTTP_PORT, hubApps } from './hub-apps';

const partOf = { 'app.kubernetes.io/part-of': 'erp-integration-hub' };
const NAME = 'app.kubernetes.io/name';
const monitoring = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
};
const ingressController = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
};
const tcp = (port: number) => [{ protocol: 'TCP', port }];

function policy(name: string, podSelector: object, ingress?: readonly object[]): K8sObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, labels: partOf },
    spec: { podSelector, policyTypes: ['Ingress'], ...(ingress === undefined ? {} : { ingress }) },
  };
}

export function networkPolicies(): K8sObject[] {
  const publicApps = hubApps.filter((app) => app.public).map((app) => app.name);
  const adminApps = hubApps.filter((app) => app.adminPortEnv !== undefined).map((app) => app.name);
  const withAdmin = { matchExpressions: [{ key: NAME, operator: 'In', values: adminApps }] };
  const withoutAdmin = { key: NAME, operator: 'NotIn', values: adminApps };
  return [
    policy('default-deny-ingress', {}),
    policy('allow-same-namespace', { matchExpressions: [withoutAdmin] }, [
      { from: [{ podSelector: {} }] },
    ]),
    policy('allow-same-namespace-http-port', withAdmin, [
      { from: [{ podSelector: {} }], ports: tcp(HTTP_PORT) },
    ]),
    policy(
      'allow-ingress-controller',
      { matchExpressions: [{ key: NAME, operator: 'In', values: publicApps }] },
      [{ from: [ingressController], ports: tcp(HTTP_PORT) }],
    ),
    policy('allow-prometheus-scrape', { matchLabels: partOf, matchExpressions: [withoutAdmin] }, [
      { from: [monitoring], ports: tcp(HTTP_PORT) },
    ]),
    policy('allow-monitoring-admin-port', withAdmin, [
      { from: [monitoring], ports: tcp(ADMIN_PORT) },
    ]),
  ];
}
