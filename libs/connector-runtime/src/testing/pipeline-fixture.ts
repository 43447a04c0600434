/** A WritePipeline over a fake target, a scripted store and a recording sender (unit tests). */
import type { BeginAnswer } from '@hub/idempotency';
import type { AnyCanonicalEvent } from '../adapter/erp-adapter';
import { FakeWriteAdapter } from './fake-write-adapter';
import {
  RecordingSender,
  TARGET,
  decodeJson,
  fixedIdentity,
  silentLogger,
  unitMetrics,
  unitPolicy,
  jsonSerde,
  unitTopics,
} from './unit-fakes';
import { DeliveryRecords, type Delivery } from '../write/delivery-records';
import type { TargetGate } from '../write/target-gate';
import { WritePipeline, type WriteStore } from '../write/write-pipeline';

export const proceed = (attempt = 1): BeginAnswer => ({
  kind: 'proceed',
  attempt,
  completedSteps: {},
  leaseExpiresAt: 9e12,
});

export function delivery(event: AnyCanonicalEvent, retried = false): Delivery {
  const at = 1_699_999_000_000;
  return {
    event,
    message: {
      key: event.entityKey,
      value: Buffer.from('original-bytes'),
      rawHeaders: { 'hub-event-id': event.eventId },
    },
    consumedFrom: { topic: unitTopics.canonical[event.entityType], partition: 0, offset: '41' },
    arrivalOrder: 41,
    retry: retried
      ? {
          target: TARGET,
          attempts: 1,
          firstFailureAt: at,
          history: [
            { attempt: 1, at, error: 'timeout', errorClass: 'transient', code: 'NETWORK_TIMEOUT' },
          ],
        }
      : undefined,
  };
}

export function setup(
  answer: BeginAnswer,
  gate: Pick<TargetGate, 'call'> = { call: (_op, work) => work() },
) {
  const adapter = new FakeWriteAdapter();
  const sender = new RecordingSender();
  const store = {
    begin: jest
      .fn<ReturnType<WriteStore['begin']>, Parameters<WriteStore['begin']>>()
      .mockResolvedValue(answer),
    complete: jest
      .fn<ReturnType<WriteStore['complete']>, Parameters<WriteStore['complete']>>()
      .mockResolvedValue({ guardAdvanced: true, appliedVersion: 1_000 }),
    fail: jest
      .fn<ReturnType<WriteStore['fail']>, Parameters<WriteStore['fail']>>()
      .mockResolvedValue(undefined),
    release: jest
      .fn<ReturnType<WriteStore['release']>, Parameters<WriteStore['release']>>()
      .mockResolvedValue(undefined),
    reopen: jest
      .fn<ReturnType<WriteStore['reopen']>, Parameters<WriteStore['reopen']>>()
      .mockResolvedValue(false),
  };
  const metrics = unitMetrics();
  const pipeline = new WritePipeline({
    target: TARGET,
    adapter,
    policy: unitPolicy(),
    store,
    gate,
    records: new DeliveryRecords(TARGET, jsonSerde, fixedIdentity, unitTopics),
    sender,
    clock: { now: () => FIXTURE_NOW },
    leaseOwner: 'odoo/test',
    leaseMs: 60_000,
    metrics,
    logger: silentLogger,
  });
  const outcomes = () =>
    sender
      .to(unitTopics.deliveryOutcome)
      .map((m) => decodeJson(m).value['payload'] as Record<string, unknown>);
  return { adapter, sender, store, pipeline, outcomes, metrics };
}

/** The fixture's clock: every pipeline of `setup` reads this instant. */
export const FIXTURE_NOW = 1_700_000_000_000;

export const signal: AbortSignal = new AbortController().signal;
