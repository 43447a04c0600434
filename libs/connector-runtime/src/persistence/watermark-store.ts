/**
 * The sweep's watermark per system, and the advisory lock that lets one replica sweep at
 * a time. All SQL is parameterised; the lock is session-level, so it is taken and released
 * on one dedicated connection.
 */
import type { DataSource } from 'typeorm';
import { qualifiedTable, sweepWatermarkTable } from './sql-names';

interface WatermarkRow {
  readonly watermark: string | number;
}

interface LockRow {
  readonly locked: boolean;
}

export class WatermarkStore {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = qualifiedTable(dataSource.options, sweepWatermarkTable);
  }

  /** The stored watermark (epoch ms), or undefined before the first sweep. */
  async read(system: string): Promise<number | undefined> {
    const rows: WatermarkRow[] = await this.dataSource.query(
      `SELECT "watermark" FROM ${this.table} WHERE "system_id" = $1`,
      [system],
    );
    const row = rows[0];
    return row === undefined ? undefined : Number(row.watermark);
  }

  /** Stores a watermark; it never moves backwards. */
  async store(system: string, watermark: number, now: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${this.table} ("system_id", "watermark", "updated_at") VALUES ($1, $2, $3)
       ON CONFLICT ("system_id") DO UPDATE
       SET "watermark" = GREATEST(${this.table}."watermark", EXCLUDED."watermark"), "updated_at" = EXCLUDED."updated_at"`,
      [system, watermark, now],
    );
  }

  /** Runs `work` holding the system's sweep lock; undefined when another replica holds it. */
  async withSweepLock<T>(system: string, work: () => Promise<T>): Promise<T | undefined> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lockKey = `connector-sweep:${system}`;
    try {
      const rows = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS "locked"', [
        lockKey,
      ])) as LockRow[];
      if (rows[0]?.locked !== true) return undefined;
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
      }
    } finally {
      await runner.release();
    }
  }
}
