/**
 * The hub's current view of an entity: the newest source version a connector applied for
 * this key and target, from the idempotency store's applied-version table (its own
 * DataSource on the connectors' schema; the reviewer never migrates it). Null when the
 * table or the row is absent.
 */
import { AppliedVersionEntity, idempotencyDataSourceOptions } from '@hub/idempotency';
import { DataSource } from 'typeorm';

export interface AppliedVersionView {
  readonly sourceVersion: number;
  readonly correlationId: string;
  /** Epoch milliseconds. */
  readonly appliedAt: number;
}

const UNDEFINED_TABLE = '42P01';
const INVALID_SCHEMA = '3F000';

export class AppliedVersionReader {
  private constructor(private readonly dataSource: DataSource) {}

  static async open(url: string, schema: string): Promise<AppliedVersionReader> {
    const dataSource = new DataSource({
      ...idempotencyDataSourceOptions({ url, schema, poolSize: 2 }),
    });
    await dataSource.initialize();
    return new AppliedVersionReader(dataSource);
  }

  async find(key: {
    target: string;
    entityType: string;
    entityKey: string;
  }): Promise<AppliedVersionView | null> {
    try {
      const row = await this.dataSource.getRepository(AppliedVersionEntity).findOneBy(key);
      return row === null
        ? null
        : {
            sourceVersion: row.sourceVersion,
            correlationId: row.correlationId,
            appliedAt: row.appliedAt.getTime(),
          };
    } catch (error) {
      if (isMissingRelation(error)) return null;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
  }
}

function isMissingRelation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === UNDEFINED_TABLE || error.code === INVALID_SCHEMA;
}
