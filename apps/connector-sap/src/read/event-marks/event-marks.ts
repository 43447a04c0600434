/**
 * Deduplicates SAP business events in Postgres, so every replica agrees: Event Mesh delivers
 * at least once, and each delivery reaches Kafka as its own notification with the same
 * correlation id. The first notification of an event claims it; another one with the same
 * correlation id is a duplicate; the claiming notification itself (a Kafka redelivery after
 * a failure) claims it again. The table is the connector's own, migrated at start-up.
 */
import { DataSource } from 'typeorm';
import { CreateSapEventMarks1764777600000 } from './migrations/1764777600000-create-sap-event-marks';

export interface EventMarks {
  /** True when this notification may handle the event; false for a duplicate delivery. */
  claim(correlationId: string, eventId: string): Promise<boolean>;
}

export class PostgresEventMarks implements EventMarks {
  constructor(private readonly dataSource: DataSource) {}

  async claim(correlationId: string, eventId: string): Promise<boolean> {
    const rows: unknown = await this.dataSource.query(
      `INSERT INTO "sap_business_event_marks" AS m ("correlation_id", "event_id")
       VALUES ($1, $2)
       ON CONFLICT ("correlation_id") DO UPDATE SET "handled_at" = now()
         WHERE m."event_id" = EXCLUDED."event_id"
       RETURNING "correlation_id"`,
      [correlationId, eventId],
    );
    return Array.isArray(rows) && rows.length > 0;
  }
}

export function createEventMarksDataSource(url: string, schema: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations: [CreateSapEventMarks1764777600000],
    migrationsTableName: 'connector_sap_migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize: 3,
    // The migration's SQL names the table unqualified; the search path puts it in `schema`.
    extra: { options: `-c search_path=${schema}` },
  });
}
