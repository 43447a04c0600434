/**
 * Thousands of dead letters written straight into the reviewer's table (one transaction,
 * one INSERT … SELECT generate_series per group), for the console's scale test and its
 * benchmark: Kafka ingestion is tested elsewhere and would take minutes here. Start the
 * reviewer on `schema` (DLQ_DATABASE_SCHEMA) first, so its migrations made the table.
 * Items carry 600 bytes of stand-in original value, headers and one attempt, so pages read
 * rows of a realistic size; they are not decodable events and are not for retry tests.
 */
import { createTestSchema, type TestSchema } from '@hub/testing';
import { Client } from 'pg';

// About the size of an encoded inventory-level event; never decoded (not retried here).
const ORIGINAL_VALUE = Buffer.alloc(600, 0x61);

export interface SeedGroup {
  readonly target: string;
  readonly errorCode: string;
  readonly count: number;
}

export interface SeededItems {
  readonly schema: TestSchema;
  /**
   * Writes the groups' items as open dead letters. Item n of group g is dead-lettered at
   * `startMs + (n × groups + g)` seconds, so the groups interleave in time; every other item
   * is a purchase-order, the rest inventory-levels; entity keys are `<g>-<n>`.
   */
  seed(groups: readonly SeedGroup[], startMs: number): Promise<void>;
  /** `SELECT count(*) FROM dead_letter_items WHERE <where>` in the reviewer's schema. */
  count(where: string, params?: readonly unknown[]): Promise<number>;
  close(): Promise<void>;
}

export async function seededItems(): Promise<SeededItems> {
  const schema = await createTestSchema('dlq_scale');
  const client = new Client({ connectionString: schema.databaseUrl });
  await client.connect();
  const table = `"${schema.schema}"."dead_letter_items"`;
  return {
    schema,
    async seed(groups, startMs) {
      await client.query('BEGIN');
      try {
        for (const [index, group] of groups.entries())
          await client.query(
            `INSERT INTO ${table} ("dedup_key", "status", "reason", "target", "entity_type",
               "entity_key", "correlation_id", "original_headers", "dlq_headers", "attempts",
               "error_class", "error_code", "error_message", "first_failure_at", "last_failure_at",
               "dead_lettered_at", "created_at", "updated_at", "original_value")
             SELECT 'seed:' || $1 || ':' || n, 'open', 'permanent_failure', $2,
               CASE WHEN n % 2 = 0 THEN 'purchase-order' ELSE 'inventory-level' END,
               $1 || '-' || n, 'corr-' || $1 || '-' || n,
               jsonb_build_object('hub-correlation-id', 'corr-' || $1 || '-' || n, 'hub-target', $2::text),
               '{}',
               jsonb_build_array(jsonb_build_object('attempt', 1, 'at', $5::float8 * 1000, 'errorClass',
                 'permanent', 'code', $3::text, 'message', 'seeded failure', 'httpStatus', 422,
                 'via', 'dead-letter')),
               'permanent', $3,
               'seeded failure ' || $3 || ' #' || n, at, at, at, now(), now(), $8::bytea
             FROM generate_series(0, $4 - 1) AS n,
               LATERAL (SELECT to_timestamp($5 + n * $6 + $7) AS at) AS t`,
            [
              String(index),
              group.target,
              group.errorCode,
              group.count,
              startMs / 1000,
              groups.length,
              index,
              ORIGINAL_VALUE,
            ],
          );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    async count(where, params = []) {
      const result = await client.query<{ count: string }>(
        `SELECT count(*) AS "count" FROM ${table} WHERE ${where}`,
        [...params],
      );
      return Number(result.rows[0]?.count ?? 0);
    },
    async close() {
      await client.end();
      await schema.drop();
    },
  };
}
