/**
 * The target's token bucket in Postgres, shared by every replica of its connector: one row
 * per target, taken from with one statement (created on first use), refilled by the time
 * elapsed on the caller's clock since the last take; time never runs backwards for it, so
 * a replica whose clock is behind refills nothing until it catches up. A batch is all or
 * nothing (SharedRateLimiter in @hub/resilience takes a few tokens per round trip).
 */
import type { SharedTokens, TokenBucketOptions } from '@hub/resilience';
import type { DataSource } from 'typeorm';
import { qualifiedTable, rateLimitTable } from './sql-names';

// $1 target, $2 tokens wanted, $3 now (ms), $4 rate per second, $5 burst.
const AVAILABLE = `LEAST($5::float8, b.tokens + GREATEST(0, $3::bigint - b.refilled_at) * $4::float8 / 1000.0)`;
const GRANTED = `CASE WHEN ${AVAILABLE} + 1e-9 >= $2::int THEN $2::int ELSE 0 END`;

export class PostgresTokenBucket implements SharedTokens {
  private readonly sql: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly target: string,
    private readonly rate: TokenBucketOptions,
  ) {
    const table = qualifiedTable(dataSource.options, rateLimitTable);
    this.sql = `
      INSERT INTO ${table} AS b (target, tokens, refilled_at, granted)
      VALUES ($1,
        CASE WHEN $5::float8 >= $2::int THEN $5::float8 - $2::int ELSE $5::float8 END,
        $3::bigint,
        CASE WHEN $5::float8 >= $2::int THEN $2::int ELSE 0 END)
      ON CONFLICT (target) DO UPDATE SET
        granted = ${GRANTED},
        tokens = GREATEST(0, ${AVAILABLE} - ${GRANTED}),
        refilled_at = GREATEST(b.refilled_at, $3::bigint)
      RETURNING granted, tokens`;
  }

  async take(n: number, at: number): Promise<{ granted: number; left: number }> {
    const rows: { granted: number; tokens: number }[] = await this.dataSource.query(this.sql, [
      this.target,
      n,
      Math.round(at),
      this.rate.ratePerSecond,
      this.rate.burst,
    ]);
    const row = rows[0];
    if (row === undefined) throw new Error(`No rate-limit row for ${this.target}`);
    return { granted: row.granted, left: row.tokens };
  }
}
