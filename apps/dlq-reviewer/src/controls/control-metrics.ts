/**
 * hub_target_control_actions_total: every operator control counted where it is decided, so
 * a dashboard shows who paused what and how often the reviewer said no. A refusal is the
 * reviewer's own answer (not ready, nothing to replay, too many items); anything else that
 * throws means the order did not go through (the record or the transaction failed).
 */
import type { HubMetrics } from '@hub/observability';
import { ReviewerError } from '../problem/reviewer-error';

export type ControlMetrics = Pick<HubMetrics, 'targetControlActions'>;

export type ControlActionLabel = 'pause' | 'resume' | 'breaker' | 'pull-forward' | 'replay';

export async function countedControl<T>(
  metrics: ControlMetrics,
  target: string,
  action: ControlActionLabel,
  work: () => Promise<T>,
): Promise<T> {
  try {
    const answer = await work();
    metrics.targetControlActions.inc({ target, action, outcome: 'applied' });
    return answer;
  } catch (error) {
    const outcome = error instanceof ReviewerError ? 'refused' : 'failed';
    metrics.targetControlActions.inc({ target, action, outcome });
    throw error;
  }
}
