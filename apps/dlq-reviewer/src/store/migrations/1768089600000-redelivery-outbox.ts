import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An operator's retry is committed with its item change and audit row, and its Kafka message
 * waits here until the relay has published it (src/retry/redelivery-relay.ts). The row holds
 * the exact message (the retry id in its headers is what lets the scheduler drop a second
 * copy), so a relay that restarts sends the same bytes. Unlike audit_log, rows are deleted
 * once published: this is a queue, not evidence.
 */
export class RedeliveryOutbox1768089600000 implements MigrationInterface {
  name = 'RedeliveryOutbox1768089600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "redelivery_outbox" (
        "id" bigserial PRIMARY KEY,
        "queued_at" timestamptz NOT NULL,
        "item_id" bigint NOT NULL,
        "retry_id" text NOT NULL,
        "topic" text NOT NULL,
        "message_key" bytea,
        "message_value" bytea,
        "headers" jsonb NOT NULL,
        "failed_rounds" integer NOT NULL DEFAULT 0,
        "last_error" text
      )`);
    await runner.query(
      `CREATE INDEX "redelivery_outbox_item" ON "redelivery_outbox" ("item_id", "id")`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "redelivery_outbox"`);
  }
}
