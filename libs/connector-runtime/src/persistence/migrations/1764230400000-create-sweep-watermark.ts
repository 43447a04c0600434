import type { MigrationInterface, QueryRunner } from 'typeorm';
import { qualifiedTable, sweepWatermarkTable } from '../sql-names';

/**
 * One row per source system: the change time up to which its sweep has published
 * everything. Times come from the application clock, never from column defaults.
 */
export class CreateSweepWatermark1764230400000 implements MigrationInterface {
  name = 'CreateSweepWatermark1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = qualifiedTable(queryRunner.dataSource.options, sweepWatermarkTable);
    await queryRunner.query(`
      CREATE TABLE ${table} (
        "system_id" text NOT NULL,
        "watermark" bigint NOT NULL,
        "updated_at" bigint NOT NULL,
        CONSTRAINT "connector_sweep_watermark_pkey" PRIMARY KEY ("system_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = qualifiedTable(queryRunner.dataSource.options, sweepWatermarkTable);
    await queryRunner.query(`DROP TABLE ${table}`);
  }
}
