/**
 * The lead of one periodic job across the replicas of a connector: a row per job in the
 * runtime's schema. Taking and renewing are one statement, so two replicas can never both
 * believe they lead: the row changes hands only when its holder asks again or its lease
 * has run out by the asker's clock.
 */
import type { DataSource } from 'typeorm';
import { jobLeaseTable, qualifiedTable } from './sql-names';

export interface JobLease {
  /** True when `holder` leads `job` until `now + leaseMs` (taken or renewed). */
  acquire(job: string, holder: string, now: number, leaseMs: number): Promise<boolean>;
  /** Gives the lead up at once (a graceful stop), so another replica need not wait for expiry. */
  release(job: string, holder: string): Promise<void>;
}

export class PostgresJobLease implements JobLease {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = qualifiedTable(dataSource.options, jobLeaseTable);
  }

  async acquire(job: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO ${this.table} AS lease ("job", "holder", "expires_at") VALUES ($1, $2, $3)
       ON CONFLICT ("job") DO UPDATE SET "holder" = EXCLUDED."holder", "expires_at" = EXCLUDED."expires_at"
       WHERE lease."holder" = EXCLUDED."holder" OR lease."expires_at" <= $4
       RETURNING "holder"`,
      [job, holder, now + leaseMs, now],
    );
    return rows.length === 1;
  }

  async release(job: string, holder: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE "job" = $1 AND "holder" = $2`, [
      job,
      holder,
    ]);
  }
}

/** The same rule in memory, for unit tests and single-process use. */
export class InMemoryJobLease implements JobLease {
  private readonly rows = new Map<string, { holder: string; expiresAt: number }>();

  acquire(job: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    const row = this.rows.get(job);
    if (row !== undefined && row.holder !== holder && row.expiresAt > now)
      return Promise.resolve(false);
    this.rows.set(job, { holder, expiresAt: now + leaseMs });
    return Promise.resolve(true);
  }

  release(job: string, holder: string): Promise<void> {
    if (this.rows.get(job)?.holder === holder) this.rows.delete(job);
    return Promise.resolve();
  }
}
