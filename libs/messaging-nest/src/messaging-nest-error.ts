import { HubError } from '@hub/primitives';
export type MessagingNestErrorCode =
  'KAFKA_HANDLER_DUPLICATE_TOPIC' | 'KAFKA_HANDLER_UNKNOWN_TOPIC' | 'KAFKA_CONSUMER_NOT_STARTED';

/** Wiring mistakes found at bootstrap or in use; never worth retrying. */
export class MessagingNestError extends HubError {
  override readonly name = 'MessagingNestError';

  constructor(
    override readonly code: MessagingNestErrorCode,
    message: string,
  ) {
    super(code, message, false);
  }
}
