import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change requests (hub.change-request.v1) and the state of their delivery to the owner,
 * from the outcomes of their change-request target. One row per correlation id; either
 * message may arrive first, so every column a later one fills is nullable.
 */
export class CreateChangeRequests1768200000000 implements MigrationInterface {
  name = 'CreateChangeRequests1768200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "change_requests" (
        "correlation_id" text PRIMARY KEY,
        "entity_type" text NOT NULL,
        "entity_key" text NOT NULL,
        "requester" text NOT NULL,
        "source_record_id" text NOT NULL,
        "source_version" bigint NOT NULL,
        "owner_system" text,
        "requested_by" text,
        "reason" text,
        "proposed_json" text,
        "requested_at" timestamptz,
        "state" text NOT NULL DEFAULT 'pending',
        "target" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error_code" text,
        "last_error" text,
        "last_outcome_at" timestamptz,
        "updated_at" timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX "change_requests_state_time" ON "change_requests" ("state", "source_version" DESC)`,
    );
    await runner.query(
      `CREATE INDEX "change_requests_entity" ON "change_requests" ("entity_type", "entity_key")`,
    );
    await runner.query(
      `CREATE INDEX "change_requests_time" ON "change_requests" ("source_version" DESC, "correlation_id")`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "change_requests"`);
  }
}
