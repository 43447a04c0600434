import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The schedule step a retry waits on, kept beside `attempts` (which stays part of the row's
 * identity): the target's own failures, operator holds (TARGET_HELD) left out, so
 * hub_retry_pending's tiers count what the target failed, not how often it was paused.
 * Pending rows are filled from the history header they carry; sent ones from `attempts`.
 */
export class ScheduleStep1796342400000 implements MigrationInterface {
  name = 'ScheduleStep1796342400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "retry_schedule" ADD COLUMN "step" integer`);
    await runner.query(`
      UPDATE "retry_schedule" AS row SET "step" = GREATEST(1, row."attempts" - (
        SELECT count(*) FROM jsonb_array_elements(
          CASE WHEN row."state" = 'pending' AND jsonb_typeof(row."headers" -> 'hub-history') = 'string'
               THEN (row."headers" ->> 'hub-history')::jsonb ELSE '[]'::jsonb END) AS attempt
         WHERE attempt ->> 'code' = 'TARGET_HELD'))`);
    await runner.query(`ALTER TABLE "retry_schedule" ALTER COLUMN "step" SET NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "retry_schedule" DROP COLUMN "step"`);
  }
}
