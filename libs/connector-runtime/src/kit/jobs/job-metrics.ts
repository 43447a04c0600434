/**
 * hub_job_runs_total{job,outcome} (ran, failed), hub_job_duration_seconds{job},
 * hub_job_leader{job} (1 on the replica that leads it). Registered once per registry:
 * prom-client refuses a second metric of the same name.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface JobMetrics {
  readonly runs: Counter<'job' | 'outcome'>;
  readonly duration: Histogram<'job'>;
  readonly leader: Gauge<'job'>;
}

const byRegistry = new WeakMap<Registry, JobMetrics>();

export function jobMetrics(registry: Registry): JobMetrics {
  let metrics = byRegistry.get(registry);
  if (metrics === undefined) {
    metrics = {
      runs: new Counter({
        name: 'hub_job_runs_total',
        help: 'Runs of a periodic job on this replica, by outcome (ran, failed).',
        labelNames: ['job', 'outcome'],
        registers: [registry],
      }),
      duration: new Histogram({
        name: 'hub_job_duration_seconds',
        help: 'Duration of one run of a periodic job.',
        labelNames: ['job'],
        buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300],
        registers: [registry],
      }),
      leader: new Gauge({
        name: 'hub_job_leader',
        help: '1 while this replica leads the periodic job (only the leader runs it), else 0.',
        labelNames: ['job'],
        registers: [registry],
      }),
    };
    byRegistry.set(registry, metrics);
  }
  return metrics;
}
