import { MessagingError } from '../errors/messaging-error';
import { hubHeaderNames, type HubHeaders, type RawHeaders } from './hub-headers';
import {
  parseCount,
  parseEpochMillis,
  parseHistory,
  parseNonEmpty,
  parseTraceparent,
} from './header-values';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The Kafka headers for a typed header set; optional fields left out are not sent. An event (its envelope fields) can be passed as is. */
export function encodeHubHeaders(headers: HubHeaders): Record<string, string> {
  const encoded: Record<string, string> = {
    [hubHeaderNames.correlationId]: headers.correlationId,
    [hubHeaderNames.sourceSystem]: headers.sourceSystem,
    [hubHeaderNames.entityType]: headers.entityType,
    [hubHeaderNames.sourceVersion]: String(headers.sourceVersion),
    [hubHeaderNames.eventId]: headers.eventId,
  };
  const optional: [string, string | undefined][] = [
    [hubHeaderNames.entityKey, headers.entityKey],
    [hubHeaderNames.traceparent, headers.traceparent],
    [hubHeaderNames.attempt, headers.attempt?.toString()],
    [hubHeaderNames.firstFailureAt, headers.firstFailureAt?.toString()],
    [hubHeaderNames.lastError, headers.lastError],
    [hubHeaderNames.lastErrorClass, headers.lastErrorClass],
    [hubHeaderNames.target, headers.target],
    [hubHeaderNames.history, headers.history ? JSON.stringify(headers.history) : undefined],
  ];
  for (const [name, value] of optional) if (value !== undefined) encoded[name] = value;
  return encoded;
}

function required(raw: RawHeaders, header: string): string {
  const value = raw[header];
  if (value === undefined)
    throw new MessagingError('HEADER_MISSING', `Header ${header} is missing`, false);
  return value;
}

/**
 * The typed headers of a received message. Throws MessagingError HEADER_MISSING or
 * HEADER_INVALID naming the header; headers it does not know are ignored.
 */
export function decodeHubHeaders(raw: RawHeaders): HubHeaders {
  const names = hubHeaderNames;
  const decoded: Mutable<HubHeaders> = {
    correlationId: parseNonEmpty(names.correlationId, required(raw, names.correlationId)),
    sourceSystem: parseNonEmpty(names.sourceSystem, required(raw, names.sourceSystem)),
    entityType: parseNonEmpty(names.entityType, required(raw, names.entityType)),
    sourceVersion: parseEpochMillis(names.sourceVersion, required(raw, names.sourceVersion)),
    eventId: parseNonEmpty(names.eventId, required(raw, names.eventId)),
  };
  const optional = (header: string): string | undefined => raw[header];
  const entityKey = optional(names.entityKey);
  if (entityKey !== undefined) decoded.entityKey = parseNonEmpty(names.entityKey, entityKey);
  const traceparent = optional(names.traceparent);
  if (traceparent !== undefined)
    decoded.traceparent = parseTraceparent(names.traceparent, traceparent);
  const attempt = optional(names.attempt);
  if (attempt !== undefined) decoded.attempt = parseCount(names.attempt, attempt);
  const firstFailureAt = optional(names.firstFailureAt);
  if (firstFailureAt !== undefined)
    decoded.firstFailureAt = parseEpochMillis(names.firstFailureAt, firstFailureAt);
  const lastError = optional(names.lastError);
  if (lastError !== undefined) decoded.lastError = lastError;
  const lastErrorClass = optional(names.lastErrorClass);
  if (lastErrorClass !== undefined) decoded.lastErrorClass = lastErrorClass;
  const target = optional(names.target);
  if (target !== undefined) decoded.target = parseNonEmpty(names.target, target);
  const history = optional(names.history);
  if (history !== undefined) decoded.history = parseHistory(names.history, history);
  return decoded;
}
