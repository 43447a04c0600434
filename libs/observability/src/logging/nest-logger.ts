import type { LoggerService } from '@nestjs/common';
import type { Logger } from './create-logger';

type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Routes Nest's own logs (bootstrap, route mapping, exceptions) through the pino logger,
 * so one process writes one JSON format: `app.useLogger(nestLoggerFrom(logger))`.
 * Nest passes the context (a class name) as the last argument and, for errors, a stack
 * before it.
 */
export function nestLoggerFrom(logger: Logger): LoggerService {
  const write =
    (level: PinoLevel) =>
    (message: unknown, ...params: unknown[]): void => {
      const last = params.at(-1);
      const context = params.length > 0 && typeof last === 'string' ? last : undefined;
      const stack =
        level === 'error' && params.length > 1 && typeof params[0] === 'string'
          ? params[0]
          : undefined;
      if (message instanceof Error) {
        logger[level]({ context, err: message }, message.message);
        return;
      }
      const text = typeof message === 'string' ? message : JSON.stringify(message);
      logger[level](stack === undefined ? { context } : { context, stack }, text);
    };
  return {
    log: write('info'),
    error: write('error'),
    warn: write('warn'),
    debug: write('debug'),
    verbose: write('trace'),
    fatal: write('fatal'),
  };
}
