import pino from 'pino';

/**
 * The few logging calls this lib makes, shaped like pino's (object first, then message),
 * so an app passes its own pino logger; observability can later supply a richer one.
 */
export interface MessagingLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Used when the app passes no logger: errors must never vanish silently. */
export function defaultMessagingLogger(): MessagingLogger {
  return pino({ name: 'hub-messaging' });
}
