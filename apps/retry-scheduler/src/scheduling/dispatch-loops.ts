/**
 * Runs each target's dispatcher round after round until stopped; a failing round is logged
 * and retried. Between rounds a loop sleeps as long as its dispatcher said, unless woken:
 * `wake(target)` (a notification that a retry may be sendable sooner, or an operator's
 * order) ends the sleep, and a wake during a round makes the next round start at once, so
 * none is lost between a round's queries and its sleep.
 */
import type { Logger } from '@hub/observability';
import type { TargetDispatcher } from './target-dispatcher';

export class DispatchLoops {
  private running = false;
  private readonly loops: Promise<void>[] = [];
  /** Targets woken since their current round began. */
  private readonly woken = new Set<string>();
  private readonly sleeping = new Map<string, () => void>();

  constructor(
    private readonly dispatchers: ReadonlyMap<string, TargetDispatcher>,
    private readonly errorBackoffMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const [target, dispatcher] of this.dispatchers)
      this.loops.push(this.loop(target, dispatcher));
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const done of [...this.sleeping.values()]) done();
    await Promise.all(this.loops.splice(0));
  }

  /** A target's loop (ignored for a target this process has no loop for), or all of them. */
  wake(target: string | undefined): void {
    const targets = target === undefined ? [...this.dispatchers.keys()] : [target];
    for (const each of targets) {
      if (!this.dispatchers.has(each)) continue;
      this.woken.add(each);
      this.sleeping.get(each)?.();
    }
  }

  private async loop(target: string, dispatcher: TargetDispatcher): Promise<void> {
    while (this.isRunning()) {
      this.woken.delete(target);
      let waitMs: number;
      try {
        waitMs = await dispatcher.dispatchOnce();
      } catch (error) {
        this.logger.error({ err: error, target }, 'dispatch round failed; trying again');
        waitMs = this.errorBackoffMs;
      }
      if (!this.isRunning()) break;
      if (waitMs > 0 && !this.woken.has(target)) await this.sleep(target, waitMs);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  // A method, so the check after an await reads the field afresh (stop() may have run meanwhile).
  private isRunning(): boolean {
    return this.running;
  }

  private sleep(target: string, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.sleeping.get(target) === done) this.sleeping.delete(target);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeping.set(target, done);
    });
  }
}
