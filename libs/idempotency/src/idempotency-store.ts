import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from '@hub/primitives';
import type { JsonValue } from './json-value';
import { GroupCommit, type Batching, type Settled } from './group-commit';
import { beginPlacement, beginWrite, beginWrites, type BeginSettled } from './store/begin-write';
import { assertBeginRequest } from './validate-request';
import { completePlacement, completeWrites, type Completion } from './store/complete-writes';
import { failWrite, recordWriteStep, releaseWrite, reopenFailedWrite } from './store/finish-write';
import { purgeFinished } from './store/purge';
import {
  readAppliedVersion,
  readAppliedVersions,
  readRecord,
  readWriteStates,
} from './store/read-state';
import { withRunner } from './store/sql';
import { tablesOf, type Tables } from './store/tables';
import { assertDuration } from './validate-request';
import type {
  AppliedVersion,
  BeginAnswer,
  BeginRequest,
  CompleteOutcome,
  WriteRecord,
} from './write-types';

/** Finished write records are kept this long by default: 30 days. */
export const DEFAULT_PURGE_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export interface IdempotencyStoreOptions {
  /** Source of lease expiry and timestamps; defaults to the system clock. */
  readonly clock?: Clock;
  /**
   * How long a state write whose outcome is in doubt holds back older writes of its record
   * (default DEFAULT_IN_DOUBT_HOLD_MS). Past it the hub has given up on that write (its
   * retries are exhausted and it is dead-lettered), so older facts may go through. Keep it
   * at least the retry scheduler's retry budget.
   */
  readonly inDoubtHoldMs?: number;
  /**
   * Gather begin() calls made close together into one transaction (see BeginBatcher): a
   * consumer writing many entities at once pays a few round trips per batch instead of six
   * per event. Off by default; the answers are the same either way.
   */
  readonly batchBegins?: Batching;
  /** The same for complete(): the writes finished close together are recorded in one statement. */
  readonly batchCompletes?: Batching;
}

/** 24 hours: the retry scheduler's default retry budget. */
export const DEFAULT_IN_DOUBT_HOLD_MS = 24 * 60 * 60 * 1000;

/**
 * The correlation and idempotency store: one write record per (target, correlation id)
 * and the stale-write guard per (target, entity type, entity key). See README.md.
 */
export class IdempotencyStore {
  private readonly tables: Tables;
  private readonly clock: Clock;
  private readonly inDoubtHoldMs: number;
  private readonly begins: GroupCommit<BeginRequest, BeginAnswer> | undefined;
  private readonly completes: GroupCommit<Completion, CompleteOutcome> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    options: IdempotencyStoreOptions = {},
  ) {
    if (dataSource.options.type !== 'postgres') {
      throw new Error(
        `IdempotencyStore needs a postgres DataSource, got ${dataSource.options.type}`,
      );
    }
    this.tables = tablesOf(dataSource);
    this.clock = options.clock ?? systemClock;
    this.inDoubtHoldMs = options.inDoubtHoldMs ?? DEFAULT_IN_DOUBT_HOLD_MS;
    this.begins =
      options.batchBegins === undefined
        ? undefined
        : new GroupCommit(
            (requests) => this.beginMany(requests),
            beginPlacement,
            options.batchBegins,
          );
    this.completes =
      options.batchCompletes === undefined
        ? undefined
        : new GroupCommit(
            (completions) => this.completeMany(completions),
            completePlacement,
            options.batchCompletes,
          );
  }

  /** May this worker write this event now? Exactly one concurrent caller gets `proceed`. */
  begin(request: BeginRequest): Promise<BeginAnswer> {
    if (this.begins !== undefined) return this.begins.call(request, assertBeginRequest);
    return beginWrite(this.dataSource, this.tables, request, this.clock.now(), this.inDoubtHoldMs);
  }

  /**
   * Many begin() calls in one transaction and a handful of statements (one target; distinct
   * records and correlation ids). Each request gets exactly the answer begin() would give,
   * or its own error; an infrastructure failure rejects them all, and nothing is taken.
   */
  beginMany(requests: readonly BeginRequest[]): Promise<BeginSettled[]> {
    return beginWrites(
      this.dataSource,
      this.tables,
      requests,
      this.clock.now(),
      this.inDoubtHoldMs,
    );
  }

  /** Records success and advances the stale-write guard atomically. */
  async complete(
    target: string,
    correlationId: string,
    leaseOwner: string,
    result: JsonValue,
  ): Promise<CompleteOutcome> {
    const completion = { target, correlationId, leaseOwner, result };
    if (this.completes !== undefined) return this.completes.call(completion);
    const [settled] = await this.completeMany([completion]);
    if (settled === undefined) throw new Error('complete() settled nothing');
    if (!settled.ok) throw settled.error;
    return settled.answer;
  }

  /**
   * Many complete() calls of one target in one statement; each gets the outcome complete()
   * would give, or its own IDEMPOTENCY_LEASE_NOT_HELD.
   */
  completeMany(completions: readonly Completion[]): Promise<Settled<CompleteOutcome>[]> {
    return completeWrites(this.dataSource, this.tables, completions, this.clock.now());
  }

  /** Records a permanent failure; later begin() calls answer `failed-permanently`. */
  fail(target: string, correlationId: string, leaseOwner: string, error: JsonValue): Promise<void> {
    return failWrite(
      this.dataSource,
      this.tables,
      { target, correlationId, leaseOwner },
      error,
      this.clock.now(),
    );
  }

  /**
   * Reopens a write recorded as failed permanently, for an operator's retry: the next
   * begin() proceeds (the stale-write guard still applies). False when there was none.
   */
  reopen(target: string, correlationId: string): Promise<boolean> {
    return reopenFailedWrite(this.dataSource, this.tables, target, correlationId, this.clock.now());
  }

  /** Drops the lease after a transient failure so a retry can begin again; keeps steps. */
  release(
    target: string,
    correlationId: string,
    leaseOwner: string,
    lastError?: JsonValue,
  ): Promise<void> {
    return releaseWrite(
      this.dataSource,
      this.tables,
      { target, correlationId, leaseOwner },
      lastError,
      this.clock.now(),
    );
  }

  /** Persists one completed step of a multi-step write; a retry's begin() returns it. */
  recordStep(
    target: string,
    correlationId: string,
    leaseOwner: string,
    stepName: string,
    stepResult: JsonValue,
  ): Promise<void> {
    const write = { target, correlationId, leaseOwner };
    return recordWriteStep(
      this.dataSource,
      this.tables,
      write,
      { name: stepName, result: stepResult },
      this.clock.now(),
    );
  }

  /** The newest source version applied for this target and entity, or null if none. */
  appliedVersion(
    target: string,
    entityType: string,
    entityKey: string,
  ): Promise<AppliedVersion | null> {
    return withRunner(this.dataSource, (runner) =>
      readAppliedVersion(runner, this.tables, { target, entityType, entityKey }),
    );
  }

  /** The guard rows of many entities of one type (keys never applied are absent). */
  appliedVersions(
    target: string,
    entityType: string,
    entityKeys: readonly string[],
  ): Promise<Map<string, AppliedVersion>> {
    return withRunner(this.dataSource, (runner) =>
      readAppliedVersions(runner, this.tables, { target, entityType, entityKeys }),
    );
  }

  /** The state of many write records of one target (absent: never begun, or purged). */
  writeStates(
    target: string,
    correlationIds: readonly string[],
  ): Promise<Map<string, WriteRecord['state']>> {
    return withRunner(this.dataSource, (runner) =>
      readWriteStates(runner, this.tables, target, correlationIds),
    );
  }

  /** The write record as stored, for operators; null when never begun or purged. */
  record(target: string, correlationId: string): Promise<WriteRecord | null> {
    return withRunner(this.dataSource, (runner) =>
      readRecord(runner, this.tables, target, correlationId),
    );
  }

  /** Deletes finished records older than `ageMs` at `now`; returns how many. */
  async purgeOlderThan(
    ageMs: number = DEFAULT_PURGE_AGE_MS,
    now: number = this.clock.now(),
  ): Promise<number> {
    assertDuration('ageMs', ageMs);
    return purgeFinished(this.dataSource, this.tables, now - ageMs);
  }
}
