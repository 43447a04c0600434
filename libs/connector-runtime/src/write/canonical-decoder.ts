/**
 * Decodes canonical events from any topic (canonical, redelivery) by their own entityType,
 * keeping the value bytes: a retry or dead letter must carry them unchanged.
 */
import { canonicalContracts, canonicalize, formatFieldErrors, isEntityType } from '@hub/contracts';
import { readRetryContext, type RetryContext } from '@hub/delivery-protocol';
import {
  hubHeaderNames,
  hubMessageDecoder,
  type HubHeaders,
  type MessageDecoder,
  type ValueDeserializer,
} from '@hub/messaging';
import type { AnyCanonicalEvent } from '../adapter/erp-adapter';

export interface DecodedCanonical {
  readonly event: AnyCanonicalEvent;
  readonly bytes: Buffer;
}

export interface DeliveryHeaders {
  readonly hub: HubHeaders;
  /** Undefined on a first delivery. */
  readonly retry: RetryContext | undefined;
  /** Retry headers found where the hub never puts them (a canonical topic), and ignored. */
  readonly ignoredRetryHeaders: boolean;
}

/**
 * Where retry state may come from: only a redelivery topic carries what the hub itself put
 * there. On a canonical topic, `hub-attempt` and friends are somebody else's words: a
 * canonical event carrying them would otherwise count as a redelivery and could reopen a
 * write recorded as permanently failed.
 */
export type RetryHeaderTrust = 'redelivery-topic' | 'canonical-topic';

export function parseCanonicalEvent(value: unknown): AnyCanonicalEvent {
  const entityType =
    typeof value === 'object' && value !== null
      ? (value as { entityType?: unknown }).entityType
      : undefined;
  if (!isEntityType(entityType))
    throw new Error(`Not a canonical event: entityType is ${JSON.stringify(entityType)}`);
  const checked = canonicalize(canonicalContracts[entityType].eventSchema, value);
  if (!checked.ok)
    throw new Error(`Invalid ${entityType} event:\n${formatFieldErrors(checked.errors)}`);
  return checked.value;
}

export function canonicalEventDecoder(
  serde: ValueDeserializer,
  trust: RetryHeaderTrust = 'redelivery-topic',
): MessageDecoder<DecodedCanonical, DeliveryHeaders> {
  const inner = hubMessageDecoder(serde, { parse: parseCanonicalEvent });
  return {
    headers: (raw, message) => {
      const hub = inner.headers(raw, message);
      if (trust === 'canonical-topic')
        return {
          hub,
          retry: undefined,
          ignoredRetryHeaders: raw[hubHeaderNames.attempt] !== undefined,
        };
      // Corrupt retry headers make the message undecodable (dead-lettered), not a retry loop.
      return { hub, retry: readRetryContext(raw), ignoredRetryHeaders: false };
    },
    value: async (bytes, message) => ({
      event: await inner.value(bytes, message),
      // A null value fails decoding above, so bytes exist here.
      bytes: bytes ?? Buffer.alloc(0),
    }),
  };
}
