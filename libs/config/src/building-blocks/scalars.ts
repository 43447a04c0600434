import { z } from 'zod';

/** `true`, `false`, `1` or `0` (any case). Nothing else: `yes` or `on` are typos here, not intent. */
export function boolean(): z.ZodType<boolean, string> {
  return z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0'], { error: 'must be true, false, 1 or 0' }))
    .transform((text) => text === 'true' || text === '1');
}

/** A non-empty string, trimmed. */
export function text(): z.ZodString {
  return z.string().trim().min(1, 'must not be empty');
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A pino log level. */
export function logLevel(): z.ZodType<LogLevel, string> {
  return z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }));
}

/** One of the given words, exactly. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
): z.ZodType<T[number], string> {
  return z
    .string()
    .trim()
    .pipe(z.enum(values, { error: `must be one of ${values.join(', ')}` }));
}
