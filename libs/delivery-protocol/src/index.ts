// @hub/delivery-protocol: how a write moves between connectors, the retry scheduler and the
// DLQ reviewer: retry headers, dead-letter records, delivery outcomes.
export {
  RetryProtocolError,
  deliveryAttempt,
  notBeforeHeader,
  operatorRetryHeader,
  readOperatorRetry,
  readRetryContext,
  recordFailure,
  type FailureFacts,
  type RetryContext,
} from './retry-context';
export {
  operatorRetryMessage,
  redeliveryMessage,
  retryHeaders,
  retryMessage,
  type CarriedMessage,
} from './retry-messages';
export { envelopeOf } from './envelope-headers';
export { arrivalOrderHeader, arrivalOrderOf, withArrivalOrder } from './arrival-order';
export {
  deadLetterEvent,
  deadLetterMessage,
  retryContextOfDeadLetter,
  type DeadLetterInput,
} from './dead-letters';
export {
  CIRCUIT_OPEN,
  breakerSignal,
  deliveryOutcomeEvent,
  outcomeMessage,
  type OutcomeInput,
} from './outcomes';
export { headersWithTraceparent, traceparentHeader, withTraceparent } from './trace-context';
