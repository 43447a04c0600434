/**
 * Decodes canonical events from any topic (canonical, redelivery) by their own entityType,
 * keeping the value bytes: a retry or dead letter must carry them unchanged.
 */
import { canonicalContracts, canonicalize, formatFieldErrors, isEntityType } from '@hub/contracts';
import { readRetryContext, type RetryContext } from '@hub/delivery-protocol';
import {
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
}

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
): MessageDecoder<DecodedCanonical, DeliveryHeaders> {
  const inner = hubMessageDecoder(serde, { parse: parseCanonicalEvent });
  return {
    // Corrupt retry headers make the message undecodable (dead-lettered), not a retry loop.
    headers: (raw, message) => ({ hub: inner.headers(raw, message), retry: readRetryContext(raw) }),
    value: async (bytes, message) => ({
      event: await inner.value(bytes, message),
      // A null value fails decoding above, so bytes exist here.
      bytes: bytes ?? Buffer.alloc(0),
    }),
  };
}
