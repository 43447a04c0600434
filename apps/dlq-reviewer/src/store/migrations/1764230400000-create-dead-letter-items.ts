import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dead-letter items and the operator audit log. `dedup_key` makes ingestion idempotent:
 * the dead letter's eventId, or `raw:<topic>/<partition>/<offset>` for a message the
 * consumer runner dead-lettered undecoded. Names are unqualified: the DataSource's search
 * path puts them in the reviewer's schema.
 */
export class CreateDeadLetterItems1764230400000 implements MigrationInterface {
  name = 'CreateDeadLetterItems1764230400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "dead_letter_items" (
        "id" bigserial PRIMARY KEY,
        "dedup_key" text NOT NULL UNIQUE,
        "status" text NOT NULL CHECK ("status" IN ('open', 'retrying', 'resolved', 'discarded')),
        "reason" text NOT NULL,
        "target" text,
        "entity_type" text,
        "entity_key" text,
        "correlation_id" text,
        "source_system" text,
        "source_version" bigint,
        "dead_letter_event_id" text,
        "original_topic" text,
        "original_partition" integer,
        "original_offset" bigint,
        "original_event_id" text,
        "original_value" bytea,
        "original_headers" jsonb NOT NULL,
        "message_key" text,
        "dlq_headers" jsonb NOT NULL,
        "attempts" jsonb NOT NULL,
        "error_class" text,
        "error_code" text,
        "error_message" text NOT NULL,
        "first_failure_at" timestamptz,
        "last_failure_at" timestamptz,
        "dead_lettered_at" timestamptz NOT NULL,
        "retry_attempt" integer,
        "retried_at" timestamptz,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX "dead_letter_items_newest" ON "dead_letter_items" ("dead_lettered_at" DESC, "id" DESC)`,
    );
    await runner.query(
      `CREATE INDEX "dead_letter_items_retrying" ON "dead_letter_items" ("correlation_id", "target") WHERE "status" = 'retrying'`,
    );
    await runner.query(
      `CREATE INDEX "dead_letter_items_unfinished" ON "dead_letter_items" ("target", "dead_lettered_at") WHERE "status" IN ('open', 'retrying')`,
    );
    await runner.query(`
      CREATE TABLE "audit_log" (
        "id" bigserial PRIMARY KEY,
        "at" timestamptz NOT NULL,
        "actor" text NOT NULL,
        "action" text NOT NULL,
        "item_id" bigint REFERENCES "dead_letter_items" ("id"),
        "note" text,
        "details" jsonb NOT NULL
      )`);
    await runner.query(`CREATE INDEX "audit_log_item" ON "audit_log" ("item_id", "id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "audit_log"`);
    await runner.query(`DROP TABLE "dead_letter_items"`);
  }
}
