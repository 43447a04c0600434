import { HubError } from '@hub/primitives';
/**
 * Every failure this lib raises on purpose. The code is stable (it survives into logs,
 * dead-letter headers and outcome records); `retriable` says whether trying the same
 * thing again can help (a registry outage can pass, a payload with a bad magic byte cannot).
 */
export type MessagingErrorCode =
  | 'HEADER_MISSING'
  | 'HEADER_INVALID'
  | 'NOT_CONFLUENT_PAYLOAD'
  | 'UNKNOWN_SCHEMA_ID'
  | 'UNSUPPORTED_SCHEMA_TYPE'
  | 'AVRO_DECODE_FAILED'
  | 'AVRO_INVALID_VALUE'
  | 'SCHEMA_INVALID'
  | 'SCHEMA_INCOMPATIBLE'
  | 'SUBJECT_NOT_REGISTERED'
  | 'SCHEMA_REGISTRY_UNAVAILABLE'
  | 'SCHEMA_REGISTRY_REJECTED'
  | 'VALUE_INVALID'
  | 'TOPIC_PARTITIONS_MISMATCH'
  | 'TOPIC_ADMIN_FAILED'
  | 'PRODUCE_FAILED'
  | 'PRODUCER_CLOSED'
  | 'CONSUMER_STATE'
  | 'CONSUMER_OPTIONS'
  | 'KAFKA_SECURITY_REQUIRED'
  | 'KAFKA_TLS_FILE_UNREADABLE';

export class MessagingError extends HubError {
  override readonly name = 'MessagingError';

  constructor(
    override readonly code: MessagingErrorCode,
    message: string,
    retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(code, message, retriable, options);
  }
}

export function isMessagingError(error: unknown): error is MessagingError {
  return error instanceof MessagingError;
}

/** The message of anything thrown, for logs and headers. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
