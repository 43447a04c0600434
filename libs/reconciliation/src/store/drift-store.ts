/**
 * Runs and drift items in Postgres. A page of a run is recorded in one transaction: its
 * drift becomes (or refreshes) items, and open items of keys now in sync are marked healed,
 * so the item list is always what the last look at each key said. Keys in flight or
 * explained leave their item untouched: they were not judged.
 */
import { randomUUID } from 'node:crypto';
import { qualifiedTable, type JsonValue } from '@hub/idempotency';
import type { Clock } from '@hub/primitives';
import type { DataSource } from 'typeorm';
import type { Comparison, VerdictCounts } from '../compare/compare-snapshots';
import type { Verdict } from '../compare/verdicts';
import {
  ITEM_VERDICTS,
  toItem,
  toRun,
  type DriftItem,
  type ItemRow,
  type ItemVerdict,
  type RunRecord,
  type RunRow,
  type ItemStatus,
  type Pair,
  type PairSummary,
  type RunLevel,
  type RunState,
} from './drift-item';
import { driftItemTable, runTable } from './sql';

export type {
  DriftItem,
  ItemStatus,
  ItemVerdict,
  Pair,
  PairSummary,
  RunLevel,
  RunRecord,
  RunState,
} from './drift-item';

export class DriftStore {
  private readonly runs: string;
  private readonly items: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {
    this.runs = qualifiedTable(dataSource.options, runTable);
    this.items = qualifiedTable(dataSource.options, driftItemTable);
  }

  private now(): Date {
    return new Date(this.clock.now());
  }

  async startRun(pair: Pair, level: RunLevel, scope: JsonValue): Promise<string> {
    const id = this.newId();
    await this.dataSource.query(
      `INSERT INTO ${this.runs} ("id", "entity_type", "receiver", "level", "scope", "state", "started_at")
       VALUES ($1, $2, $3, $4, $5, 'running', $6)`,
      [id, pair.entityType, pair.receiver, level, JSON.stringify(scope), this.now()],
    );
    return id;
  }

  /**
   * One compared page of a run: its drift as items, its in-sync keys healing open items;
   * only items of `heals` verdicts when given (a delivery check says nothing about values).
   */
  async recordPage(
    runId: string,
    pair: Pair,
    comparison: Comparison,
    heals?: readonly Verdict[],
  ): Promise<void> {
    const now = this.now();
    const drift = comparison.findings
      .filter(({ verdict }) => ITEM_VERDICTS.includes(verdict))
      .map((finding) => ({
        entity_key: finding.key,
        verdict: finding.verdict,
        owner_value: finding.ownerValue,
        owner_version: finding.ownerVersion,
        receiver_value: finding.receiverValue,
      }));
    await this.dataSource.transaction(async (manager) => {
      if (drift.length > 0)
        // An ignored item stays ignored while it drifts; a healed one that drifts again starts over.
        await manager.query(
          `INSERT INTO ${this.items} ("entity_type", "receiver", "entity_key", "verdict", "status",
             "owner_value", "owner_version", "receiver_value", "first_seen_at", "last_seen_at",
             "last_run_id", "updated_at")
           SELECT $1, $2, d.entity_key, d.verdict, 'open', d.owner_value, d.owner_version,
             d.receiver_value, $3, $3, $4, $3
           FROM jsonb_to_recordset($5::jsonb) AS d(entity_key text, verdict text,
             owner_value jsonb, owner_version bigint, receiver_value jsonb)
           ON CONFLICT ("entity_type", "receiver", "entity_key") DO UPDATE SET
             "verdict" = excluded."verdict",
             "owner_value" = excluded."owner_value",
             "owner_version" = excluded."owner_version",
             "receiver_value" = excluded."receiver_value",
             "last_seen_at" = excluded."last_seen_at",
             "last_run_id" = excluded."last_run_id",
             "updated_at" = excluded."updated_at",
             "status" = CASE WHEN ${this.items}."status" = 'ignored' THEN 'ignored' ELSE 'open' END,
             "first_seen_at" = CASE WHEN ${this.items}."status" = 'healed'
               THEN excluded."first_seen_at" ELSE ${this.items}."first_seen_at" END`,
          [pair.entityType, pair.receiver, now, runId, JSON.stringify(drift)],
        );
      if (comparison.inSync.length > 0)
        await manager.query(
          `UPDATE ${this.items} SET "status" = 'healed', "updated_at" = $3, "last_run_id" = $4,
             "updated_by" = NULL
           WHERE "entity_type" = $1 AND "receiver" = $2 AND "status" IN ('open', 'ignored')
             AND "entity_key" = ANY($5::text[]) AND ($6::text[] IS NULL OR "verdict" = ANY($6::text[]))`,
          [pair.entityType, pair.receiver, now, runId, comparison.inSync, heals ?? null],
        );
    });
  }

  async finishRun(
    runId: string,
    outcome: {
      readonly counts: VerdictCounts;
      readonly erpCalls: number;
      readonly halted: boolean;
      /** The run's scope as it ended (L2: where it stopped), when it differs from the start. */
      readonly scope?: JsonValue;
    },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.runs} SET "state" = $2, "counts" = $3, "erp_calls" = $4, "finished_at" = $5,
         "scope" = COALESCE($6::jsonb, "scope")
       WHERE "id" = $1 AND "state" = 'running'`,
      [
        runId,
        outcome.halted ? 'halted' : 'finished',
        JSON.stringify(outcome.counts),
        outcome.erpCalls,
        this.now(),
        outcome.scope === undefined ? null : JSON.stringify(outcome.scope),
      ],
    );
  }

  /** Where the pair's last receiver delta (L2) that did not fail stopped: its scope's `until`. */
  async lastDeltaUntil(pair: Pair): Promise<number | undefined> {
    const [row] = await this.dataSource.query<{ until: string | null }[]>(
      `SELECT "scope"->>'until' AS "until" FROM ${this.runs}
       WHERE "entity_type" = $1 AND "receiver" = $2 AND "level" = 'L2'
         AND "state" IN ('finished', 'halted') AND "scope" ? 'until'
       ORDER BY "started_at" DESC LIMIT 1`,
      [pair.entityType, pair.receiver],
    );
    return row?.until == null ? undefined : Number(row.until);
  }

  /** The pair's latest runs, newest first. */
  async runsOf(pair: Pair, limit: number): Promise<RunRecord[]> {
    const rows = await this.dataSource.query<RunRow[]>(
      `SELECT * FROM ${this.runs} WHERE "entity_type" = $1 AND "receiver" = $2
       ORDER BY "started_at" DESC LIMIT $3`,
      [pair.entityType, pair.receiver, limit],
    );
    return rows.map(toRun);
  }

  async run(runId: string): Promise<RunRecord | undefined> {
    const rows = await this.dataSource.query<RunRow[]>(
      `SELECT * FROM ${this.runs} WHERE "id" = $1`,
      [runId],
    );
    return rows.map(toRun)[0];
  }

  async failRun(runId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.runs} SET "state" = 'failed', "finished_at" = $2 WHERE "id" = $1 AND "state" = 'running'`,
      [runId, this.now()],
    );
  }

  /** An operator lets a halted run's repairs go ahead; false when the run is not halted. */
  async approve(runId: string, actor: string): Promise<boolean> {
    const [, changed] = await this.dataSource.query<[unknown, number]>(
      `UPDATE ${this.runs} SET "approved_by" = $2, "approved_at" = $3
       WHERE "id" = $1 AND "state" = 'halted' AND "approved_by" IS NULL`,
      [runId, actor, this.now()],
    );
    return changed === 1;
  }

  /** An operator sets an item aside (ignored) or back (open); false when no such item. */
  async setStatus(
    pair: Pair,
    entityKey: string,
    status: Exclude<ItemStatus, 'healed'>,
    actor: string,
  ): Promise<boolean> {
    const [, changed] = await this.dataSource.query<[unknown, number]>(
      `UPDATE ${this.items} SET "status" = $4, "updated_by" = $5, "updated_at" = $6
       WHERE "entity_type" = $1 AND "receiver" = $2 AND "entity_key" = $3 AND "status" <> 'healed'`,
      [pair.entityType, pair.receiver, entityKey, status, actor, this.now()],
    );
    return changed === 1;
  }

  async list(
    pair: Pair,
    options: {
      readonly status?: ItemStatus;
      readonly verdict?: ItemVerdict;
      readonly afterKey?: string;
      readonly keys?: readonly string[];
      readonly limit: number;
    },
  ): Promise<DriftItem[]> {
    const rows = await this.dataSource.query<ItemRow[]>(
      `SELECT * FROM ${this.items}
       WHERE "entity_type" = $1 AND "receiver" = $2 AND ($3::text IS NULL OR "status" = $3)
         AND ($4::text IS NULL OR "verdict" = $4) AND "entity_key" > $5
         AND ($6::text[] IS NULL OR "entity_key" = ANY($6::text[]))
       ORDER BY "entity_key" LIMIT $7`,
      [
        pair.entityType,
        pair.receiver,
        options.status ?? null,
        options.verdict ?? null,
        options.afterKey ?? '',
        options.keys ?? null,
        options.limit,
      ],
    );
    return rows.map(toItem);
  }

  async summary(): Promise<PairSummary[]> {
    const rows = await this.dataSource.query<
      {
        entity_type: string;
        receiver: string;
        open: string;
        ignored: string;
        run_id: string | null;
        level: RunLevel | null;
        state: RunState | null;
        started_at: Date | null;
        finished_at: Date | null;
      }[]
    >(
      `WITH pairs AS (
         SELECT DISTINCT "entity_type", "receiver" FROM ${this.runs}
         UNION SELECT DISTINCT "entity_type", "receiver" FROM ${this.items})
       SELECT p."entity_type", p."receiver",
         (SELECT count(*) FROM ${this.items} i WHERE i."entity_type" = p."entity_type"
            AND i."receiver" = p."receiver" AND i."status" = 'open') AS "open",
         (SELECT count(*) FROM ${this.items} i WHERE i."entity_type" = p."entity_type"
            AND i."receiver" = p."receiver" AND i."status" = 'ignored') AS "ignored",
         r."id" AS "run_id", r."level", r."state", r."started_at", r."finished_at"
       FROM pairs p
       LEFT JOIN LATERAL (SELECT * FROM ${this.runs} r WHERE r."entity_type" = p."entity_type"
         AND r."receiver" = p."receiver" ORDER BY r."started_at" DESC LIMIT 1) r ON true
       ORDER BY p."entity_type", p."receiver"`,
    );
    return rows.map((row) => ({
      entityType: row.entity_type,
      receiver: row.receiver,
      open: Number(row.open),
      ignored: Number(row.ignored),
      lastRun:
        row.run_id === null || row.level === null || row.state === null || row.started_at === null
          ? null
          : {
              id: row.run_id,
              level: row.level,
              state: row.state,
              startedAt: row.started_at.getTime(),
              finishedAt: row.finished_at?.getTime() ?? null,
            },
    }));
  }
}
