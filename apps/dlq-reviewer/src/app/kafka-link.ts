/**
 * Connects the Kafka side in the background so the API and console (served from Postgres)
 * run while Kafka is unreachable: topics ensured, the redelivery producer connected, then
 * both consumers started. A failed attempt is undone (runners cannot be restarted, so each
 * attempt builds fresh ones) and tried again with doubling delays; failures are logged at
 * most once per `logEveryMs`, the rest at debug.
 */
import type { Producer } from '@hub/messaging';
import type { Logger } from '@hub/observability';
import { errorMessage } from '@hub/resilience';
import type { Runners } from './kafka-wiring';

export interface KafkaLinkSteps {
  /** The topics the consumers read (named when one is missing). */
  readonly topics: readonly string[];
  /** Test seam: create them first; the app itself does not (`npm run topics` does). */
  ensureTopics(): Promise<void>;
  readonly producer: Producer;
  makeRunners(): Runners;
}

export interface KafkaLinkTiming {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly logEveryMs: number;
}

export const defaultKafkaLinkTiming: KafkaLinkTiming = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  logEveryMs: 60_000,
};

/**
 * The reviewer creates no topics at start-up: a consumer of a missing one fails with kafkajs'
 * UNKNOWN_TOPIC_OR_PARTITION, which this turns into what to do.
 */
export function explainFailure(error: unknown, topics: readonly string[]): string {
  if ((error as { type?: unknown } | null)?.type !== 'UNKNOWN_TOPIC_OR_PARTITION')
    return errorMessage(error);
  return (
    `a topic the reviewer consumes does not exist (${topics.join(', ')}); it creates none at start-up: ` +
    'create them with `npm run topics` (`node topics.js` in the deploy-tools image; the hub-topics Job or Strimzi KafkaTopics on Kubernetes)'
  );
}

export class KafkaLink {
  /** Why the last connection attempt failed (readiness detail), until one succeeds. */
  lastFailure: string | undefined;
  private producerConnected = false;
  private runners: Runners | undefined;
  private closing = false;
  private readonly wake = new AbortController();
  private loop: Promise<void> | undefined;
  private resolveConnected: () => void = () => undefined;
  /** Resolves once everything is connected (never, if Kafka never comes). */
  readonly connected = new Promise<void>((resolve) => {
    this.resolveConnected = resolve;
  });

  constructor(
    private readonly steps: KafkaLinkSteps,
    private readonly logger: Logger,
    private readonly timing: KafkaLinkTiming = defaultKafkaLinkTiming,
    private readonly now: () => number = Date.now,
  ) {}

  /** Redeliveries can be published. */
  get producerReady(): boolean {
    return this.producerConnected && !this.closing;
  }

  /** Both consumers run and are in their groups (not down after a crash). */
  get consuming(): boolean {
    const runners = this.runners;
    return (
      runners !== undefined &&
      !this.closing &&
      runners.deadLetters.consuming() &&
      runners.outcomes.consuming()
    );
  }

  start(): void {
    this.loop ??= this.connectUntilDone();
  }

  /** Waits for an attempt in flight at most `waitMs`; one finishing later undoes itself. */
  async stop(waitMs = 2_000): Promise<void> {
    this.closing = true;
    this.wake.abort();
    if (this.loop !== undefined) await Promise.race([this.loop, delay(waitMs)]);
    await this.release();
  }

  private async connectUntilDone(): Promise<void> {
    let wait = this.timing.initialDelayMs;
    let failures = 0;
    let loggedAt = Number.NEGATIVE_INFINITY;
    while (!this.closing) {
      try {
        await this.attempt();
        // stop() may have run while the attempt was in flight.
        if (this.isClosing()) break;
        if (failures > 0) this.logger.info({ failures }, 'Kafka connected after start-up failures');
        this.lastFailure = undefined;
        this.resolveConnected();
        return;
      } catch (error) {
        failures += 1;
        this.lastFailure = explainFailure(error, this.steps.topics);
        const facts = { failures, retryInMs: wait, reason: this.lastFailure };
        if (this.now() - loggedAt >= this.timing.logEveryMs) {
          loggedAt = this.now();
          this.logger.warn(facts, 'Kafka not reachable; API and console serve from Postgres');
        } else this.logger.debug(facts, 'Kafka still not reachable');
      }
      await delay(wait, this.wake.signal);
      wait = Math.min(wait * 2, this.timing.maxDelayMs);
    }
    await this.release();
  }

  private isClosing(): boolean {
    return this.closing;
  }

  private async attempt(): Promise<void> {
    await this.steps.ensureTopics();
    if (!this.producerConnected) {
      await this.steps.producer.connect();
      this.producerConnected = true;
    }
    const runners = this.steps.makeRunners();
    try {
      await runners.deadLetters.start();
      await runners.outcomes.start();
    } catch (error) {
      await Promise.allSettled([runners.deadLetters.stop(), runners.outcomes.stop()]);
      throw error;
    }
    this.runners = runners;
  }

  private async release(): Promise<void> {
    const runners = this.runners;
    this.runners = undefined;
    if (runners !== undefined)
      await Promise.allSettled([runners.deadLetters.stop(), runners.outcomes.stop()]);
    await this.steps.producer.disconnect().catch(() => undefined);
    this.producerConnected = false;
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
