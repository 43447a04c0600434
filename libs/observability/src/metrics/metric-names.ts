/**
 * Every metric the hub exports, in one place: name, kind, help text and label names.
 * Dashboards, alerts and the KEDA scaler refer to these names; rename only with them.
 * Label values are bounded sets (system, target, route, reason codes); never put ids,
 * SKUs or correlation ids in a label.
 */
export interface MetricDefinition {
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly buckets?: readonly number[];
}

/** Seconds; an ERP call under 50 ms is noise, one over 30 s has already timed out. */
const ERP_CALL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;
/** Seconds; the ingress answers only after Kafka acknowledged, so this is its latency floor. */
const PUBLISH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

/** Seconds; a write retried for an hour (the retry ladder's upper tiers) still lands in a bucket. */
const END_TO_END_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] as const;

/** Seconds; a subscription renewal takes a call, a full reconciliation of 100,000 keys minutes. */
const JOB_BUCKETS = [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900] as const;

export const METRICS = {
  ingressReceived: {
    type: 'counter',
    name: 'hub_ingress_received_total',
    help: 'Webhooks received by the ingress.',
    labelNames: ['system', 'route'],
  },
  ingressRejected: {
    type: 'counter',
    name: 'hub_ingress_rejected_total',
    help: 'Webhooks the ingress refused (bad signature, stale, invalid, reverse-direction).',
    labelNames: ['system', 'reason'],
  },
  ingressAccepted: {
    type: 'counter',
    name: 'hub_ingress_accepted_total',
    help: 'Webhook events the ingress published and Kafka acknowledged (one per notification in a batch).',
    labelNames: ['system', 'route'],
  },
  ingressPublishSeconds: {
    type: 'histogram',
    name: 'hub_ingress_publish_seconds',
    help: 'Time from handing an accepted webhook event to Kafka until its acknowledgement (acks=all).',
    labelNames: ['system', 'route'],
    buckets: PUBLISH_BUCKETS,
  },
  connectorWrites: {
    type: 'counter',
    name: 'hub_connector_writes_total',
    help: 'Connector writes by outcome (succeeded, duplicate, superseded, retry, dead-lettered, rejected).',
    labelNames: ['target', 'entity_type', 'outcome'],
  },
  connectorErpCallSeconds: {
    type: 'histogram',
    name: 'hub_connector_erp_call_seconds',
    help: 'Duration of calls to a target system.',
    labelNames: ['target', 'operation'],
    buckets: ERP_CALL_BUCKETS,
  },
  breakerState: {
    type: 'gauge',
    name: 'hub_breaker_state',
    help: 'Circuit breaker per target: 0 closed, 1 half-open, 2 open.',
    labelNames: ['target'],
  },
  retryPending: {
    type: 'gauge',
    name: 'hub_retry_pending',
    help: 'Failed writes waiting in the retry queue.',
    labelNames: ['target', 'tier'],
  },
  retryOldestPendingSeconds: {
    type: 'gauge',
    name: 'hub_retry_oldest_pending_seconds',
    help: 'Age of the oldest pending retry per target.',
    labelNames: ['target'],
  },
  retryRedelivered: {
    type: 'counter',
    name: 'hub_retry_redelivered_total',
    help: 'Retries handed back to a connector for another attempt.',
    labelNames: ['target'],
  },
  deadLettered: {
    type: 'counter',
    name: 'hub_dead_lettered_total',
    help: 'Items sent to the dead-letter queue.',
    labelNames: ['target', 'reason'],
  },
  reverseDirectionWrites: {
    type: 'counter',
    name: 'hub_reverse_direction_writes_total',
    help: 'Writes refused because the source is not the owner or the target is.',
    labelNames: ['system', 'entity_type'],
  },
  ingressEchoes: {
    type: 'counter',
    name: 'hub_ingress_echoes_total',
    help: "Refused ERP notifications whose last writer is one of the system's hubWriterUsers (INGRESS_SYSTEMS): the echo of the hub's own write, answered 200, not recorded or counted as a reverse-direction write, no change request.",
    labelNames: ['system', 'entity_type'],
  },
  pollingTechnicalDebt: {
    type: 'gauge',
    name: 'hub_polling_technical_debt',
    help: '1 where a connector polls instead of receiving webhooks (technical debt), else 0.',
    labelNames: ['system'],
  },
  dlqOpenItems: {
    type: 'gauge',
    name: 'hub_dlq_open_items',
    help: 'Dead letters not yet resolved or discarded.',
    labelNames: ['target'],
  },
  dlqActions: {
    type: 'counter',
    name: 'hub_dlq_actions_total',
    help: 'Operator actions on dead letters (retry, bulk-retry, resolve, discard).',
    labelNames: ['action'],
  },
  targetControlActions: {
    type: 'counter',
    name: 'hub_target_control_actions_total',
    help: "Operators' target controls through the reviewer (pause, resume, breaker, pull-forward, replay), by outcome: applied; refused (the controls not read from Kafka yet, nothing to replay, too many items); failed (the control record or the transaction failed).",
    labelNames: ['target', 'action', 'outcome'],
  },
  dlqOldestOpenSeconds: {
    type: 'gauge',
    name: 'hub_dlq_oldest_open_seconds',
    help: 'Age of the oldest dead letter not yet resolved or discarded, per target.',
    labelNames: ['target'],
  },
  dlqOpenItemsByAge: {
    type: 'gauge',
    name: 'hub_dlq_open_items_by_age',
    help: 'Dead letters not yet resolved or discarded, per target and age band (lt_1h, 1h_24h, gt_24h).',
    labelNames: ['target', 'age'],
  },
  dlqOutboxPending: {
    type: 'gauge',
    name: 'hub_dlq_outbox_pending',
    help: 'Operator retries committed but not yet published to Kafka (redelivery outbox rows).',
    labelNames: [],
  },
  dlqOutboxOldestSeconds: {
    type: 'gauge',
    name: 'hub_dlq_outbox_oldest_seconds',
    help: 'Age of the oldest operator retry waiting in the redelivery outbox (0 when none waits).',
    labelNames: [],
  },
  consumerLag: {
    type: 'gauge',
    name: 'hub_consumer_lag',
    help: "Messages behind the partition's end, as the member holding the partition saw it at its last fetch and handled message (sum over partitions for a group's lag).",
    labelNames: ['group', 'topic', 'partition'],
  },
  endToEndSeconds: {
    type: 'histogram',
    name: 'hub_end_to_end_seconds',
    help: "Time until a target applied a write, from the owner's change (from=source-change: the event's source timestamp, so the owner's clock and its webhook delay count) or from the hub's acceptance (from=hub-accepted: the event's publishedAt).",
    labelNames: ['target', 'entity_type', 'from'],
    buckets: END_TO_END_BUCKETS,
  },
  bcSubscriptionActions: {
    type: 'counter',
    name: 'hub_bc_subscription_actions_total',
    help: 'Business Central webhook subscriptions created, renewed, re-created (BC had deleted them), moved to the current clientState (rotated) or failed.',
    labelNames: ['system', 'action'],
  },
  bcSubscriptionExpiresInSeconds: {
    type: 'gauge',
    name: 'hub_bc_subscription_expires_in_seconds',
    help: 'Seconds until a Business Central webhook subscription expires (0: none).',
    labelNames: ['system', 'resource'],
  },
  jobRuns: {
    type: 'counter',
    name: 'hub_job_runs_total',
    help: 'Runs of a periodic job (sweep, subscription renewal, reconciliation) on this replica, by outcome (ran, failed).',
    labelNames: ['job', 'outcome'],
  },
  jobDurationSeconds: {
    type: 'histogram',
    name: 'hub_job_duration_seconds',
    help: 'Duration of one run of a periodic job.',
    labelNames: ['job'],
    buckets: JOB_BUCKETS,
  },
  jobLeader: {
    type: 'gauge',
    name: 'hub_job_leader',
    help: '1 while this replica leads the periodic job (only the leader runs it), else 0.',
    labelNames: ['job'],
  },
  reconcileKeys: {
    type: 'counter',
    name: 'hub_recon_keys_total',
    help: 'Keys a reconciliation run judged, per pair and level, by verdict (drifted, missing-at-receiver, unknown-to-owner and undelivered are drift found; explained; in-flight; in-sync).',
    labelNames: ['entity_type', 'receiver', 'level', 'verdict'],
  },
  reconcileRepairs: {
    type: 'counter',
    name: 'hub_recon_repairs_total',
    help: "Repair writes of drifted keys (the owner's state written again through the write path), per pair, by write outcome.",
    labelNames: ['entity_type', 'receiver', 'outcome'],
  },
  reconcileRunSeconds: {
    type: 'histogram',
    name: 'hub_recon_run_seconds',
    help: 'Duration of one reconciliation run of a pair, by level (L0, L2, L3).',
    labelNames: ['entity_type', 'receiver', 'level'],
    buckets: JOB_BUCKETS,
  },
  reconcileErpCalls: {
    type: 'histogram',
    name: 'hub_recon_erp_calls',
    help: 'Target calls one reconciliation run of a pair made, by level (L0 makes none).',
    labelNames: ['entity_type', 'receiver', 'level'],
    buckets: [0, 1, 5, 10, 50, 100, 250, 500, 1000],
  },
  changeRequests: {
    type: 'counter',
    name: 'hub_change_requests_total',
    help: "Change requests connector-http handled for their owner, per retry target (<system>-change-requests), by outcome: delivered; no-change (not sent: it proposed the owner's current value); duplicate (delivered, no-change or failed for good before, not sent again); retry (sent to the retry topic); dead-lettered; not-ours (another owner's request, left to its connector).",
    labelNames: ['target', 'outcome'],
  },
  httpEndpointDisabled: {
    type: 'gauge',
    name: 'hub_http_endpoint_disabled',
    help: '1 while connector-http holds an endpoint disabled (it answered 410 Gone) until an operator re-enables it, else 0.',
    labelNames: ['system', 'endpoint'],
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRICS;
