/**
 * A fake target for tests: an in-memory "ERP" that keeps one document per correlation id
 * (the reference field findPriorWrite searches) and the current value per entity key.
 * Per entity key a script of steps says how the next calls behave.
 */
import type { EntityType } from '@hub/contracts';
import type {
  AnyCanonicalEvent,
  WriteAdapter,
  WriteContext,
  WriteResult,
} from '../adapter/erp-adapter';

export type FakeStep =
  | 'ok'
  /** Throws this error instead of writing. */
  | { readonly fail: Error }
  /** Writes, then calls `onCommitted` and never answers until aborted (the crash window). */
  | { readonly commitThenHang: () => void };

export interface FakeCall {
  readonly correlationId: string;
  readonly entityKey: string;
  readonly attempt: number;
  readonly at: number;
}

export class FakeWriteAdapter implements WriteAdapter {
  readonly writes: readonly EntityType[];
  readonly applyCalls: FakeCall[] = [];
  readonly findCalls: FakeCall[] = [];
  /** correlation id → document reference: what the target committed. */
  readonly documents = new Map<string, string>();
  /** entity key → the payload the target holds now. */
  readonly current = new Map<string, AnyCanonicalEvent['payload']>();
  private readonly scripts = new Map<string, FakeStep[]>();
  private documentCount = 0;

  constructor(writes: readonly EntityType[] = ['inventory-level', 'goods-receipt']) {
    this.writes = writes;
  }

  /** The next apply() calls for this entity key behave like these steps, then 'ok'. */
  script(entityKey: string, ...steps: FakeStep[]): void {
    this.scripts.set(entityKey, [...(this.scripts.get(entityKey) ?? []), ...steps]);
  }

  appliesOf(correlationId: string): number {
    return this.applyCalls.filter((call) => call.correlationId === correlationId).length;
  }

  async apply(event: AnyCanonicalEvent, context: WriteContext): Promise<WriteResult> {
    this.applyCalls.push(this.call(event, context));
    const step = this.scripts.get(event.entityKey)?.shift() ?? 'ok';
    if (typeof step === 'object' && 'fail' in step) throw step.fail;
    const result = this.commit(event, context);
    if (step === 'ok') return Promise.resolve(result);
    step.commitThenHang();
    return new Promise<WriteResult>((_resolve, reject) => {
      context.signal.addEventListener('abort', () => {
        reject(new Error('aborted after commit'));
      });
    });
  }

  findPriorWrite(
    event: AnyCanonicalEvent,
    context: WriteContext,
  ): Promise<WriteResult | undefined> {
    this.findCalls.push(this.call(event, context));
    const reference = this.documents.get(context.correlationId);
    return Promise.resolve(reference === undefined ? undefined : { targetReference: reference });
  }

  private commit(event: AnyCanonicalEvent, context: WriteContext): WriteResult {
    this.documentCount += 1;
    const reference = `DOC-${this.documentCount}`;
    this.documents.set(context.correlationId, reference);
    this.current.set(event.entityKey, event.payload);
    return { targetReference: reference };
  }

  private call(event: AnyCanonicalEvent, context: WriteContext): FakeCall {
    return {
      correlationId: context.correlationId,
      entityKey: event.entityKey,
      attempt: context.attempt,
      at: Date.now(),
    };
  }
}
