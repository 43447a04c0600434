import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console sign-ins become opaque server-side sessions: the cookie carries a random id,
 * only its SHA-256 is stored, so a leaked table row cannot be replayed, and signing out
 * deletes the row.
 */
export class ConsoleSessions1764900000000 implements MigrationInterface {
  name = 'ConsoleSessions1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "console_sessions" (
        "id_digest" bytea PRIMARY KEY,
        "principal_name" text NOT NULL,
        "role" text,
        "via" text NOT NULL,
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX "console_sessions_expiry" ON "console_sessions" ("expires_at")`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "console_sessions"`);
  }
}
