/**
 * What operators watch: Prometheus alert rules (a prometheus-operator PrometheusRule) and a
 * Grafana dashboard (JSON, shipped as a ConfigMap Grafana's sidecar picks up by label). Every
 * expression uses metric names from @hub/observability's METRICS (checked in k8s.spec.ts).
 */
import type { K8sObject } from './base-objects';

interface Alert {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: 'page' | 'ticket';
  readonly summary: string;
}

export const alerts: readonly Alert[] = [
  {
    alert: 'HubBreakerOpen',
    expr: 'max by (target) (hub_breaker_state) == 2',
    for: '10m',
    severity: 'page',
    summary: 'Writes to {{ $labels.target }} are held: its breaker has been open for 10 minutes.',
  },
  {
    alert: 'HubRetriesNotDraining',
    expr: 'max by (target) (hub_retry_oldest_pending_seconds) > 3600',
    for: '15m',
    severity: 'page',
    summary: 'The oldest retry for {{ $labels.target }} is over an hour old.',
  },
  {
    alert: 'HubDeadLettersOpened',
    expr: 'sum by (target, reason) (increase(hub_dead_lettered_total[15m])) > 0',
    for: '0m',
    severity: 'ticket',
    summary:
      'Dead letters opened for {{ $labels.target }} ({{ $labels.reason }}): review them in the DLQ reviewer.',
  },
  {
    alert: 'HubDeadLettersUnattended',
    expr: 'max by (target) (hub_dlq_oldest_open_seconds) > 86400',
    for: '1h',
    severity: 'ticket',
    summary: 'A dead letter for {{ $labels.target }} has been open for over a day.',
  },
  {
    alert: 'HubConsumerLagHigh',
    expr: 'sum by (group, topic) (hub_consumer_lag) > 10000',
    for: '15m',
    severity: 'page',
    summary:
      'Group {{ $labels.group }} is more than 10 000 messages behind on {{ $labels.topic }}.',
  },
  {
    alert: 'HubReverseDirectionWrites',
    expr: 'sum by (system, entity_type) (rate(hub_reverse_direction_writes_total[5m])) > 0',
    for: '15m',
    severity: 'ticket',
    summary:
      '{{ $labels.system }} keeps writing {{ $labels.entity_type }} it does not own (a sync loop held off).',
  },
  {
    alert: 'HubIngressRejections',
    expr: 'sum by (system, reason) (rate(hub_ingress_rejected_total[5m])) > 1',
    for: '10m',
    severity: 'ticket',
    summary: 'The ingress rejects webhooks from {{ $labels.system }}: {{ $labels.reason }}.',
  },
  {
    alert: 'HubIngressSlow',
    expr: 'histogram_quantile(0.99, sum by (le) (rate(hub_ingress_publish_seconds_bucket[5m]))) > 1',
    for: '10m',
    severity: 'page',
    summary: 'p99 from webhook to Kafka acknowledgement is over 1 s.',
  },
  {
    alert: 'HubEndpointDisabled',
    expr: 'max by (system, endpoint) (hub_http_endpoint_disabled) == 1',
    for: '5m',
    severity: 'ticket',
    summary: 'Endpoint {{ $labels.endpoint }} answered 410 Gone and is disabled.',
  },
];

export function prometheusRule(): K8sObject {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'erp-hub',
      labels: { 'app.kubernetes.io/part-of': 'erp-integration-hub', release: 'prometheus' },
    },
    spec: {
      groups: [
        {
          name: 'erp-hub',
          rules: alerts.map((alert) => ({
            alert: alert.alert,
            expr: alert.expr,
            for: alert.for,
            labels: { severity: alert.severity },
            annotations: {
              summary: alert.summary,
              runbook_url:
                'https://github.com/erp-integration-hub/erp-integration-hub/blob/main/docs/deploy.md#what-to-watch',
            },
          })),
        },
      ],
    },
  };
}

const panels: readonly {
  readonly title: string;
  readonly expr: string;
  readonly legend: string;
}[] = [
  {
    title: 'Breaker state (0 closed, 1 half-open, 2 open)',
    expr: 'max by (target) (hub_breaker_state)',
    legend: '{{target}}',
  },
  { title: 'Pending retries', expr: 'sum by (target) (hub_retry_pending)', legend: '{{target}}' },
  {
    title: 'Dead letters opened (per 15 min)',
    expr: 'sum by (target, reason) (increase(hub_dead_lettered_total[15m]))',
    legend: '{{target}} {{reason}}',
  },
  {
    title: 'Open dead letters',
    expr: 'sum by (target) (hub_dlq_open_items)',
    legend: '{{target}}',
  },
  {
    title: 'Consumer lag',
    expr: 'sum by (group, topic) (hub_consumer_lag)',
    legend: '{{group}} {{topic}}',
  },
  {
    title: 'Reverse-direction writes /s',
    expr: 'sum by (system, entity_type) (rate(hub_reverse_direction_writes_total[5m]))',
    legend: '{{system}} {{entity_type}}',
  },
  {
    title: 'Ingress rejections /s',
    expr: 'sum by (reason) (rate(hub_ingress_rejected_total[5m]))',
    legend: '{{reason}}',
  },
  {
    title: 'Webhook → Kafka ack p99 (s)',
    expr: 'histogram_quantile(0.99, sum by (le) (rate(hub_ingress_publish_seconds_bucket[5m])))',
    legend: 'p99',
  },
  {
    title: 'ERP call p99 (s)',
    expr: 'histogram_quantile(0.99, sum by (le, target) (rate(hub_connector_erp_call_seconds_bucket[5m])))',
    legend: '{{target}}',
  },
  {
    title: 'Connector writes /s by outcome',
    expr: 'sum by (outcome) (rate(hub_connector_writes_total[5m]))',
    legend: '{{outcome}}',
  },
];

export function grafanaDashboard(): Record<string, unknown> {
  return {
    title: 'ERP integration hub',
    uid: 'erp-hub',
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }] },
    panels: panels.map((panel, index) => ({
      id: index + 1,
      type: 'timeseries',
      title: panel.title,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { x: (index % 2) * 12, y: Math.floor(index / 2) * 8, w: 12, h: 8 },
      targets: [{ refId: 'A', expr: panel.expr, legendFormat: panel.legend }],
    })),
  };
}

/** Every hub_* metric an expression names (histogram series map back to their metric). */
export function metricNamesIn(expr: string): string[] {
  return [...expr.matchAll(/\bhub_[a-z_]+/g)].map((match) =>
    match[0].replace(/_(bucket|sum|count)$/, ''),
  );
}

export const monitoringExpressions = (): string[] => [
  ...alerts.map((alert) => alert.expr),
  ...panels.map((panel) => panel.expr),
];
