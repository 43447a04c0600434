import type { DataSource } from 'typeorm';
import { run, timestampParameter, withRunner } from './sql';
import type { Tables } from './tables';

/**
 * Deletes finished write records (succeeded or failed permanently) last updated before
 * `cutoff`. In-flight records are never purged: they hold the lease and the completed
 * steps of a write that is not done. The stale-write guard is never purged either.
 */
export async function purgeFinished(
  dataSource: DataSource,
  tables: Tables,
  cutoff: number,
): Promise<number> {
  return withRunner(dataSource, async (runner) => {
    const { affected } = await run(
      runner,
      `DELETE FROM ${tables.writeRecord} WHERE "state" <> 'in-flight' AND "updated_at" < $1`,
      [timestampParameter(cutoff)],
    );
    return affected;
  });
}
