/**
 * Keeps the owner ledger of this receiver: a consumer group of its own on the canonical
 * topics the connector writes from, recording the newest event of each key in this
 * receiver's scope. Apart from the write flows, so the ledger never slows a write, and a
 * ledger outage (Postgres) holds back only the ledger.
 *
 * A fetched slice of a partition is recorded with one statement (the ledger keeps the newest
 * of each key in it), and its offsets are committed only after that: a crash reads the slice
 * again, which is harmless because a ledger row only moves forward.
 */
import {
  bookkeepingFetch,
  createConsumerRunner,
  type ConsumerRunner,
  type KafkaClient,
  type LagGauge,
  type MessagingLogger,
  type ValueDeserializer,
} from '@hub/messaging';
import type { OwnershipPolicy } from '@hub/ownership';
import type { LedgerEntry, OwnerLedger } from '@hub/reconciliation';
import { canonicalEventDecoder } from '../write/canonical-decoder';

export interface LedgerFlowOptions {
  readonly system: string;
  readonly client: KafkaClient;
  readonly serde: ValueDeserializer;
  readonly topics: readonly string[];
  readonly deadLetterTopic: string;
  readonly policy: Pick<OwnershipPolicy, 'writeVerdict'>;
  readonly ledger: Pick<OwnerLedger, 'record'>;
  readonly logger: MessagingLogger;
  readonly lagGauge?: LagGauge;
}

export function createLedgerFlow(options: LedgerFlowOptions): ConsumerRunner {
  const { system } = options;
  return createConsumerRunner(options.client, {
    groupId: `connector-${system}-ledger`,
    topics: options.topics,
    decode: canonicalEventDecoder(options.serde, 'canonical-topic'),
    deadLetter: { topic: options.deadLetterTopic },
    logger: options.logger,
    lagGauge: options.lagGauge,
    // Reconciliation reads the ledger later and counts a key it has not caught up on as in
    // flight, so the ledger may trail its topics by the bookkeeping wait (2 s).
    fetch: bookkeepingFetch,
    handleBatch: async (messages) => {
      const entries: LedgerEntry[] = [];
      for (const { value, offset } of messages) {
        const { event } = value;
        // Another receiver's event (another scope) is not this receiver's owner state.
        if (!options.policy.writeVerdict(system, event).allowed) continue;
        entries.push({
          entityType: event.entityType,
          entityKey: event.entityKey,
          sourceSystem: event.sourceSystem,
          sourceRecordId: event.sourceRecordId,
          sourceVersion: event.sourceVersion,
          arrivalOrder: Number(offset),
          correlationId: event.correlationId,
          payload: event.payload,
        });
      }
      if (entries.length > 0) await options.ledger.record(system, entries);
    },
  });
}
