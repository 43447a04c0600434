/** The settings every connector shares, as one @hub/config group (apps set their own system id default). */
import { formatDuration } from '@hub/primitives';
import { DEFAULT_BREAKER_OPTIONS } from '@hub/resilience';
import {
  duration,
  group,
  integer,
  list,
  oneOf,
  setting,
  text,
  type ConfigValue,
} from '@hub/config';
import { z } from 'zod';

const SYSTEM_ID = /^[a-z0-9-]{1,200}$/;
const PG_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A positive decimal such as `20` or `0.5` (requests per second may be fractional). */
function positiveNumber(): z.ZodType<number, string> {
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'must be a positive number such as 20 or 0.5')
    .transform(Number)
    .pipe(z.number().positive('must be greater than 0'));
}

/** A fraction in (0, 1], e.g. 0.5 for 50 %. */
function fraction(): z.ZodType<number, string> {
  return positiveNumber().pipe(z.number().max(1, 'must be at most 1'));
}

export const SWEEP_MODES = ['catch-up', 'primary', 'off'] as const;
export type SweepMode = (typeof SWEEP_MODES)[number];

const shape = {
  systemId: setting({
    env: 'CONNECTOR_SYSTEM_ID',
    schema: text().regex(SYSTEM_ID, 'must be a system id of [a-z0-9-], at most 200 characters'),
    description:
      'The system this connector writes to and reads from, as named in the ownership policy.',
    secret: false,
  }),
  rateLimitRps: setting({
    env: 'CONNECTOR_RATE_LIMIT_RPS',
    schema: positiveNumber(),
    description:
      'Calls per second to the target, shared by the main, redelivery and read flows (fractions allowed).',
    default: '20',
    secret: false,
  }),
  rateLimitBurst: setting({
    env: 'CONNECTOR_RATE_LIMIT_BURST',
    schema: integer({ min: 1 }),
    description: 'Calls the rate limiter lets through at once after a quiet period.',
    default: '20',
    secret: false,
  }),
  concurrency: setting({
    env: 'CONNECTOR_CONCURRENCY',
    schema: integer({ min: 1, max: 256 }),
    description: 'Partitions handled at once per flow (order within a partition is always kept).',
    default: '4',
    secret: false,
  }),
  keyConcurrency: setting({
    env: 'CONNECTOR_KEY_CONCURRENCY',
    schema: integer({ min: 1, max: 256 }),
    description:
      'Entities (message keys) of one partition written at once per flow; the events of one entity still go one after the other, in order. 1: a partition strictly in offset order.',
    default: '8',
    secret: false,
  }),
  breakerWindow: setting({
    env: 'CONNECTOR_BREAKER_WINDOW',
    schema: duration(),
    description: 'Rolling window over which the local breaker counts calls to the target.',
    default: formatDuration(DEFAULT_BREAKER_OPTIONS.windowMs),
    secret: false,
  }),
  breakerMinimumCalls: setting({
    env: 'CONNECTOR_BREAKER_MINIMUM_CALLS',
    schema: integer({ min: 1 }),
    description: 'Calls in the window before the breaker may open.',
    default: String(DEFAULT_BREAKER_OPTIONS.minimumCalls),
    secret: false,
  }),
  breakerFailureRate: setting({
    env: 'CONNECTOR_BREAKER_FAILURE_RATE',
    schema: fraction(),
    description:
      'Share of transient failures in the window that opens the breaker (1 = only when every call failed).',
    default: String(DEFAULT_BREAKER_OPTIONS.failureRateThreshold),
    secret: false,
  }),
  breakerCoolDown: setting({
    env: 'CONNECTOR_BREAKER_COOL_DOWN',
    schema: duration(),
    description: 'How long the breaker stays open before one probe call is let through.',
    default: formatDuration(DEFAULT_BREAKER_OPTIONS.coolDownMs),
    secret: false,
  }),
  leaseDuration: setting({
    env: 'CONNECTOR_LEASE',
    schema: duration(),
    description:
      'Idempotency lease per write; after a crash another replica takes the write over once it expires. Longer than the slowest target call.',
    default: '2m',
    secret: false,
  }),
  inDoubtHold: setting({
    env: 'CONNECTOR_IN_DOUBT_HOLD',
    schema: duration(),
    description:
      "How long a write whose outcome is unknown (answer lost, holder crashed) holds back older writes of its record; past it the hub has given up on that write. At least the retry scheduler's RETRY_MAX_AGE.",
    default: '24h',
    secret: false,
  }),
  sweepMode: setting({
    env: 'CONNECTOR_SWEEP_MODE',
    schema: oneOf(SWEEP_MODES),
    description:
      'catch-up: webhooks plus a sweep for what they missed; primary: no webhooks, the sweep is the only source (technical debt: logged and exported as hub_polling_technical_debt); off: no sweep timer.',
    default: 'catch-up',
    secret: false,
  }),
  sweepInterval: setting({
    env: 'CONNECTOR_SWEEP_INTERVAL',
    schema: duration(),
    description: 'Time between two sweeps (shorten it in primary mode).',
    default: '10m',
    secret: false,
  }),
  sweepMaxPages: setting({
    env: 'CONNECTOR_SWEEP_MAX_PAGES',
    schema: integer({ min: 1 }),
    description:
      'Pages one sweep reads at most; the next sweep carries on from the stored watermark.',
    default: '1000',
    secret: false,
  }),
  notFoundRetry: setting({
    env: 'CONNECTOR_NOT_FOUND_RETRY',
    schema: list(duration()),
    description:
      'Delays before fetching again a record the source notified but does not show yet (Odoo 17 notifies before commit); after the last one the sweep picks it up.',
    default: '500ms,1s,2s,4s',
    secret: false,
  }),
  reconcile: setting({
    env: 'CONNECTOR_RECONCILE',
    schema: oneOf(['off', 'report', 'repair'] as const),
    description:
      "report: keep the owner ledger of what this connector receives, look for delivery gaps every CONNECTOR_RECONCILE_GAP_INTERVAL and compare with the target every CONNECTOR_RECONCILE_INTERVAL (drift recorded, nothing written; needs a connector that implements the reconciliation read); repair: the same, then write the owner's state of each drifted key again through the write path (never when the drift cap halted the pass); off: none of it.",
    default: 'off',
    secret: false,
  }),
  reconcileInterval: setting({
    env: 'CONNECTOR_RECONCILE_INTERVAL',
    schema: duration(),
    description: 'Time between two full comparisons (L3) of the target with the owner ledger.',
    default: '24h',
    secret: false,
  }),
  reconcileGapInterval: setting({
    env: 'CONNECTOR_RECONCILE_GAP_INTERVAL',
    schema: duration(),
    description:
      'Time between two delivery-gap checks (L0: owner states this connector never tried to write, from its own tables, no target call); owner states younger than this are left to the next check.',
    default: '15m',
    secret: false,
  }),
  reconcileDeltaInterval: setting({
    env: 'CONNECTOR_RECONCILE_DELTA_INTERVAL',
    schema: duration(),
    description:
      'Time between two receiver deltas (L2: the keys the target changed since the last delta, e.g. a hand edit, compared with the owner ledger); only for connectors whose target can say what changed.',
    default: '15m',
    secret: false,
  }),
  reconcileBudget: setting({
    env: 'CONNECTOR_RECONCILE_BUDGET',
    schema: fraction(),
    description:
      "Share of the target's request budget (CONNECTOR_RATE_LIMIT_RPS and _BURST) reconciliation may use at most; its calls also queue at the shared rate limit with live traffic, which keeps the rest.",
    default: '0.1',
    secret: false,
  }),
  reconcileAdminToken: setting({
    env: 'CONNECTOR_RECONCILE_ADMIN_TOKEN',
    schema: text().min(24, 'must be at least 24 characters').optional(),
    description:
      'Bearer token of the reconciliation admin routes (/reconciliation: drift summary, items, re-check, repair, ignore, approve, run now), which the DLQ reviewer calls for its operators; unset: the routes refuse every request.',
    secret: true,
  }),
  reconcilePageSize: setting({
    env: 'CONNECTOR_RECONCILE_PAGE_SIZE',
    schema: integer({ min: 1, max: 5000 }),
    description:
      'Keys compared per page: one batched read of the target per page (100,000 keys at 500 a page: 200 reads).',
    default: '500',
    secret: false,
  }),
  databaseSchema: setting({
    env: 'CONNECTOR_DATABASE_SCHEMA',
    schema: text().regex(PG_IDENTIFIER, 'must be a lower-case Postgres identifier'),
    description:
      'Existing Postgres schema for the connector tables (sweep watermark) and its migrations table.',
    default: 'public',
    secret: false,
  }),
  idempotencySchema: setting({
    env: 'CONNECTOR_IDEMPOTENCY_SCHEMA',
    schema: text().regex(PG_IDENTIFIER, 'must be a lower-case Postgres identifier').optional(),
    description:
      'Existing Postgres schema of the idempotency store (write records, applied versions); unset means CONNECTOR_DATABASE_SCHEMA.',
    secret: false,
  }),
};

export type ConnectorRuntimeSettings = ConfigValue<typeof shape>;

export const connectorRuntimeSettings = group(shape);
