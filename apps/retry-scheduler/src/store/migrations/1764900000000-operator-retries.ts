import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An operator's retry (hub-operator-retry) is a row of its own: the same write may already
 * have a row with the same attempt count (the one that exhausted its schedule, or an earlier
 * operator retry), and that must not turn the new request into a no-op. '' is an automatic retry.
 */
export class OperatorRetries1764900000000 implements MigrationInterface {
  name = 'OperatorRetries1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE "retry_schedule" ADD COLUMN "operator_retry" text NOT NULL DEFAULT ''`,
    );
    await runner.query(`ALTER TABLE "retry_schedule" DROP CONSTRAINT "retry_schedule_once"`);
    await runner.query(
      `ALTER TABLE "retry_schedule" ADD CONSTRAINT "retry_schedule_once" UNIQUE ("target", "event_id", "attempts", "operator_retry")`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM "retry_schedule" WHERE "operator_retry" <> ''`);
    await runner.query(`ALTER TABLE "retry_schedule" DROP CONSTRAINT "retry_schedule_once"`);
    await runner.query(
      `ALTER TABLE "retry_schedule" ADD CONSTRAINT "retry_schedule_once" UNIQUE ("target", "event_id", "attempts")`,
    );
    await runner.query(`ALTER TABLE "retry_schedule" DROP COLUMN "operator_retry"`);
  }
}
