/**
 * The paged-sweep rule, for sources that can list records changed since a time, oldest
 * first, with a limit (Odoo's write_date, Business Central's lastModifiedDateTime, OData's
 * LastChangeDateTime):
 *
 * - A page never splits one timestamp: a full page ends before its newest timestamp, whose
 *   records start the next page. Otherwise records written in the same instant past the
 *   limit would sit behind a watermark that already passed them, and be lost.
 * - A full page that is all one timestamp reads that whole instant (`fetchAt`) and moves the
 *   watermark just past it, so the sweep cannot stall on it.
 * - The last page's watermark is its newest timestamp, inclusive: the next sweep reads that
 *   instant again, so records committed late within it are not lost; the ones read twice
 *   are re-published with the same correlation id and answered `duplicate`.
 */

export interface PagedSweepSource<R> {
  /** Records with timestamp ≥ `since`, oldest first (ties in a stable order), at most `limit`. */
  fetchPage(since: number, limit: number): Promise<readonly R[]>;
  /** Every record with exactly this timestamp. */
  fetchAt(timestamp: number): Promise<readonly R[]>;
  /** The record's change time, epoch ms. */
  timestampOf(record: R): number;
}

export interface PagedSweepOptions {
  readonly pageSize: number;
  /** The source's timestamp resolution, ms (Odoo: 1000, whole seconds). Default 1. */
  readonly resolutionMs?: number;
}

export interface PagedSweepResult<R> {
  readonly records: readonly R[];
  /** The next page's `since` (epoch ms, inclusive). */
  readonly watermark: number;
  readonly more: boolean;
}

export async function sweepPage<R>(
  source: PagedSweepSource<R>,
  since: number,
  options: PagedSweepOptions,
): Promise<PagedSweepResult<R>> {
  const resolution = options.resolutionMs ?? 1;
  // The source cannot represent a finer `since`: round up so a stored watermark past an instant stays past it.
  const from = Math.ceil(since / resolution) * resolution;
  const rows = await source.fetchPage(from, options.pageSize);
  const newest = rows.length === 0 ? undefined : source.timestampOf(rows[rows.length - 1] as R);
  if (rows.length < options.pageSize || newest === undefined)
    return { records: rows, watermark: Math.max(since, newest ?? since), more: false };
  const before = rows.filter((row) => source.timestampOf(row) < newest);
  if (before.length > 0) return { records: before, watermark: newest, more: true };
  return { records: await source.fetchAt(newest), watermark: newest + resolution, more: true };
}
