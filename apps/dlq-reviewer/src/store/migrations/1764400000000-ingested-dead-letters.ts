import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One item per failed write: a later dead letter for the same correlation id and target
 * merges into the unfinished item, so the dead letter's eventId is no longer the item's
 * key. `ingested_dead_letters` remembers every ingested dead-letter id (raw ones too) and
 * the item it went into, keeping a redelivered message idempotent. Existing items are
 * backfilled from their dedup keys.
 */
export class IngestedDeadLetters1764400000000 implements MigrationInterface {
  name = 'IngestedDeadLetters1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "ingested_dead_letters" (
        "event_id" text PRIMARY KEY,
        "item_id" bigint NOT NULL REFERENCES "dead_letter_items" ("id"),
        "ingested_at" timestamptz NOT NULL
      )`);
    await runner.query(
      `INSERT INTO "ingested_dead_letters" ("event_id", "item_id", "ingested_at")
       SELECT "dedup_key", "id", "created_at" FROM "dead_letter_items"`,
    );
    await runner.query(
      `CREATE INDEX "dead_letter_items_unfinished_write" ON "dead_letter_items" ("correlation_id", "target") WHERE "status" IN ('open', 'retrying')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "dead_letter_items_unfinished_write"`);
    await runner.query(`DROP TABLE "ingested_dead_letters"`);
  }
}
