import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an operator last pulled a pending retry forward (the order's time). An outage that
 * began at or before that order does not move the row when it ends: the operator made it due
 * then, and it only waited for the breaker, like an operator retry. Existing rows have none.
 */
export class PulledForward1796428800000 implements MigrationInterface {
  name = 'PulledForward1796428800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "retry_schedule" ADD COLUMN "pulled_forward_at" bigint`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "retry_schedule" DROP COLUMN "pulled_forward_at"`);
  }
}
