export {
  HubError,
  TransientError,
  PermanentError,
  ERROR_CLASSES,
  errorMessage,
  isHubError,
  type ErrorClass,
  type HubErrorOptions,
  type TransientErrorOptions,
} from './errors/hub-error';
export { systemClock, type Clock } from './clock';
export { formatDuration, parseDuration } from './duration';
export { withLinkedSignal } from './linked-signal';
