/**
 * What "the owner's current value" means for a change request: the newest event the owner
 * itself published for the key on its canonical topic, as this connector saw it (newest by
 * source version, then arrival order). A consumer group of its own
 * (`connector-<system>-owner-state`) reads the canonical topics of the types the system owns
 * and takes change requests for, and keeps one row per key in @hub/reconciliation's owner
 * ledger (its table lives in the connector's schema, migrated with the runtime's tables),
 * under the system's own id. A key the owner never published here has no current value.
 * A fetched slice of a partition is recorded with one statement and its offsets committed
 * after it: a crash reads the slice again, harmless since a ledger row only moves forward.
 */
import { payloadJsonForm, type EntityType, type JsonValue } from '@hub/contracts';
import { parseCanonicalEvent } from '@hub/connector-runtime';
import {
  createConsumerRunner,
  hubMessageDecoder,
  type ConsumerRunner,
  type KafkaClient,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import type { Logger } from '@hub/observability';
import type { OwnershipPolicy } from '@hub/ownership';
import { qualifiedTable } from '@hub/idempotency';
import type { LedgerEntry, LedgerRow, OwnerLedger } from '@hub/reconciliation';
import type { DataSource } from 'typeorm';

export interface OwnerEvent {
  readonly entityType: EntityType;
  readonly entityKey: string;
  readonly sourceSystem: string;
  readonly sourceRecordId: string;
  readonly sourceVersion: number;
  readonly correlationId: string;
  readonly payload: JsonValue;
}

/** A decoded canonical event (checked by the runtime's rule) → its envelope and the payload in JSON form. */
export function ownerEventOf(value: unknown): OwnerEvent {
  const event = parseCanonicalEvent(value);
  return { ...event, payload: payloadJsonForm(event) };
}

/** The types whose change requests come to `system`: it owns them and the policy forwards them. */
export function changeRequestTypes(policy: OwnershipPolicy, system: string): EntityType[] {
  return policy.typesOwnedBy(system).filter((type) => policy.changeRequestsEnabled(type));
}

export interface OwnerStateDeps {
  readonly system: string;
  readonly ledger: Pick<OwnerLedger, 'record' | 'entries'>;
  readonly client: KafkaClient;
  readonly serde: SchemaRegistrySerde;
  readonly topics: readonly string[];
  readonly groupId: string;
  readonly deadLetterTopic: string;
  readonly logger: Logger;
}

export function ownerStateFlow(deps: OwnerStateDeps): ConsumerRunner {
  return createConsumerRunner(deps.client, {
    groupId: deps.groupId,
    topics: deps.topics,
    concurrency: 2,
    deadLetter: { topic: deps.deadLetterTopic },
    logger: deps.logger,
    decode: hubMessageDecoder(deps.serde, { parse: ownerEventOf }),
    handleBatch: async (messages) => {
      const entries: LedgerEntry[] = [];
      // Only the owner's own events are its current value (another system's would be misrouted).
      for (const { value: event, offset } of messages)
        if (event.sourceSystem === deps.system)
          entries.push({ ...event, arrivalOrder: Number(offset) });
      if (entries.length > 0) await deps.ledger.record(deps.system, entries);
    },
  });
}

/** The owner's current value of one key, as far as the hub knows it. */
export async function currentOwnerState(
  ledger: Pick<OwnerLedger, 'entries'>,
  system: string,
  entityType: string,
  entityKey: string,
): Promise<LedgerRow | undefined> {
  return (await ledger.entries(system, entityType, [entityKey])).get(entityKey);
}

/**
 * A thin ERP notification names the ERP's record (Odoo: `stock.quant/42`), not the owner's
 * key. When the hub itself wrote that record (the requester's connector recorded it as the
 * target reference of a write in the shared idempotency store), that write names the key.
 */
export class RequesterRecords {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = qualifiedTable(dataSource.options, 'write_record');
  }

  async ownerKeyOf(
    requester: string,
    entityType: string,
    requesterRecord: string,
  ): Promise<string | undefined> {
    const rows = await this.dataSource.query<{ entity_key: string }[]>(
      `SELECT "entity_key" FROM ${this.table}
       WHERE "target" = $1 AND "entity_type" = $2 AND "state" = 'succeeded'
         AND "result"->>'targetReference' = $3
       ORDER BY "updated_at" DESC LIMIT 1`,
      [requester, entityType, requesterRecord],
    );
    return rows[0]?.entity_key;
  }
}
