/**
 * hub_job_runs_total{job,outcome} (ran, failed), hub_job_duration_seconds{job},
 * hub_job_leader{job} (1 on the replica that leads it): the hub's metrics (METRICS in
 * @hub/observability), so they appear in the one metric table with every other.
 */
import type { HubMetrics } from '@hub/observability';

export interface JobMetrics {
  readonly runs: HubMetrics['jobRuns'];
  readonly duration: HubMetrics['jobDurationSeconds'];
  readonly leader: HubMetrics['jobLeader'];
}

export function jobMetrics(metrics: HubMetrics): JobMetrics {
  return { runs: metrics.jobRuns, duration: metrics.jobDurationSeconds, leader: metrics.jobLeader };
}
