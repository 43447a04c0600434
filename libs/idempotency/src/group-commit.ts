/** How calls are gathered into one transaction (store option `batchBegins`, `batchCompletes`). */
export interface Batching {
  /** Calls in one transaction at most (default 64). */
  readonly maxBatch?: number;
  /** Batches in flight at once (default 2); later calls queue and go together in the next. */
  readonly maxInFlight?: number;
}

/** One call's answer, or why it has none (the others of its batch are not affected). */
export type Settled<A> =
  { readonly ok: true; readonly answer: A } | { readonly ok: false; readonly error: unknown };

/** Which batch a call may join: one `group` per batch, no `slot` twice in it. */
export interface Placement {
  readonly group: string;
  readonly slots: readonly string[];
}

interface Waiting<R, A> {
  readonly request: R;
  readonly placement: Placement;
  readonly resolve: (answer: A) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: calls made while a batch is on its way (or in the same turn of the event
 * loop) go together in the next `runMany`, one transaction for all. Each caller gets its
 * own answer or error. A call whose slot (say, its record) is taken, in the batch being
 * formed or in one in flight, waits for a later batch, and so do the calls behind it with
 * that slot: calls for one record keep their order.
 */
export class GroupCommit<R, A> {
  private queue: Waiting<R, A>[] = [];
  /** Slots of the batches in flight: a call with one of them waits until that batch is done. */
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly runMany: (requests: readonly R[]) => Promise<Settled<A>[]>,
    private readonly place: (request: R) => Placement,
    options: Batching = {},
  ) {
    this.maxBatch = Math.max(1, options.maxBatch ?? 64);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 2);
  }

  /** `check` throws for a request that is bad on its own: it fails alone, not its batch. */
  call(request: R, check: (request: R) => void = () => undefined): Promise<A> {
    return new Promise<A>((resolve, reject) => {
      check(request);
      this.queue.push({ request, placement: this.place(request), resolve, reject });
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
        if (batch.length === 0) return;
        const slots = batch.flatMap((waiting) => waiting.placement.slots);
        for (const slot of slots) this.busy.add(slot);
        this.inFlight += 1;
        void this.run(batch).finally(() => {
          for (const slot of slots) this.busy.delete(slot);
          this.inFlight -= 1;
          this.schedule();
        });
      }
    });
  }

  /** The queued calls that may share a transaction, in order; the rest stay queued in order. */
  private take(): Waiting<R, A>[] {
    const group = this.queue.find((waiting) =>
      waiting.placement.slots.every((slot) => !this.busy.has(slot)),
    )?.placement.group;
    const taken = new Set(this.busy);
    const batch: Waiting<R, A>[] = [];
    const rest: Waiting<R, A>[] = [];
    for (const waiting of this.queue) {
      const { placement } = waiting;
      const fits =
        batch.length < this.maxBatch &&
        placement.group === group &&
        placement.slots.every((slot) => !taken.has(slot));
      // Once a slot waits, its later calls wait too (order per slot).
      for (const slot of placement.slots) taken.add(slot);
      (fits ? batch : rest).push(waiting);
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: readonly Waiting<R, A>[]): Promise<void> {
    try {
      const settled = await this.runMany(batch.map((waiting) => waiting.request));
      batch.forEach((waiting, index) => {
        const one = settled[index];
        if (one === undefined) waiting.reject(new Error('a batch answered fewer calls'));
        else if (one.ok) waiting.resolve(one.answer);
        else waiting.reject(one.error);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
