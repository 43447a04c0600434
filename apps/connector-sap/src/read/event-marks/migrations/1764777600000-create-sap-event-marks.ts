import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per SAP business event handled (its notification's correlation id, which the
 * ingress derives from the CloudEvent's source, id, type and data), so a re-sent event
 * publishes nothing. `event_id` is the hub notification that claimed it: the same Kafka
 * message redelivered after a failure claims it again.
 */
export class CreateSapEventMarks1764777600000 implements MigrationInterface {
  name = 'CreateSapEventMarks1764777600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "sap_business_event_marks" (
        "correlation_id" text PRIMARY KEY,
        "event_id" text NOT NULL,
        "handled_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "sap_business_event_marks"`);
  }
}
