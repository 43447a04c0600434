/**
 * Turns what a source adapter read into canonical events on their topics. The correlation
 * id is a function of the record (source, type, id, version, payload), so publishing an
 * unchanged record again is harmless: every writer answers `duplicate`.
 */
import { createEvent, valueSubject, canonicalTopics, type EventIdentity } from '@hub/contracts';
import {
  encodeHubHeaders,
  type MessageSender,
  type OutgoingMessage,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { traceparentOf, type Logger } from '@hub/observability';
import type { OwnershipPolicy } from '@hub/ownership';
import type { AnyCanonicalEvent, SourceRecord } from '../adapter/erp-adapter';
import type { ConnectorTopics } from '../runtime/connector-topics';

export interface RecordPublisherDeps {
  readonly system: string;
  readonly policy: Pick<OwnershipPolicy, 'sourceVerdict'>;
  readonly serde: Pick<SchemaRegistrySerde, 'encode'>;
  readonly identity: EventIdentity;
  readonly topics: ConnectorTopics;
  readonly sender: MessageSender;
  readonly logger: Logger;
}

export function canonicalEventOf(
  system: string,
  record: SourceRecord,
  identity: EventIdentity,
): AnyCanonicalEvent {
  const { entityType, ...source } = record;
  return createEvent(entityType, { ...source, sourceSystem: system }, identity);
}

export class RecordPublisher {
  constructor(private readonly deps: RecordPublisherDeps) {}

  /** Publishes the records this system owns in their scope; returns how many were published. */
  async publish(
    records: readonly SourceRecord[],
    origin: 'notification' | 'sweep',
  ): Promise<number> {
    const { system, policy, logger } = this.deps;
    const messages: OutgoingMessage[] = [];
    for (const record of records) {
      const event = canonicalEventOf(system, record, this.deps.identity);
      const ownership = policy.sourceVerdict(system, event);
      if (!ownership.allowed) {
        logger.warn(
          {
            entityType: record.entityType,
            sourceRecordId: record.sourceRecordId,
            origin,
            code: ownership.code,
          },
          `${ownership.message}; record not published`,
        );
        continue;
      }
      messages.push(this.message(event));
    }
    if (messages.length > 0) await this.deps.sender.send(messages);
    return messages.length;
  }

  private message(event: AnyCanonicalEvent): OutgoingMessage {
    const subject = valueSubject(canonicalTopics[event.entityType]);
    return {
      topic: this.deps.topics.canonical[event.entityType],
      key: event.entityKey,
      value: this.deps.serde.encode(subject, event),
      // Inside the notification's span (tracing on), the event continues its trace.
      headers: encodeHubHeaders({ ...event, traceparent: traceparentOf() }),
    };
  }
}
