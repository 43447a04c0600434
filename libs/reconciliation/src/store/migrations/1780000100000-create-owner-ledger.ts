import type { MigrationInterface, QueryRunner } from 'typeorm';
import { qualifiedTable } from '@hub/idempotency';
import { ownerLedgerTable } from '../sql';

/**
 * The owner's state per key as one receiver's connector last accepted it: the newest
 * canonical event of the key in that receiver's scope (newest by source version, then by
 * arrival order, as the stale-write guard ranks them). The owner side of a comparison and
 * the source of a repair.
 */
export class CreateOwnerLedger1780000100000 implements MigrationInterface {
  name = 'CreateOwnerLedger1780000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = qualifiedTable(queryRunner.dataSource.options, ownerLedgerTable);
    await queryRunner.query(`
      CREATE TABLE ${table} (
        "receiver" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_key" text NOT NULL,
        "source_system" text NOT NULL,
        "source_record_id" text NOT NULL,
        "source_version" bigint NOT NULL,
        "arrival_order" bigint NOT NULL,
        "correlation_id" text NOT NULL,
        "payload" jsonb NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "owner_ledger_pkey" PRIMARY KEY ("receiver", "entity_type", "entity_key")
      )`);
    // Serves changedSince(): the keys a comparison must not judge.
    await queryRunner.query(
      `CREATE INDEX "owner_ledger_updated_idx" ON ${table} ("receiver", "entity_type", "updated_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TABLE ${qualifiedTable(queryRunner.dataSource.options, ownerLedgerTable)}`,
    );
  }
}
