/** The retry scheduler configuration, declared once (@hub/config renders README's table from it). */
import { formatDuration } from '@hub/primitives';
import {
  boolean,
  defineConfig,
  hubServiceSettings,
  duration,
  integer,
  jsonText,
  port,
  setting,
  text,
  type ConfigOf,
} from '@hub/config';
import { DEFAULT_BREAKER_OPTIONS, DEFAULT_MAX_AGE, DEFAULT_SCHEDULE } from '@hub/resilience';
import { z } from 'zod';
import { targetsSchema } from './targets-setting';

const positiveNumber = (): z.ZodType<number, string> =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'must be a positive decimal number')
    .transform(Number)
    .pipe(z.number().positive('must be greater than 0'));

export const retrySchedulerConfig = defineConfig({
  ...hubServiceSettings('retry-scheduler'),
  port: setting({
    env: 'RETRY_SCHEDULER_PORT',
    schema: port(),
    description: 'HTTP listen port (probes, /metrics, GET /status).',
    default: '3300',
    secret: false,
  }),
  databaseSchema: setting({
    env: 'RETRY_DATABASE_SCHEMA',
    schema: text().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case Postgres identifier'),
    description:
      'Postgres schema for the schedule and breaker tables and the migrations table; created if missing.',
    default: 'retry_scheduler',
    secret: false,
  }),
  targets: setting({
    env: 'RETRY_TARGETS',
    schema: jsonText(
      targetsSchema,
      '{"targets":[{"id":"odoo","schedule"?:"30s,2m","maxAge"?:"12h","drainRate"?:5}]}',
    ),
    description:
      'Targets whose hub.retry.<target>.v1 topics are consumed, as JSON {"targets":[{"id", "schedule"?, "maxAge"?, "drainRate"?}]}; the optional fields override the global settings for that target.',
    default: '{"targets":[{"id":"odoo"},{"id":"business-central"},{"id":"sap"},{"id":"wms"}]}',
    secret: false,
  }),
  schedule: setting({
    env: 'RETRY_SCHEDULE',
    schema: text(),
    description: 'Delays between retries, comma-separated; the last repeats until the max age.',
    default: DEFAULT_SCHEDULE,
    secret: false,
  }),
  maxAge: setting({
    env: 'RETRY_MAX_AGE',
    schema: text(),
    description:
      'Reachable time after the first failure beyond which a write is dead-lettered instead of retried.',
    default: DEFAULT_MAX_AGE,
    secret: false,
  }),
  timeScale: setting({
    env: 'RETRY_TIME_SCALE',
    schema: positiveNumber(),
    description:
      'Multiplies the schedule, max age, breaker window and cool-down and the probe timeout (0.001 makes 30s into 30 ms); for tests and demos.',
    default: '1',
    secret: false,
  }),
  pauseClockWhenOpen: setting({
    env: 'RETRY_PAUSE_CLOCK_WHEN_OPEN',
    schema: boolean(),
    description:
      "While a target's breaker is not closed its retries' clocks stop: due times move by the outage and the max age counts only reachable time.",
    default: 'true',
    secret: false,
  }),
  drainRate: setting({
    env: 'RETRY_DRAIN_RATE',
    schema: positiveNumber(),
    description:
      'Redeliveries per second per target, shared by all replicas (per-target override: drainRate in RETRY_TARGETS).',
    default: '20',
    secret: false,
  }),
  pollInterval: setting({
    env: 'RETRY_POLL_INTERVAL',
    schema: duration().pipe(z.number().min(1)),
    description:
      'How often each target is checked for due retries when nothing was due, while the LISTEN connection for new rows is down (not scaled).',
    default: '100ms',
    secret: false,
  }),
  idleCheckInterval: setting({
    env: 'RETRY_IDLE_CHECK_INTERVAL',
    schema: duration().pipe(z.number().min(1)),
    description:
      'Longest a target waits between checks with nothing due while LISTEN/NOTIFY tells every replica of new rows and breaker changes; a safety net for a notice lost on a silently dead connection (not scaled).',
    default: '1s',
    secret: false,
  }),
  batchSize: setting({
    env: 'RETRY_BATCH_SIZE',
    schema: integer({ min: 1, max: 10_000 }),
    description: 'Most rows claimed in one transaction.',
    default: '100',
    secret: false,
  }),
  breakerWindow: setting({
    env: 'RETRY_BREAKER_WINDOW',
    schema: duration().pipe(z.number().min(1)),
    description: 'Rolling window of outcomes the failure rate is computed over (scaled).',
    default: formatDuration(DEFAULT_BREAKER_OPTIONS.windowMs),
    secret: false,
  }),
  breakerMinimumCalls: setting({
    env: 'RETRY_BREAKER_MIN_CALLS',
    schema: integer({ min: 1 }),
    description: 'Outcomes needed in the window before the breaker may open.',
    default: String(DEFAULT_BREAKER_OPTIONS.minimumCalls),
    secret: false,
  }),
  breakerFailureRate: setting({
    env: 'RETRY_BREAKER_FAILURE_RATE',
    schema: positiveNumber().pipe(z.number().max(1)),
    description: 'Failure share (0–1] over the window that opens the breaker.',
    default: String(DEFAULT_BREAKER_OPTIONS.failureRateThreshold),
    secret: false,
  }),
  breakerCoolDown: setting({
    env: 'RETRY_BREAKER_COOL_DOWN',
    schema: duration().pipe(z.number().min(1)),
    description: 'Time open before a half-open probe is sent (scaled).',
    default: formatDuration(DEFAULT_BREAKER_OPTIONS.coolDownMs),
    secret: false,
  }),
  breakerHalfOpenProbes: setting({
    env: 'RETRY_BREAKER_HALF_OPEN_PROBES',
    schema: integer({ min: 1 }),
    description: 'Successful probes that close the breaker; probes go one at a time.',
    default: String(DEFAULT_BREAKER_OPTIONS.halfOpenProbes),
    secret: false,
  }),
  probeTimeout: setting({
    env: 'RETRY_PROBE_TIMEOUT',
    schema: duration().pipe(z.number().min(1)),
    description:
      'A probe without an outcome after this long no longer blocks the next probe (scaled).',
    default: '60s',
    secret: false,
  }),
  doneRetention: setting({
    env: 'RETRY_DONE_RETENTION',
    schema: duration().pipe(z.number().min(1)),
    description:
      'How long a sent row is kept (without its payload) so a retry message consumed again after a crash is recognised (not scaled).',
    default: '1h',
    secret: false,
  }),
  groupId: setting({
    env: 'RETRY_GROUP_ID',
    schema: text(),
    description:
      'Consumer group prefix shared by all replicas (<id>.retries for the retry topics, <id>.outcomes for outcomes).',
    default: 'retry-scheduler',
    secret: false,
  }),
  topicPartitions: setting({
    env: 'RETRY_TOPIC_PARTITIONS',
    schema: integer({ min: 1 }),
    description: 'Partitions of retry and redelivery topics created at start-up when missing.',
    default: '6',
    secret: false,
  }),
  topicReplication: setting({
    env: 'RETRY_TOPIC_REPLICATION',
    schema: integer({ min: 1 }),
    description: 'Replication factor of topics created at start-up when missing.',
    default: '1',
    secret: false,
  }),
});

export type RetrySchedulerConfig = ConfigOf<typeof retrySchedulerConfig>;
