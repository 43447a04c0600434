import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log as evidence: every entry names its actor stably (`jwt:<iss>#<sub>` or
 * `api-token:<name>`, beside the readable name, which can change or be reused), sessions
 * carry that id too, and the log is append-only in the database itself: an UPDATE, DELETE or
 * TRUNCATE of audit_log fails, whoever sends it (only a migration that drops the triggers,
 * which leaves its own trace in the migrations table, can change that).
 */
export class AuditIntegrity1767744000000 implements MigrationInterface {
  name = 'AuditIntegrity1767744000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE "audit_log" ADD COLUMN "actor_id" text NOT NULL DEFAULT 'unknown (recorded before actor ids)'`,
    );
    await runner.query(`ALTER TABLE "audit_log" ALTER COLUMN "actor_id" DROP DEFAULT`);
    await runner.query(
      `ALTER TABLE "console_sessions" ADD COLUMN "principal_id" text NOT NULL DEFAULT 'unknown'`,
    );
    await runner.query(`ALTER TABLE "console_sessions" ALTER COLUMN "principal_id" DROP DEFAULT`);
    await runner.query(`CREATE INDEX "audit_log_actor_id" ON "audit_log" ("actor_id", "id")`);
    await runner.query(`
      CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await runner.query(`
      CREATE TRIGGER "audit_log_no_change" BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`);
    await runner.query(`
      CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TRIGGER "audit_log_no_truncate" ON "audit_log"`);
    await runner.query(`DROP TRIGGER "audit_log_no_change" ON "audit_log"`);
    await runner.query(`DROP FUNCTION "audit_log_append_only"()`);
    await runner.query(`DROP INDEX "audit_log_actor_id"`);
    await runner.query(`ALTER TABLE "console_sessions" DROP COLUMN "principal_id"`);
    await runner.query(`ALTER TABLE "audit_log" DROP COLUMN "actor_id"`);
  }
}
