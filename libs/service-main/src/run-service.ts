/**
 * The entry point every app's main.ts shares: load and validate configuration, build the
 * service, log the redacted configuration, start listening; on SIGTERM or SIGINT drain and
 * exit 0 (1 when draining fails). A start-up failure (configuration and policy errors name
 * every problem) goes to stderr and exits 1.
 */

/** What `defineConfig` from @hub/config returns, as far as start-up needs it. */
export interface LoadableConfig<C> {
  load(): C;
  redact(config: C): unknown;
}

/** The built app: anything with a pino-shaped logger and a close that drains it. */
export interface RunnableService {
  readonly logger: {
    info(details: object, message: string): void;
    error(details: object, message: string): void;
  };
  close(): Promise<void>;
}

/** The bits of `process` the entry point uses; tests pass a fake. */
export interface ServiceProcess {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  exit(code: number): void;
  readonly stderr: { write(text: string): unknown };
}

export interface ServiceDefinition<C, S extends RunnableService> {
  readonly config: LoadableConfig<C>;
  readonly create: (config: C) => S | Promise<S>;
  /** Starts serving (listen, and whatever must run before); the process then waits for a signal. */
  readonly listen: (service: S, config: C) => Promise<unknown>;
}

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Resolves once the service listens; rejects only when `proc.exit` does not end the process. */
export async function runService<C, S extends RunnableService>(
  definition: ServiceDefinition<C, S>,
  proc: ServiceProcess = process,
): Promise<void> {
  try {
    const config = definition.config.load();
    const service = await definition.create(config);
    service.logger.info({ config: definition.config.redact(config) }, 'configuration');
    await definition.listen(service, config);
    const shutdown = (): void => {
      service.close().then(
        () => {
          proc.exit(0);
        },
        (error: unknown) => {
          service.logger.error({ err: error }, 'shutdown failed');
          proc.exit(1);
        },
      );
    };
    for (const signal of SHUTDOWN_SIGNALS) proc.once(signal, shutdown);
  } catch (error: unknown) {
    proc.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    proc.exit(1);
  }
}
