import { assertBeginRequest } from './validate-request';
import type { BeginAnswer, BeginRequest } from './write-types';
import type { BeginSettled } from './store/begin-write';

export interface BeginBatching {
  /** Begins in one transaction at most (default 64). */
  readonly maxBatch?: number;
  /** Batches in flight at once (default 2); later calls queue and go together in the next. */
  readonly maxInFlight?: number;
}

interface Waiting {
  readonly request: BeginRequest;
  readonly resolve: (answer: BeginAnswer) => void;
  readonly reject: (error: unknown) => void;
}

const recordOf = (request: BeginRequest): string =>
  JSON.stringify([request.target, request.entityType, request.entityKey]);

/**
 * Group commit for begin(): calls made while a batch is on its way (or in the same turn of
 * the event loop) go together in the next beginMany(), one transaction for all. Each caller
 * gets its own answer or error. A later call for a record already in a batch waits for the
 * next one, so calls for one record keep their order.
 */
export class BeginBatcher {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly beginMany: (requests: readonly BeginRequest[]) => Promise<BeginSettled[]>,
    options: BeginBatching = {},
  ) {
    this.maxBatch = Math.max(1, options.maxBatch ?? 64);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 2);
  }

  begin(request: BeginRequest): Promise<BeginAnswer> {
    return new Promise<BeginAnswer>((resolve, reject) => {
      // A bad request fails alone, not the batch it would have joined.
      assertBeginRequest(request);
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
        const batch = this.take();
        this.inFlight += 1;
        void this.run(batch).finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
      }
    });
  }

  /** The queued calls that may share a transaction (the first one's target, distinct records and ids), in order. */
  private take(): Waiting[] {
    const target = this.queue[0]?.request.target;
    const records = new Set<string>();
    const ids = new Set<string>();
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const waiting of this.queue) {
      const { request } = waiting;
      const record = recordOf(request);
      const fits =
        batch.length < this.maxBatch &&
        request.target === target &&
        !records.has(record) &&
        !ids.has(request.correlationId);
      // Once a record waits, its later calls wait too (order per record).
      records.add(record);
      ids.add(request.correlationId);
      (fits ? batch : rest).push(waiting);
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: readonly Waiting[]): Promise<void> {
    try {
      const settled = await this.beginMany(batch.map((waiting) => waiting.request));
      batch.forEach((waiting, index) => {
        const one = settled[index];
        if (one === undefined) waiting.reject(new Error('beginMany() answered fewer requests'));
        else if (one.ok) waiting.resolve(one.answer);
        else waiting.reject(one.error);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
