import type { MigrationInterface, QueryRunner } from 'typeorm';
import { jobLeaseTable, qualifiedTable } from '../sql-names';

/**
 * One row per periodic job: which replica leads it and until when. A lease row rather than
 * an advisory lock, so a replica that hangs without dying (its session still open) loses
 * the lead once it stops renewing. Times come from the application clock.
 */
export class CreateJobLease1767657600000 implements MigrationInterface {
  name = 'CreateJobLease1767657600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = qualifiedTable(queryRunner.dataSource.options, jobLeaseTable);
    await queryRunner.query(`
      CREATE TABLE ${table} (
        "job" text NOT NULL,
        "holder" text NOT NULL,
        "expires_at" bigint NOT NULL,
        CONSTRAINT "connector_job_lease_pkey" PRIMARY KEY ("job")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = qualifiedTable(queryRunner.dataSource.options, jobLeaseTable);
    await queryRunner.query(`DROP TABLE ${table}`);
  }
}
