import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The console groups unfinished items by target and error code; this keeps that cheap with thousands open. */
export class OpenItemsByCode1767830400000 implements MigrationInterface {
  name = 'OpenItemsByCode1767830400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX "dead_letter_items_unfinished_code" ON "dead_letter_items" ("target", "error_code", "dead_lettered_at") WHERE "status" IN ('open', 'retrying')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "dead_letter_items_unfinished_code"`);
  }
}
