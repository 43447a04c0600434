/**
 * Periodic jobs (sweeps, webhook subscription renewal) that run on one replica at a time.
 * Every tick each replica asks the job's lease (a row in the connector's schema); only the
 * holder runs the job. The holder renews the lease while its run lasts, so a long run keeps
 * the lead, and gives it up on stop(); a replica that dies or hangs loses it once `leaseMs`
 * has passed, and the next replica to tick takes over.
 */
import type { Logger } from '@hub/observability';
import { errorMessage, systemClock, type Clock } from '@hub/resilience';
import type { JobLease } from '../../persistence/job-lease';
import type { JobMetrics } from './job-metrics';

export interface PeriodicJob {
  /** Unique per connector schema: the lease's key and the metrics' label. */
  readonly name: string;
  readonly intervalMs: number;
  /** Wait before the first tick; default intervalMs. */
  readonly firstDelayMs?: number;
  run(signal: AbortSignal): Promise<void>;
}

export interface JobRunnerOptions {
  readonly lease: JobLease;
  /** This replica, unique among the connector's replicas (the runtime's leaseOwner). */
  readonly holder: string;
  /** How long the lead lasts without renewal: longer than one tick's gap, e.g. 3 × the interval. */
  readonly leaseMs: number;
  readonly metrics: JobMetrics;
  readonly logger: Logger;
  readonly clock?: Clock;
}

export type TickResult = 'ran' | 'failed' | 'not-leader' | 'busy';

export class JobRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<TickResult>>();
  private readonly stopping = new AbortController();
  private readonly clock: Clock;

  constructor(private readonly options: JobRunnerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Ticks the job every intervalMs until stop(). */
  start(job: PeriodicJob): void {
    const schedule = (delay: number): void => {
      const timer = setTimeout(() => {
        void this.tick(job).finally(() => {
          if (!this.stopping.signal.aborted) schedule(job.intervalMs);
        });
      }, delay);
      timer.unref();
      this.timers.set(job.name, timer);
    };
    schedule(job.firstDelayMs ?? job.intervalMs);
  }

  /** One tick: runs the job if this replica leads it. Never throws: a failed run is logged and counted. */
  tick(job: PeriodicJob): Promise<TickResult> {
    const inFlight = this.running.get(job.name);
    if (inFlight !== undefined) return Promise.resolve('busy');
    const ticking = this.leadAndRun(job).finally(() => this.running.delete(job.name));
    this.running.set(job.name, ticking);
    return ticking;
  }

  /** Stops the timers, waits for runs in flight (their signal aborted) and gives up every lead. */
  async stop(): Promise<void> {
    this.stopping.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.allSettled(this.running.values());
    const { lease, holder, metrics } = this.options;
    for (const name of this.timers.keys()) {
      metrics.leader.set({ job: name }, 0);
      await lease.release(name, holder).catch(() => undefined);
    }
    this.timers.clear();
  }

  private async leadAndRun(job: PeriodicJob): Promise<TickResult> {
    const { metrics, logger } = this.options;
    let leads: boolean;
    try {
      leads = await this.acquire(job.name);
    } catch (error) {
      logger.warn({ job: job.name, error: errorMessage(error) }, 'Could not ask the job lease');
      leads = false;
    }
    metrics.leader.set({ job: job.name }, leads ? 1 : 0);
    if (!leads || this.stopping.signal.aborted) return 'not-leader';
    const renewal = setInterval(() => void this.renew(job.name), this.options.leaseMs / 3);
    renewal.unref();
    const stopTimer = metrics.duration.startTimer({ job: job.name });
    try {
      await job.run(this.stopping.signal);
      metrics.runs.inc({ job: job.name, outcome: 'ran' });
      return 'ran';
    } catch (error) {
      metrics.runs.inc({ job: job.name, outcome: 'failed' });
      logger.error({ job: job.name, error: errorMessage(error) }, 'Periodic job failed');
      return 'failed';
    } finally {
      stopTimer();
      clearInterval(renewal);
    }
  }

  private acquire(job: string): Promise<boolean> {
    const { lease, holder, leaseMs } = this.options;
    return lease.acquire(job, holder, this.clock.now(), leaseMs);
  }

  private async renew(job: string): Promise<void> {
    // A lost renewal shows on the gauge; the run in flight finishes, the next tick asks again.
    const leads = await this.acquire(job).catch(() => false);
    this.options.metrics.leader.set({ job }, leads ? 1 : 0);
  }
}
