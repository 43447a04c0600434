/** Refreshes the backlog gauges every 5 s and drops sent rows past their retention. */
import type { HubMetrics, Logger } from '@hub/observability';
import type { Clock } from '@hub/resilience';
import type { DataSource } from 'typeorm';
import type { SchedulerPolicies } from '../app/target-policies';
import { purgeDoneRows } from '../store/schedule-store';
import { schedulerStatus } from './scheduler-status';

const REFRESH_MS = 5_000;
const PURGE_EVERY = 12;

export function startHousekeeping(
  dataSource: DataSource,
  policies: SchedulerPolicies,
  metrics: HubMetrics,
  clock: Clock,
  doneRetentionMs: number,
  logger: Logger,
): () => void {
  let round = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    round += 1;
    const purge = round % PURGE_EVERY === 0;
    schedulerStatus(dataSource, policies, clock, { metrics })
      .then(() => (purge ? purgeDoneRows(dataSource, clock.now() - doneRetentionMs) : undefined))
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'housekeeping round failed');
      })
      .finally(() => {
        busy = false;
      });
  }, REFRESH_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
