/** Everything the HTTP adapters need, built once in create-dlq-reviewer-app.ts. */
import type { DeadLetterActions } from '../actions/dead-letter-actions';
import type { ItemQueries } from '../api/item-queries';
import type { TargetOverviews } from '../api/target-overview';
import type { Replays } from '../controls/replay';
import type { TargetControlActions } from '../controls/target-control-actions';
import type { AuditStore } from '../store/audit-store';
import type { ChangeRequestStore } from '../change-requests/change-request-store';
import type { DriftProxy } from '../drift/drift-proxy';

export const REVIEWER_DEPS = Symbol('REVIEWER_DEPS');

export interface ReviewerDeps {
  readonly queries: ItemQueries;
  readonly actions: DeadLetterActions;
  readonly audit: AuditStore;
  readonly overviews: TargetOverviews;
  readonly targetControls: TargetControlActions;
  readonly replays: Replays;
  readonly changeRequests: ChangeRequestStore;
  /** The connectors' reconciliation routes (DLQ_RECONCILE_CONNECTORS). */
  readonly drift: DriftProxy;
}
