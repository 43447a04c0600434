/**
 * Deduplicates F&O business events by ControlNumber, per purchase order, in Postgres so
 * every replica agrees. ControlNumber increases with gaps (never treat a gap as loss), so
 * the rule is "newer than the newest handled": a notification is claimed when its control
 * number is greater than the stored one, or equal and it is the same notification (the
 * same Kafka message redelivered after a failure in between). Notifications of one order
 * share a partition key, so they are handled one at a time; the upsert makes the claim
 * atomic anyway.
 */
import type { DataSource } from 'typeorm';

export interface EventMarks {
  /** True when this notification is the newest for the record; false for a duplicate or older event. */
  claim(record: string, controlNumber: number, notificationId: string): Promise<boolean>;
}

export class PostgresEventMarks implements EventMarks {
  constructor(private readonly dataSource: DataSource) {}

  async claim(record: string, controlNumber: number, notificationId: string): Promise<boolean> {
    const rows: unknown = await this.dataSource.query(
      `INSERT INTO "fo_business_event_marks" AS m ("record", "control_number", "notification_id", "updated_at")
       VALUES ($1, $2, $3, now())
       ON CONFLICT ("record") DO UPDATE
         SET "control_number" = EXCLUDED."control_number",
             "notification_id" = EXCLUDED."notification_id",
             "updated_at" = now()
         WHERE m."control_number" < EXCLUDED."control_number"
            OR (m."control_number" = EXCLUDED."control_number" AND m."notification_id" = EXCLUDED."notification_id")
       RETURNING "record"`,
      [record, controlNumber, notificationId],
    );
    return Array.isArray(rows) && rows.length > 0;
  }
}
