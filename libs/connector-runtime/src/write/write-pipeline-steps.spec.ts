import type { BeginRequest, JsonValue } from '@hub/idempotency';
import {
  RecordingSender,
  TARGET,
  fixedIdentity,
  inventoryEvent,
  jsonSerde,
  silentLogger,
  unitMetrics,
  unitPolicy,
  unitTopics,
} from '../testing/unit-fakes';
import { delivery, signal } from '../testing/pipeline-fixture';
import { ThreeStepAdapter } from '../kit/steps/three-step-adapter';
import { DeliveryRecords } from './delivery-records';
import { WritePipeline, type WriteStore } from './write-pipeline';

/** A store that keeps the steps the way the real one does: recorded per write, returned by the next begin(). */
function stepStore(): WriteStore & { steps: Record<string, JsonValue>; attempts: number } {
  const state = { steps: {} as Record<string, JsonValue>, attempts: 0 };
  return Object.assign(state, {
    begin: (_request: BeginRequest) =>
      Promise.resolve({
        kind: 'proceed' as const,
        attempt: ++state.attempts,
        completedSteps: { ...state.steps },
        leaseExpiresAt: 9e12,
      }),
    recordStep: (_t: string, _c: string, _o: string, name: string, result: JsonValue) => {
      state.steps[name] = result;
      return Promise.resolve();
    },
    complete: () => Promise.resolve({ guardAdvanced: true, appliedVersion: 1_000 }),
    fail: () => Promise.resolve(),
    release: () => Promise.resolve(),
    reopen: () => Promise.resolve(false),
  });
}

describe('WritePipeline: multi-step writes', () => {
  it('resumes a write that failed after step 2 at step 3, never repeating 1 and 2', async () => {
    const adapter = new ThreeStepAdapter('post');
    const store = stepStore();
    const pipeline = new WritePipeline({
      target: TARGET,
      adapter,
      policy: unitPolicy(),
      store,
      gate: { call: (_op, work) => work() },
      records: new DeliveryRecords(TARGET, jsonSerde, fixedIdentity, unitTopics),
      sender: new RecordingSender(),
      clock: { now: () => 1_700_000_000_000 },
      leaseOwner: 'odoo/test',
      leaseMs: 60_000,
      metrics: unitMetrics(),
      logger: silentLogger,
    });
    const event = inventoryEvent();
    await expect(pipeline.handle(delivery(event), signal)).resolves.toBe('retry');
    expect(adapter.calls).toEqual(['create', 'count', 'post']);
    expect(Object.keys(store.steps)).toEqual(['create', 'count']);

    await expect(pipeline.handle(delivery(event, true), signal)).resolves.toBe('succeeded');
    expect(adapter.calls).toEqual(['create', 'count', 'post', 'post']);
    // count, then the resumed post, both on the document the first attempt created
    expect(adapter.documentsUsed).toEqual(['PID-1', 'PID-1']);
    expect(store.steps['post']).toEqual({ document: 'PID-1', state: 'posted' });
  });
});
