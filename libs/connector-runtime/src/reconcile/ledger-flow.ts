/**
 * Keeps the owner ledger of this receiver: a consumer group of its own on the canonical
 * topics the connector writes from, recording the newest event of each key in this
 * receiver's scope. Apart from the write flows, so the ledger never slows a write, and a
 * ledger outage (Postgres) holds back only the ledger.
 */
import {
  createConsumerRunner,
  type ConsumerRunner,
  type KafkaClient,
  type LagGauge,
  type MessagingLogger,
  type ValueDeserializer,
} from '@hub/messaging';
import type { OwnershipPolicy } from '@hub/ownership';
import type { OwnerLedger } from '@hub/reconciliation';
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
    handler: async (message) => {
      const { event } = message.value;
      // Another receiver's event (another scope) is not this receiver's owner state.
      if (!options.policy.writeVerdict(system, event).allowed) return;
      await options.ledger.record(system, [
        {
          entityType: event.entityType,
          entityKey: event.entityKey,
          sourceSystem: event.sourceSystem,
          sourceRecordId: event.sourceRecordId,
          sourceVersion: event.sourceVersion,
          arrivalOrder: Number(message.offset),
          correlationId: event.correlationId,
          payload: event.payload,
        },
      ]);
    },
  });
}
