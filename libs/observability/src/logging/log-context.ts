import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line carries while an event is handled: at least its correlation id. */
export interface LogContext {
  readonly correlationId?: string;
  readonly [field: string]: string | number | boolean | undefined;
}

const storage = new AsyncLocalStorage<LogContext>();
const EMPTY: LogContext = Object.freeze({});

/**
 * Runs `fn` with `context` added to the current log context (inner fields win), so every
 * line logged during it, across awaits, carries the fields without passing loggers around.
 * Returns what `fn` returns (a promise stays a promise).
 */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(Object.freeze({ ...currentLogContext(), ...context }), fn);
}

/** The context of the code running now; empty outside any `withLogContext`. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? EMPTY;
}
