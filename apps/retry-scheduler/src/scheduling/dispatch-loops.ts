/** Runs each target's dispatcher round after round until stopped; a failing round is logged and retried. */
import type { Logger } from '@hub/observability';
import type { TargetDispatcher } from './target-dispatcher';

export class DispatchLoops {
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private wake: (() => void)[] = [];

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
    for (const wake of this.wake.splice(0)) wake();
    await Promise.all(this.loops.splice(0));
  }

  private async loop(target: string, dispatcher: TargetDispatcher): Promise<void> {
    while (this.isRunning()) {
      let waitMs: number;
      try {
        waitMs = await dispatcher.dispatchOnce();
      } catch (error) {
        this.logger.error({ err: error, target }, 'dispatch round failed; trying again');
        waitMs = this.errorBackoffMs;
      }
      if (!this.isRunning()) break;
      if (waitMs > 0) await this.sleep(waitMs);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  // A method, so the check after an await reads the field afresh (stop() may have run meanwhile).
  private isRunning(): boolean {
    return this.running;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = this.wake.filter((entry) => entry !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake.push(done);
    });
  }
}
