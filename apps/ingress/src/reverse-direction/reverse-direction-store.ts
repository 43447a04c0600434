/** Records a refused reverse-direction write (who, what, which key, why; never the payload). */
import type { DataSource } from 'typeorm';

export interface ReverseDirectionRecord {
  readonly at: number;
  readonly systemId: string;
  readonly entityType: string;
  readonly entityKey: string;
  readonly correlationId: string;
  readonly ownerSystem: string;
  readonly reason: string;
  readonly payloadDigest: string;
}

export class ReverseDirectionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  async record(entry: ReverseDirectionRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "${this.schema}"."reverse_direction_writes"
        (recorded_at, system_id, entity_type, entity_key, correlation_id, owner_system, reason, payload_digest)
       VALUES (to_timestamp($1::double precision / 1000), $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.at,
        entry.systemId,
        entry.entityType,
        entry.entityKey,
        entry.correlationId,
        entry.ownerSystem,
        entry.reason,
        entry.payloadDigest,
      ],
    );
  }
}
