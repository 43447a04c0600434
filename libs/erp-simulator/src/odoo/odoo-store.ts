/**
 * The in-memory database. Writes run in a transaction whose changes stay invisible to
 * other readers until `commit()`, which is what lets the simulator send Odoo 17's webhook
 * before the change can be read back. Ids and sequences never roll back, as in Postgres.
 */
import { OdooSchema, type SchemaView } from './odoo-registry';
import { odooDatetime, type OdooValue, type StoredRecord } from './odoo-values';

export interface RecordView extends SchemaView {
  get(model: string, id: number): StoredRecord | undefined;
  all(model: string): StoredRecord[];
  now(): string;
}

export interface WriteView extends RecordView {
  put(model: string, record: StoredRecord): void;
  remove(model: string, id: number): void;
  nextId(model: string): number;
  nextSequence(key: string): number;
}

export class OdooStore implements RecordView {
  private readonly tables = new Map<string, Map<number, StoredRecord>>();
  private readonly sequences = new Map<string, number>();
  private lock: Promise<void> = Promise.resolve();
  readonly schema = new OdooSchema();

  constructor(private readonly clock: () => Date) {}

  now(): string {
    return odooDatetime(this.clock());
  }

  table(model: string): Map<number, StoredRecord> {
    let table = this.tables.get(model);
    if (!table) {
      table = new Map();
      this.tables.set(model, table);
    }
    return table;
  }

  get(model: string, id: number): StoredRecord | undefined {
    return this.tables.get(model)?.get(id);
  }

  all(model: string): StoredRecord[] {
    return [...this.table(model).values()];
  }

  nextSequence(key: string): number {
    const next = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, next);
    return next;
  }

  /** Makes sure new ids start after `id` (seeded records with fixed ids). */
  reserveId(model: string, id: number): void {
    const key = `id:${model}`;
    if ((this.sequences.get(key) ?? 0) < id) this.sequences.set(key, id);
  }

  /** Serializes writers (Odoo's row locks); readers never wait. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.lock;
    let release = (): void => undefined;
    this.lock = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }

  begin(): OdooTransaction {
    return new OdooTransaction(this);
  }
}

export class OdooTransaction implements WriteView {
  private readonly pending = new Map<string, Map<number, StoredRecord | null>>();

  constructor(private readonly store: OdooStore) {}

  get schema(): OdooSchema {
    return this.store.schema;
  }

  now(): string {
    return this.store.now();
  }

  get(model: string, id: number): StoredRecord | undefined {
    const staged = this.pending.get(model)?.get(id);
    if (staged === null) return undefined;
    return staged ?? this.store.get(model, id);
  }

  all(model: string): StoredRecord[] {
    const staged = this.pending.get(model);
    if (!staged) return this.store.all(model);
    const merged = new Map(this.store.table(model));
    for (const [id, record] of staged) {
      if (record === null) merged.delete(id);
      else merged.set(id, record);
    }
    return [...merged.values()].sort((a, b) => a.id - b.id);
  }

  put(model: string, record: StoredRecord): void {
    this.staged(model).set(record.id, record);
  }

  remove(model: string, id: number): void {
    this.staged(model).set(id, null);
  }

  nextId(model: string): number {
    return this.store.nextSequence(`id:${model}`);
  }

  nextSequence(key: string): number {
    return this.store.nextSequence(key);
  }

  commit(): void {
    for (const [model, staged] of this.pending) {
      const table = this.store.table(model);
      for (const [id, record] of staged) {
        if (record === null) table.delete(id);
        else table.set(id, record);
      }
    }
    this.pending.clear();
  }

  private staged(model: string): Map<number, StoredRecord | null> {
    let staged = this.pending.get(model);
    if (!staged) {
      staged = new Map();
      this.pending.set(model, staged);
    }
    return staged;
  }
}

export function withValues(record: StoredRecord, values: Record<string, OdooValue>): StoredRecord {
  return { ...record, ...values, id: record.id };
}
