import type { MigrationInterface, QueryRunner } from 'typeorm';
import { qualifiedTable } from '@hub/idempotency';
import { driftItemTable, runTable } from '../sql';

/**
 * Runs per (entity type, receiver) pair and level, and the drift items they found. An item
 * is one key of one pair, kept across runs (first and last seen), so an operator sees since
 * when a key has drifted and what happened to it. Times come from the application clock.
 */
export class CreateDriftTables1780000000000 implements MigrationInterface {
  name = 'CreateDriftTables1780000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { options } = queryRunner.dataSource;
    await queryRunner.query(`
      CREATE TABLE ${qualifiedTable(options, runTable)} (
        "id" uuid PRIMARY KEY,
        "entity_type" text NOT NULL,
        "receiver" text NOT NULL,
        "level" text NOT NULL CHECK ("level" IN ('L0', 'L1', 'L2', 'L3')),
        "scope" jsonb NOT NULL,
        "state" text NOT NULL CHECK ("state" IN ('running', 'finished', 'halted', 'failed')),
        "counts" jsonb,
        "erp_calls" integer NOT NULL DEFAULT 0,
        "started_at" timestamptz NOT NULL,
        "finished_at" timestamptz,
        "approved_by" text,
        "approved_at" timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX "reconciliation_run_pair_idx" ON ${qualifiedTable(options, runTable)} ("entity_type", "receiver", "started_at" DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${qualifiedTable(options, driftItemTable)} (
        "entity_type" text NOT NULL,
        "receiver" text NOT NULL,
        "entity_key" text NOT NULL,
        "verdict" text NOT NULL CHECK ("verdict" IN ('drifted', 'missing-at-receiver', 'unknown-to-owner', 'undelivered')),
        "status" text NOT NULL CHECK ("status" IN ('open', 'ignored', 'healed')),
        "owner_value" jsonb,
        "owner_version" bigint,
        "receiver_value" jsonb,
        "first_seen_at" timestamptz NOT NULL,
        "last_seen_at" timestamptz NOT NULL,
        "last_run_id" uuid NOT NULL,
        "updated_at" timestamptz NOT NULL,
        "updated_by" text,
        CONSTRAINT "drift_item_pkey" PRIMARY KEY ("entity_type", "receiver", "entity_key")
      )`);
    await queryRunner.query(
      `CREATE INDEX "drift_item_open_idx" ON ${qualifiedTable(options, driftItemTable)} ("entity_type", "receiver", "entity_key") WHERE "status" = 'open'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const { options } = queryRunner.dataSource;
    await queryRunner.query(`DROP TABLE ${qualifiedTable(options, driftItemTable)}`);
    await queryRunner.query(`DROP TABLE ${qualifiedTable(options, runTable)}`);
  }
}
