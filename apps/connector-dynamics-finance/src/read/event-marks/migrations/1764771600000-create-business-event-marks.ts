import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The newest business event ControlNumber handled per purchase order, so a duplicate or
 * older delivery of "Purchase order confirmed" publishes nothing. One row per order.
 */
export class CreateBusinessEventMarks1764771600000 implements MigrationInterface {
  name = 'CreateBusinessEventMarks1764771600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "fo_business_event_marks" (
        "record" text PRIMARY KEY,
        "control_number" bigint NOT NULL,
        "notification_id" text NOT NULL,
        "updated_at" timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "fo_business_event_marks"`);
  }
}
