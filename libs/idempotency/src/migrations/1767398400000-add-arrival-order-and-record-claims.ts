import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  appliedVersionTable,
  qualifiedName,
  recordClaimTable,
  schemaOf,
  writeRecordTable,
} from '../sql-names';

/**
 * Equal source versions ordered by arrival; additive entity types (no stale guard); and
 * the record claim: who writes a (target, entity) now, or left it in doubt, so writes of one
 * record run one at a time across flows and replicas and an older fact waits for a doubt.
 */
export class AddArrivalOrderAndRecordClaims1767398400000 implements MigrationInterface {
  name = 'AddArrivalOrderAndRecordClaims1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner.dataSource.options);
    const writeRecord = qualifiedName(schema, writeRecordTable);
    await queryRunner.query(`
      ALTER TABLE ${writeRecord}
        ADD COLUMN "arrival_order" bigint NOT NULL DEFAULT 0,
        ADD COLUMN "semantics" text NOT NULL DEFAULT 'state',
        ADD CONSTRAINT "write_record_semantics_check" CHECK ("semantics" IN ('state', 'additive'))`);
    await queryRunner.query(
      `ALTER TABLE ${qualifiedName(schema, appliedVersionTable)} ADD COLUMN "arrival_order" bigint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`
      CREATE TABLE ${qualifiedName(schema, recordClaimTable)} (
        "target" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_key" text NOT NULL,
        "correlation_id" text NOT NULL,
        "source_version" bigint NOT NULL,
        "arrival_order" bigint NOT NULL,
        "lease_owner" text,
        "lease_expires_at" timestamptz,
        "in_doubt_since" timestamptz,
        CONSTRAINT "record_claim_pkey" PRIMARY KEY ("target", "entity_type", "entity_key"),
        CONSTRAINT "record_claim_lease_check" CHECK (("lease_owner" IS NULL) = ("lease_expires_at" IS NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner.dataSource.options);
    await queryRunner.query(`DROP TABLE ${qualifiedName(schema, recordClaimTable)}`);
    await queryRunner.query(
      `ALTER TABLE ${qualifiedName(schema, appliedVersionTable)} DROP COLUMN "arrival_order"`,
    );
    await queryRunner.query(`
      ALTER TABLE ${qualifiedName(schema, writeRecordTable)}
        DROP CONSTRAINT "write_record_semantics_check",
        DROP COLUMN "semantics",
        DROP COLUMN "arrival_order"`);
  }
}
