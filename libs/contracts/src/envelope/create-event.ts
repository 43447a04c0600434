/**
 * Building events: everything but the clock and the event id is a function of the input,
 * and both of those are injected (tests pass fixed ones; services pass systemEventIdentity).
 */
import { randomUUID } from 'node:crypto';
import type { AvroType } from '../avro/avro-type';
import { ContractError } from '../errors/contract-error';
import {
  canonicalContract,
  type CanonicalEvent,
  type CanonicalPayload,
} from '../events/canonical-contracts';
import { canonicalizePayload, isCanonicalPayload } from '../events/parse-canonical';
import { correlationId, payloadDigest } from '../identity/correlation-id';
import { entityTypes, type EntityType } from '../identity/entity-types';
import { canonicalize } from '../json-form/canonicalize';
import { formatFieldErrors, type ParseResult } from '../json-form/field-error';
import { envelopeFields } from './envelope-fields';

export interface EventIdentity {
  /** Epoch milliseconds. */
  readonly now: () => number;
  readonly newEventId: () => string;
}

export const systemEventIdentity: EventIdentity = {
  now: () => Date.now(),
  newEventId: () => randomUUID(),
};

const envelopeRecordSchema = {
  type: 'record',
  name: 'Envelope',
  fields: envelopeFields(entityTypes),
} as const;

/** The envelope fields every hub event starts with. */
export type EventEnvelope = AvroType<typeof envelopeRecordSchema>;

/** The envelope minus what the hub fills in at publication. */
export type EnvelopeSource = Omit<EventEnvelope, 'eventId' | 'publishedAt'>;

/** Throws INVALID_EVENT when a field breaks its schema rules (e.g. an empty sourceRecordId). */
export function buildEnvelope(source: EnvelopeSource, identity: EventIdentity): EventEnvelope {
  const checked = canonicalize(envelopeRecordSchema, {
    eventId: identity.newEventId(),
    ...source,
    publishedAt: identity.now(),
  });
  if (!checked.ok)
    throw new ContractError(
      'INVALID_EVENT',
      `Invalid envelope:\n${formatFieldErrors(checked.errors)}`,
    );
  return checked.value;
}

/** An envelope for a message about another event (outcome, dead letter): same correlation, entity and source; new id and time. */
export function envelopeAbout(original: EventEnvelope, identity: EventIdentity): EventEnvelope {
  const { eventId: _eventId, publishedAt: _publishedAt, ...source } = original;
  return buildEnvelope(source, identity);
}

export interface CanonicalSource<T extends EntityType> {
  readonly sourceSystem: string;
  readonly sourceRecordId: string;
  /** The source's change timestamp, epoch milliseconds. */
  readonly sourceVersion: number;
  readonly payload: CanonicalPayload<T>;
}

/**
 * A canonical event with eventId, correlationId, entityKey and publishedAt filled in. The
 * payload is checked and canonicalized first (decimals normalized), so the correlation id
 * does not depend on how the producer spelled "12.50". Throws INVALID_EVENT for an
 * invalid payload (a permanent failure: the same data fails again).
 */
export function createEvent<T extends EntityType>(
  entityType: T,
  source: CanonicalSource<T>,
  identity: EventIdentity,
): CanonicalEvent<T> {
  // A payload parseCanonical returned is canonical already and frozen: checking it again
  // would find the same, at a third of the ingress's event-building cost.
  const checked: ParseResult<CanonicalPayload<T>> = isCanonicalPayload(entityType, source.payload)
    ? { ok: true, value: source.payload }
    : canonicalizePayload(entityType, source.payload);
  if (!checked.ok)
    throw new ContractError(
      'INVALID_EVENT',
      `Invalid ${entityType} payload:\n${formatFieldErrors(checked.errors)}`,
    );
  const payload = checked.value;
  const envelope = buildEnvelope(
    {
      correlationId: correlationId({
        sourceSystem: source.sourceSystem,
        entityType,
        sourceRecordId: source.sourceRecordId,
        sourceVersion: source.sourceVersion,
        payloadDigest: payloadDigest(payload),
      }),
      entityType,
      entityKey: canonicalContract(entityType).entityKey(payload),
      sourceSystem: source.sourceSystem,
      sourceRecordId: source.sourceRecordId,
      sourceVersion: source.sourceVersion,
    },
    identity,
  );
  // Envelope fields plus the payload of entity type T is exactly CanonicalEvent<T>.
  return { ...envelope, payload } as unknown as CanonicalEvent<T>;
}
