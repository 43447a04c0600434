/**
 * For tests: an adapter whose write is three target calls (create, count, post) through
 * runSteps, like SAP's physical inventory. `failAt` makes that step fail once, transiently.
 */
import type { EntityType } from '@hub/contracts';
import { TransientError } from '@hub/resilience';
import type {
  AnyCanonicalEvent,
  WriteAdapter,
  WriteContext,
  WriteResult,
} from '../../adapter/erp-adapter';
import { runSteps } from './run-steps';

export const THREE_STEPS = ['create', 'count', 'post'] as const;
export type ThreeStep = (typeof THREE_STEPS)[number];

export class ThreeStepAdapter implements WriteAdapter {
  readonly writes: readonly EntityType[] = ['inventory-level'];
  /** Every target call made, in order. */
  readonly calls: ThreeStep[] = [];
  /** The document ids each `count` and `post` call was made on. */
  readonly documentsUsed: string[] = [];
  private failAt: ThreeStep | undefined;

  constructor(failOnceAt?: ThreeStep) {
    this.failAt = failOnceAt;
  }

  async apply(_event: AnyCanonicalEvent, context: WriteContext): Promise<WriteResult> {
    const results = await runSteps(context, [
      { name: 'create', run: () => this.call('create', () => ({ document: 'PID-1' })) },
      {
        name: 'count',
        run: (previous) => this.call('count', () => this.onDocument(previous, 'counted')),
      },
      {
        name: 'post',
        run: (previous) => this.call('post', () => this.onDocument(previous, 'posted')),
      },
    ]);
    const posted = results['post'] as { document: string } | undefined;
    return { targetReference: posted?.document ?? null };
  }

  findPriorWrite(): Promise<WriteResult | undefined> {
    return Promise.resolve(undefined);
  }

  private call<T>(step: ThreeStep, work: () => T): Promise<T> {
    this.calls.push(step);
    if (this.failAt === step) {
      this.failAt = undefined;
      return Promise.reject(new TransientError('HTTP_SERVER_ERROR', `${step} failed: HTTP 503`));
    }
    return Promise.resolve(work());
  }

  private onDocument(
    previous: Readonly<Record<string, unknown>>,
    state: string,
  ): { document: string; state: string } {
    const created = previous['create'] as { document: string };
    this.documentsUsed.push(created.document);
    return { document: created.document, state };
  }
}
