import type { MigrationInterface, QueryRunner } from 'typeorm';
import { qualifiedTable, rateLimitTable } from '../sql-names';

/**
 * One row per target: the token bucket every replica of its connector takes from, so
 * CONNECTOR_RATE_LIMIT_RPS holds for all of them together. `granted` is the last take's
 * answer, so one UPDATE … RETURNING both takes and reports. Times come from the
 * application clock, never from column defaults.
 */
export class CreateRateLimit1764900000000 implements MigrationInterface {
  name = 'CreateRateLimit1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = qualifiedTable(queryRunner.dataSource.options, rateLimitTable);
    await queryRunner.query(`
      CREATE TABLE ${table} (
        "target" text NOT NULL,
        "tokens" double precision NOT NULL,
        "refilled_at" bigint NOT NULL,
        "granted" integer NOT NULL,
        CONSTRAINT "connector_rate_limit_pkey" PRIMARY KEY ("target")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = qualifiedTable(queryRunner.dataSource.options, rateLimitTable);
    await queryRunner.query(`DROP TABLE ${table}`);
  }
}
