import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable schedule (one small row per pending retry, found by (target, due_at)), the
 * breaker row per target shared by every replica, and each target's outage intervals.
 */
export class CreateRetrySchedule1764240000000 implements MigrationInterface {
  name = 'CreateRetrySchedule1764240000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "retry_schedule" (
        "id" bigserial PRIMARY KEY,
        "target" text NOT NULL,
        "event_id" text NOT NULL,
        "attempts" integer NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('redeliver', 'dead_letter')),
        "state" text NOT NULL DEFAULT 'pending' CHECK ("state" IN ('pending', 'done')),
        "first_failure_at" bigint NOT NULL,
        "due_at" bigint NOT NULL,
        "enqueued_at" bigint NOT NULL,
        "done_at" bigint,
        "message_key" bytea,
        "message_value" bytea,
        "headers" jsonb,
        "consumed_topic" text NOT NULL,
        "consumed_partition" integer NOT NULL,
        "consumed_offset" text NOT NULL,
        CONSTRAINT "retry_schedule_once" UNIQUE ("target", "event_id", "attempts")
      )`);
    await runner.query(
      `CREATE INDEX "retry_schedule_due" ON "retry_schedule" ("target", "kind", "due_at") WHERE "state" = 'pending'`,
    );
    await runner.query(
      `CREATE INDEX "retry_schedule_done" ON "retry_schedule" ("done_at") WHERE "state" = 'done'`,
    );
    await runner.query(`
      CREATE TABLE "retry_breaker" (
        "target" text PRIMARY KEY,
        "record" jsonb NOT NULL,
        "probe_event_id" text,
        "probe_sent_at" bigint,
        "drain_tokens" double precision NOT NULL,
        "drain_refilled_at" bigint NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE "retry_pause" (
        "target" text NOT NULL,
        "started_at" bigint NOT NULL,
        "ended_at" bigint,
        PRIMARY KEY ("target", "started_at")
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "retry_pause"`);
    await runner.query(`DROP TABLE "retry_breaker"`);
    await runner.query(`DROP TABLE "retry_schedule"`);
  }
}
