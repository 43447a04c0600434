/**
 * Notification marks: which notification of a record a connector has handled, in Postgres
 * so every replica agrees. For sources that deliver a notification more than once (SAP
 * Event Mesh at least once, F&O business events with retries) or out of order.
 *
 * A notification is claimed when its sequence is greater than the newest handled for its
 * record, or equal and it is the same notification (the same Kafka message redelivered
 * after a failure in between). Anything else is a duplicate or older delivery: skip it.
 * - a source with an increasing sequence per record (F&O's ControlNumber, gaps allowed):
 *   record = the document, sequence = the control number;
 * - a source with only event identity (a CloudEvent's source and id): record = the
 *   notification's correlation id (the ingress derives it from that identity), sequence 0.
 * The table lives in the connector's own schema: add `CreateNotificationMarks` to its
 * own tables (`ownTablesDataSource`).
 */
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';

export class NotificationMarks {
  constructor(private readonly dataSource: DataSource) {}

  /** True when this notification may be handled; false for a duplicate or an older one. */
  async claim(record: string, sequence: number, notificationId: string): Promise<boolean> {
    const rows: unknown = await this.dataSource.query(
      `INSERT INTO "notification_marks" AS m ("record", "sequence", "notification_id", "updated_at")
       VALUES ($1, $2, $3, now())
       ON CONFLICT ("record") DO UPDATE
         SET "sequence" = EXCLUDED."sequence",
             "notification_id" = EXCLUDED."notification_id",
             "updated_at" = now()
         WHERE m."sequence" < EXCLUDED."sequence"
            OR (m."sequence" = EXCLUDED."sequence" AND m."notification_id" = EXCLUDED."notification_id")
       RETURNING "record"`,
      [record, sequence, notificationId],
    );
    return Array.isArray(rows) && rows.length > 0;
  }
}

export class CreateNotificationMarks1767916800000 implements MigrationInterface {
  name = 'CreateNotificationMarks1767916800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "notification_marks" (
        "record" text PRIMARY KEY,
        "sequence" bigint NOT NULL,
        "notification_id" text NOT NULL,
        "updated_at" timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "notification_marks"`);
  }
}

export interface OwnTablesOptions {
  readonly url: string;
  readonly schema: string;
  /** The connector's migrations table, e.g. `connector_sap_migrations`. */
  readonly migrationsTable: string;
  readonly migrations: readonly (new () => MigrationInterface)[];
}

/** A connector's own tables (`ownTables` of createConnectorApp): migrations only, never synchronize. */
export function ownTablesDataSource(options: OwnTablesOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    migrations: [...options.migrations],
    migrationsTableName: options.migrationsTable,
    synchronize: false,
    migrationsRun: false,
    poolSize: 3,
    // The migrations' SQL names tables unqualified; the search path puts them in `schema`.
    extra: { options: `-c search_path=${options.schema}` },
  });
}
