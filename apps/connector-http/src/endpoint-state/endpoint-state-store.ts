/**
 * The persisted enabled/disabled state of each endpoint. Postgres, not memory, so a
 * restart or another replica does not resume delivering to an endpoint that said 410 Gone.
 */
import type { DataSource } from 'typeorm';

export interface DisabledState {
  readonly disabledAt: number;
  readonly reason: string;
  readonly httpStatus: number | null;
}

export interface EndpointState {
  readonly endpointId: string;
  /** Present while the endpoint is disabled. */
  readonly disabled: DisabledState | undefined;
  /** When an operator last re-enabled it. */
  readonly enabledAt: number | undefined;
}

interface StateRow {
  endpoint_id: string;
  disabled: boolean;
  disabled_at: Date | null;
  disabled_reason: string | null;
  disabled_http_status: number | null;
  enabled_at: Date | null;
}

function toState(row: StateRow): EndpointState {
  return {
    endpointId: row.endpoint_id,
    disabled: row.disabled
      ? {
          disabledAt: row.disabled_at?.getTime() ?? 0,
          reason: row.disabled_reason ?? '',
          httpStatus: row.disabled_http_status,
        }
      : undefined,
    enabledAt: row.enabled_at?.getTime(),
  };
}

const COLUMNS =
  'endpoint_id, disabled, disabled_at, disabled_reason, disabled_http_status, enabled_at';

export class EndpointStateStore {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
  ) {
    this.table = `"${schema}"."http_endpoint_state"`;
  }

  async state(endpointId: string): Promise<EndpointState> {
    const rows: StateRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE endpoint_id = $1`,
      [endpointId],
    );
    const row = rows[0];
    return row === undefined
      ? { endpointId, disabled: undefined, enabledAt: undefined }
      : toState(row);
  }

  async states(): Promise<ReadonlyMap<string, EndpointState>> {
    const rows: StateRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ${this.table}`);
    return new Map(rows.map((row) => [row.endpoint_id, toState(row)]));
  }

  /** Disables the endpoint; an endpoint already disabled keeps its first time and reason. */
  async disable(
    endpointId: string,
    at: number,
    state: Omit<DisabledState, 'disabledAt'>,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${this.table}
         (endpoint_id, disabled, disabled_at, disabled_reason, disabled_http_status, updated_at)
       VALUES ($1, true, to_timestamp($2::double precision / 1000), $3, $4, to_timestamp($2::double precision / 1000))
       ON CONFLICT (endpoint_id) DO UPDATE SET
         disabled = true,
         disabled_at = excluded.disabled_at,
         disabled_reason = excluded.disabled_reason,
         disabled_http_status = excluded.disabled_http_status,
         updated_at = excluded.updated_at
       WHERE NOT ${this.table}.disabled`,
      [endpointId, at, state.reason, state.httpStatus],
    );
  }

  /** Re-enables the endpoint; true when it was disabled. */
  async enable(endpointId: string, at: number): Promise<boolean> {
    // A CTE, because TypeORM answers a bare UPDATE with [rows, rowCount] instead of rows.
    const rows: { endpoint_id: string }[] = await this.dataSource.query(
      `WITH enabled AS (
         UPDATE ${this.table}
           SET disabled = false, enabled_at = to_timestamp($2::double precision / 1000),
               updated_at = to_timestamp($2::double precision / 1000)
         WHERE endpoint_id = $1 AND disabled
         RETURNING endpoint_id)
       SELECT endpoint_id FROM enabled`,
      [endpointId, at],
    );
    return rows.length > 0;
  }
}
