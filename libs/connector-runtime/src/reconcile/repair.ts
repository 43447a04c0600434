/**
 * One-way repair (CONNECTOR_RECONCILE=repair): after a pass that found drift and was not
 * halted by the drift cap, the owner's current state of each drifted key is written again
 * through the normal write path, in process: ownership (never towards the owner), the
 * idempotency store, the stale-write guard, the breaker and the shared rate limit all apply,
 * and a failure takes the retry queue like any write. The write carries a correlation id of
 * its own per run (`repairCorrelationId`), so it is not a duplicate of the change it repeats,
 * and the same run never repairs a key twice; it keeps the change's source version and
 * arrival order, so any newer change still wins over it.
 */
import {
  canonicalTopics,
  createEvent,
  repairCorrelationId,
  valueSubject,
  type EntityType,
  type EventIdentity,
} from '@hub/contracts';
import { encodeHubHeaders, type SchemaRegistrySerde } from '@hub/messaging';
import type { Logger } from '@hub/observability';
import { errorMessage } from '@hub/resilience';
import type { DriftStore, LedgerRow, OwnerLedger, Verdict } from '@hub/reconciliation';
import type { AnyCanonicalEvent } from '../adapter/erp-adapter';
import { parseCanonicalEvent } from '../write/canonical-decoder';
import type { Delivery } from '../write/delivery-records';
import type { WriteLabel, WritePipeline } from '../write/write-pipeline';

/** What a repair can fix: the owner has a state the receiver does not show. */
const REPAIRABLE: readonly Verdict[] = ['drifted', 'missing-at-receiver', 'undelivered'];
const PAGE = 500;

export interface RepairDeps {
  readonly system: string;
  readonly pipeline: Pick<WritePipeline, 'handle'>;
  readonly ledger: Pick<OwnerLedger, 'entries'>;
  readonly drift: Pick<DriftStore, 'list'>;
  readonly serde: Pick<SchemaRegistrySerde, 'encode'>;
  readonly identity: EventIdentity;
  readonly logger: Logger;
}

export interface RepairTally {
  /** Write outcomes by label (succeeded, retry, dead-lettered, superseded, …), plus `failed`. */
  readonly outcomes: Readonly<Record<string, number>>;
}

function repairEvent(
  row: LedgerRow,
  entityType: EntityType,
  runId: string,
  identity: EventIdentity,
): AnyCanonicalEvent {
  const change = createEvent(
    entityType,
    {
      sourceSystem: row.sourceSystem,
      sourceRecordId: row.sourceRecordId,
      sourceVersion: row.sourceVersion,
      // The ledger holds the payload as the hub accepted it; createEvent checks it against the contract.
      payload: row.payload as never,
    },
    identity,
  );
  return parseCanonicalEvent({
    ...change,
    correlationId: repairCorrelationId(row.correlationId, runId),
  });
}

function deliveryOf(
  event: AnyCanonicalEvent,
  row: LedgerRow,
  runId: string,
  deps: RepairDeps,
): Delivery {
  return {
    event,
    message: {
      key: event.entityKey,
      value: deps.serde.encode(valueSubject(canonicalTopics[event.entityType]), event),
      rawHeaders: encodeHubHeaders(event),
    },
    consumedFrom: { topic: `reconciliation/${runId}`, partition: 0, offset: '0' },
    retry: undefined,
    arrivalOrder: row.arrivalOrder,
  };
}

/** Repairs what run `runId` of this pair left open; a key whose write throws is left to the next run. */
export async function repairRun(
  deps: RepairDeps,
  entityType: EntityType,
  runId: string,
  signal: AbortSignal,
): Promise<RepairTally> {
  const pair = { entityType, receiver: deps.system };
  const outcomes: Record<string, number> = {};
  const count = (label: WriteLabel | 'failed'): void => {
    outcomes[label] = (outcomes[label] ?? 0) + 1;
  };
  let afterKey = '';
  for (;;) {
    const items = await deps.drift.list(pair, { status: 'open', afterKey, limit: PAGE });
    const last = items.at(-1);
    if (last === undefined) break;
    afterKey = last.entityKey;
    const due = items.filter(
      (item) => item.lastRunId === runId && REPAIRABLE.includes(item.verdict),
    );
    const rows = await deps.ledger.entries(
      deps.system,
      entityType,
      due.map((item) => item.entityKey),
    );
    for (const row of rows.values()) {
      signal.throwIfAborted();
      const event = repairEvent(row, entityType, runId, deps.identity);
      try {
        count(await deps.pipeline.handle(deliveryOf(event, row, runId, deps), signal));
      } catch (error) {
        // Busy elsewhere (a live write of the key) or the store unreachable: the next run looks again.
        count('failed');
        deps.logger.warn(
          {
            entityKey: row.entityKey,
            correlationId: event.correlationId,
            error: errorMessage(error),
          },
          'Repair write not done; the next reconciliation run looks at the key again',
        );
      }
    }
  }
  return { outcomes };
}
