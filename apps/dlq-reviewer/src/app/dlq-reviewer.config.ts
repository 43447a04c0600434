/** The DLQ reviewer configuration, declared once (@hub/config renders README's table from it). */
import {
  defineConfig,
  hubServiceSettings,
  duration,
  integer,
  port,
  setting,
  text,
  url,
  type ConfigOf,
} from '@hub/config';
import { topics } from '@hub/contracts';
import { z } from 'zod';
import { jwtSettings } from '../auth/jwt-settings';
import { driftConnectorsSetting } from '../drift/drift-settings';
import { apiTokensSchema, webhooksSchema } from './access-settings';

const postgresIdentifier = text().regex(
  /^[a-z_][a-z0-9_]{0,62}$/,
  'must be a lower-case Postgres identifier',
);

export const dlqReviewerConfig = defineConfig({
  ...hubServiceSettings('dlq-reviewer'),
  port: setting({
    env: 'DLQ_REVIEWER_PORT',
    schema: port(),
    description:
      'HTTP listen port: API, console, docs, and the probes and /metrics unless DLQ_REVIEWER_ADMIN_PORT is set.',
    default: '3100',
    secret: false,
  }),
  adminPort: setting({
    env: 'DLQ_REVIEWER_ADMIN_PORT',
    schema: port().optional(),
    description:
      'Admin listen port, for the kubelet and monitoring only: /healthz, /readyz and /metrics are served there and answer 404 on DLQ_REVIEWER_PORT. Unset: they stay on DLQ_REVIEWER_PORT. Must differ from it.',
    secret: false,
  }),
  databaseSchema: setting({
    env: 'DLQ_DATABASE_SCHEMA',
    schema: postgresIdentifier,
    description:
      'Postgres schema for the reviewer tables (dead_letter_items, audit_log) and its migrations table; created if missing.',
    default: 'dlq_reviewer',
    secret: false,
  }),
  idempotencySchema: setting({
    env: 'DLQ_IDEMPOTENCY_SCHEMA',
    schema: postgresIdentifier,
    description:
      "Postgres schema of the connectors' idempotency store, read for the applied version of an entity.",
    default: 'hub_idempotency',
    secret: false,
  }),
  deadLetterTopic: setting({
    env: 'DLQ_DEAD_LETTER_TOPIC',
    schema: text(),
    description: 'Topic of dead letters to ingest.',
    default: topics.deadLetter,
    secret: false,
  }),
  outcomeTopic: setting({
    env: 'DLQ_OUTCOME_TOPIC',
    schema: text(),
    description: 'Topic of delivery outcomes, followed for items being retried.',
    default: topics.deliveryOutcome,
    secret: false,
  }),
  changeRequestTopic: setting({
    env: 'DLQ_CHANGE_REQUEST_TOPIC',
    schema: text(),
    description:
      'Topic of change requests to owners, shown with their delivery state (from the outcome topic) on /change-requests.',
    default: topics.changeRequest,
    secret: false,
  }),
  consumerGroup: setting({
    env: 'DLQ_CONSUMER_GROUP',
    schema: text(),
    description:
      'Consumer group prefix; the outcome consumer adds "-outcomes", the change-request one "-change-requests".',
    default: 'dlq-reviewer',
    secret: false,
  }),
  topicPartitions: setting({
    env: 'DLQ_TOPIC_PARTITIONS',
    schema: integer({ min: 1, max: 1_000 }),
    description:
      'Partitions of the topics the reviewer creates when missing (dead-letter, outcome at start-up; the retry topic of a target before the first retry to it).',
    default: '6',
    secret: false,
  }),
  topicReplication: setting({
    env: 'DLQ_TOPIC_REPLICATION',
    schema: integer({ min: 1, max: 10 }),
    description: 'Replication factor of the topics the reviewer creates.',
    default: '1',
    secret: false,
  }),
  jwt: jwtSettings,
  sessionTtlMs: setting({
    env: 'DLQ_SESSION_TTL',
    schema: duration(),
    description:
      'How long a console sign-in lasts (server-side session; sign-out ends it at once).',
    default: '8h',
    secret: false,
  }),
  apiTokens: setting({
    env: 'DLQ_API_TOKENS',
    schema: apiTokensSchema,
    description:
      'Static API tokens for automation as JSON: [{"name": "…", "token": "… (24+ chars)", "role": "viewer|operator"}].',
    default: '[]',
    secret: true,
  }),
  webhooks: setting({
    env: 'DLQ_NOTIFY_WEBHOOKS',
    schema: webhooksSchema,
    description:
      'Where new dead letters are announced, as JSON: [{"url": "https://…", "format": "slack|json"}]; secret because Slack URLs carry a token.',
    default: '[]',
    secret: true,
  }),
  notifyWindowMs: setting({
    env: 'DLQ_NOTIFY_WINDOW',
    schema: duration(),
    description: 'At most one notification per target per window (e.g. 5m); new items are batched.',
    default: '5m',
    secret: false,
  }),
  notifyAttempts: setting({
    env: 'DLQ_NOTIFY_ATTEMPTS',
    schema: integer({ min: 1, max: 20 }),
    description: 'Tries per notification before it is dropped (logged).',
    default: '5',
    secret: false,
  }),
  notifyRetryDelayMs: setting({
    env: 'DLQ_NOTIFY_RETRY_DELAY',
    schema: duration(),
    description: 'First delay between notification tries; doubles each time.',
    default: '2s',
    secret: false,
  }),
  consoleUrl: setting({
    env: 'DLQ_CONSOLE_URL',
    schema: url(),
    description: 'Public URL of the console, linked from notifications.',
    default: 'http://127.0.0.1:3100/',
    secret: false,
  }),
  metricsIntervalMs: setting({
    env: 'DLQ_METRICS_INTERVAL',
    schema: duration(),
    description: 'How often the open-item gauges are recomputed from Postgres.',
    default: '15s',
    secret: false,
  }),
  bulkRetryLimit: setting({
    env: 'DLQ_BULK_RETRY_LIMIT',
    schema: integer({ min: 1, max: 10_000 }),
    description:
      'Most items one bulk action changes (retry, resolve or discard by filter); a larger match is refused with 422.',
    default: '500',
    secret: false,
  }),
  outboxIntervalMs: setting({
    env: 'DLQ_OUTBOX_INTERVAL',
    schema: duration().pipe(z.number().min(50)),
    description:
      'How often the redelivery relay looks for committed retries another replica queued, or that waited out a Kafka outage (this replica publishes its own at once).',
    default: '1s',
    secret: false,
  }),
  schedulerStatusUrl: setting({
    env: 'DLQ_SCHEDULER_STATUS_URL',
    schema: url().optional(),
    description:
      "The retry scheduler's GET /status URL (e.g. http://retry-scheduler:8080/status); the /targets overview then shows each target's breaker state and pending retries. Unset: the overview shows the reviewer's own numbers only. Asked with a 2 s timeout; unreachable is shown, never an error.",
    secret: false,
  }),
  reconcileConnectors: driftConnectorsSetting,
});

export type DlqReviewerConfig = ConfigOf<typeof dlqReviewerConfig>;
