import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appliedVersionTable, qualifiedName, schemaOf, writeRecordTable } from '../sql-names';

/**
 * The write records and the stale-write guard. Tables go into the DataSource's `schema`
 * (TypeORM puts its migrations table there too, but runs a migration's SQL without
 * setting search_path, so every name here is qualified). Times are written from the
 * application clock, never by column defaults or `now()`.
 */
export class CreateIdempotencyTables1764201600000 implements MigrationInterface {
  name = 'CreateIdempotencyTables1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner.dataSource.options);
    const writeRecord = qualifiedName(schema, writeRecordTable);
    await queryRunner.query(`
      CREATE TABLE ${writeRecord} (
        "target" text NOT NULL,
        "correlation_id" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_key" text NOT NULL,
        "source_version" bigint NOT NULL,
        "state" text NOT NULL,
        "lease_owner" text,
        "lease_expires_at" timestamptz,
        "attempts" integer NOT NULL,
        "steps" jsonb NOT NULL,
        "result" jsonb,
        "error" jsonb,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "write_record_pkey" PRIMARY KEY ("target", "correlation_id"),
        CONSTRAINT "write_record_state_check" CHECK ("state" IN ('in-flight', 'succeeded', 'failed-permanently')),
        CONSTRAINT "write_record_lease_check" CHECK (
          ("lease_owner" IS NULL) = ("lease_expires_at" IS NULL) AND ("state" = 'in-flight' OR "lease_owner" IS NULL)
        ),
        CONSTRAINT "write_record_steps_check" CHECK (jsonb_typeof("steps") = 'object')
      )`);
    // Serves purgeOlderThan(): finished records by age; in-flight ones are never purged.
    await queryRunner.query(
      `CREATE INDEX "write_record_finished_idx" ON ${writeRecord} ("updated_at") WHERE "state" <> 'in-flight'`,
    );
    await queryRunner.query(`
      CREATE TABLE ${qualifiedName(schema, appliedVersionTable)} (
        "target" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_key" text NOT NULL,
        "source_version" bigint NOT NULL,
        "correlation_id" text NOT NULL,
        "applied_at" timestamptz NOT NULL,
        CONSTRAINT "applied_version_pkey" PRIMARY KEY ("target", "entity_type", "entity_key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner.dataSource.options);
    await queryRunner.query(`DROP TABLE ${qualifiedName(schema, appliedVersionTable)}`);
    await queryRunner.query(`DROP TABLE ${qualifiedName(schema, writeRecordTable)}`);
  }
}
