import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit of refused reverse-direction writes. No secrets and no payload: the digest
 * (the correlation-id recipe's payloadDigest) is enough to match a record to a delivery.
 */
export class CreateReverseDirectionWrites1764216000000 implements MigrationInterface {
  name = 'CreateReverseDirectionWrites1764216000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "reverse_direction_writes" (
        "id" bigserial PRIMARY KEY,
        "recorded_at" timestamptz NOT NULL,
        "system_id" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_key" text NOT NULL,
        "correlation_id" text NOT NULL,
        "owner_system" text NOT NULL,
        "reason" text NOT NULL,
        "payload_digest" char(64) NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX "reverse_direction_writes_system_time" ON "reverse_direction_writes" ("system_id", "recorded_at")`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "reverse_direction_writes"`);
  }
}
