import pino from 'pino';
import { activeTraceFields } from '../tracing/spans';
import { currentLogContext } from './log-context';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redact-paths';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type Logger = pino.Logger;
/** Where lines go: anything with `write(line)`; stdout when omitted. */
export type LogDestination = pino.DestinationStream;

export interface LoggerOptions {
  /** On every line as `service`. */
  readonly service: string;
  readonly level?: LogLevel;
  readonly destination?: LogDestination;
  /** More pino redaction paths, added to the built-in ones. */
  readonly redact?: readonly string[];
  /** The clock for `time` (tests); the system clock otherwise. */
  readonly now?: () => Date;
}

/**
 * A JSON logger: one object per line with `level` as a word, an ISO-8601 `time`,
 * `service`, the active span's `traceId`/`spanId`, the current log context (see
 * `withLogContext`) and secrets redacted.
 */
export function createLogger(options: LoggerOptions): Logger {
  const { now } = options;
  const settings: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.service },
    timestamp:
      now === undefined ? pino.stdTimeFunctions.isoTime : () => `,"time":"${now().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACTED_PATHS, ...(options.redact ?? [])], censor: REDACTION_CENSOR },
    // pino assigns the call's own fields onto this object, so it must be a fresh copy.
    // Inside a span (tracing on), every line names its trace; the log context may name it too.
    mixin: () => ({ ...activeTraceFields(), ...currentLogContext() }),
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
