/**
 * A fake source for tests: records by id with a change time; fetch answers from them
 * (optionally "not yet" a few times first), sweep pages through them by change time.
 */
import type { EntityType, SourceNotificationEvent } from '@hub/contracts';
import type { FetchResult, ReadAdapter, SourceRecord, SweepPage } from '../adapter/erp-adapter';

export class FakeReadAdapter implements ReadAdapter {
  readonly reads: readonly EntityType[];
  readonly fetchCalls: string[] = [];
  readonly sweepCalls: number[] = [];
  private readonly records = new Map<string, SourceRecord>();
  private readonly notYet = new Map<string, number>();

  constructor(
    reads: readonly EntityType[] = ['purchase-order'],
    private readonly pageSize = 2,
  ) {
    this.reads = reads;
  }

  /** Stores (or replaces) a record under its sourceRecordId. */
  put(record: SourceRecord): void {
    this.records.set(record.sourceRecordId, record);
  }

  /** fetch() answers "not yet" this many times for the resource before finding it. */
  hideFor(resource: string, times: number): void {
    this.notYet.set(resource, times);
  }

  fetch(notification: SourceNotificationEvent): Promise<FetchResult> {
    const { resource } = notification.payload;
    this.fetchCalls.push(resource);
    const hidden = this.notYet.get(resource) ?? 0;
    if (hidden > 0) {
      this.notYet.set(resource, hidden - 1);
      return Promise.resolve({ kind: 'not-yet' });
    }
    const record = this.records.get(resource);
    return Promise.resolve(
      record === undefined
        ? { kind: 'skip', reason: `${resource} does not exist` }
        : { kind: 'found', records: [record] },
    );
  }

  sweep(since: number): Promise<SweepPage> {
    this.sweepCalls.push(since);
    const changed = [...this.records.values()]
      .filter((record) => record.sourceVersion >= since)
      .sort((a, b) => a.sourceVersion - b.sourceVersion);
    const page = changed.slice(0, this.pageSize);
    const last = page.at(-1);
    return Promise.resolve({
      records: page,
      watermark: last === undefined ? since : last.sourceVersion,
      more: changed.length > page.length,
    });
  }
}
