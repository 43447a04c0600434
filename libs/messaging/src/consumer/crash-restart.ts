/**
 * kafkajs restarts a crashed consumer only when it deems the cause retriable. A broker restart
 * can crash a consumer with a cause it does not: when the group coordinator goes away during a
 * rejoin, the lookup ends in "Failed to find group coordinator" (KafkaJSGroupCoordinatorNotFound,
 * non-retriable), and kafkajs leaves the consumer disconnected for good. The app stays up and
 * ready while its partitions are never read again (seen in the e2e Kafka restart test: the
 * Odoo read path stopped). The runner therefore starts such a consumer again itself, with
 * backoff, until it runs or the runner stops.
 */
export interface CrashRestartDeps {
  /** Connects and runs the consumer again (kafkajs keeps its subscriptions across a crash). */
  readonly restart: () => Promise<void>;
  /** False once the runner is stopping: a crash then is the end. */
  readonly wanted: () => boolean;
  /** Wait before restart number `attempt` (1-based). */
  readonly delayMs: (attempt: number) => number;
  readonly onScheduled: (attempt: number, delayMs: number) => void;
  readonly onFailed: (error: unknown, attempt: number) => void;
}

export interface CrashRestarter {
  /** kafkajs reported a crash; `restarting` is its own decision to restart the consumer. */
  crashed(restarting: boolean): void;
  /** The consumer joined its group again: the next crash starts the backoff afresh. */
  joined(): void;
  /** No more restarts; resolves once a restart in flight is over. */
  stop(): Promise<void>;
}

export function createCrashRestarter(deps: CrashRestartDeps): CrashRestarter {
  let attempt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  const schedule = (): void => {
    if (stopped || timer !== undefined || !deps.wanted()) return;
    attempt += 1;
    const delay = deps.delayMs(attempt);
    deps.onScheduled(attempt, delay);
    timer = setTimeout(() => {
      timer = undefined;
      if (stopped || !deps.wanted()) return;
      const current = deps.restart().catch((error: unknown) => {
        deps.onFailed(error, attempt);
        schedule();
      });
      inFlight = current;
      void current.finally(() => {
        if (inFlight === current) inFlight = undefined;
      });
    }, delay);
  };

  return {
    crashed(restarting) {
      if (!restarting) schedule();
    },
    joined() {
      attempt = 0;
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
