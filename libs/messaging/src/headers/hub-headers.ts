/** One earlier failed attempt, as carried on retries (newest last). */
export interface AttemptRecord {
  readonly attempt: number;
  /** Epoch milliseconds of the failure. */
  readonly at: number;
  readonly error: string;
  readonly errorClass?: string;
  /** Stable error code, e.g. ERP_TIMEOUT. */
  readonly code?: string;
  /** The HTTP status that revealed the failure, when there was one. */
  readonly httpStatus?: number;
}

/** The typed view of the headers every hub message carries. */
export interface HubHeaders {
  readonly correlationId: string;
  readonly sourceSystem: string;
  readonly entityType: string;
  readonly entityKey?: string;
  /** The source's version of the entity, epoch milliseconds (stale-write guard). */
  readonly sourceVersion: number;
  readonly eventId: string;
  /** W3C Trace Context `traceparent`, carried as is. */
  readonly traceparent?: string;
  /** On retries: how many attempts were made so far (1 after the first failure). */
  readonly attempt?: number;
  /** Epoch milliseconds of the first failure. */
  readonly firstFailureAt?: number;
  readonly lastError?: string;
  readonly lastErrorClass?: string;
  /** The system a retried write is for. */
  readonly target?: string;
  readonly history?: readonly AttemptRecord[];
}

/** Kafka header names, one per field; `traceparent` keeps its W3C name. */
export const hubHeaderNames = {
  correlationId: 'hub-correlation-id',
  sourceSystem: 'hub-source-system',
  entityType: 'hub-entity-type',
  entityKey: 'hub-entity-key',
  sourceVersion: 'hub-source-version',
  eventId: 'hub-event-id',
  traceparent: 'traceparent',
  attempt: 'hub-attempt',
  firstFailureAt: 'hub-first-failure-at',
  lastError: 'hub-last-error',
  lastErrorClass: 'hub-last-error-class',
  target: 'hub-target',
  history: 'hub-history',
} as const satisfies Record<keyof HubHeaders, string>;

/** Headers as they travel: name to UTF-8 text (the last value when a name repeats, as Java's lastHeader). */
export type RawHeaders = Readonly<Record<string, string>>;
