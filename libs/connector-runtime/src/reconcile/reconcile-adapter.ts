/**
 * The read a connector implements so the hub can compare its target with the owner
 * (issue #22): the target's current value of many keys at once, in as few calls as the
 * target allows (Odoo: one search_read per warehouse for a page of SKUs), and, where the
 * target can say so, what changed there since a point in time (L2).
 */
import type { EntityType } from '@hub/contracts';
import type { JsonValue } from '@hub/idempotency';

/** What the target says changed since a point in time (L2, the receiver delta). */
export interface ReceiverChanges {
  /** The compared value, now, of each key the target changed at or after `since`. */
  readonly values: ReadonlyMap<string, JsonValue>;
  /**
   * The newest change time among them (epoch ms), where the next delta starts; `since`
   * when nothing changed. Keys changed at exactly this time are read again next time.
   */
  readonly until: number;
  /** Target calls this read made. */
  readonly calls: number;
}

export interface ReconcileAdapter {
  /** The entity types this connector can read back from its target for a comparison. */
  readonly entityTypes: readonly EntityType[];
  /**
   * The target's compared value per key, for these keys; a key the target does not have is
   * absent from the map (e.g. an unknown product), a key it has with nothing is its zero.
   */
  readReceiver(
    entityType: EntityType,
    keys: readonly string[],
    signal: AbortSignal,
  ): Promise<ReadonlyMap<string, JsonValue>>;
  /**
   * Optional (L2): the keys the target changed at or after `since` (epoch ms) with their
   * value now, at most about `limit` of them, oldest change first. Any key the target holds
   * counts, also one the owner never published (reported as unknown to the owner). Without
   * it the connector offers no receiver delta; L3 still finds the same drift, later.
   */
  readReceiverChangedSince?(
    entityType: EntityType,
    since: number,
    limit: number,
    signal: AbortSignal,
  ): Promise<ReceiverChanges>;
  /** The owner payload's value as the target would hold it (e.g. an inventory level's quantity). */
  comparable(entityType: EntityType, payload: JsonValue): JsonValue;
  /** Whether the target's value stands for the owner's (e.g. `5` and `5.000`). */
  same(entityType: EntityType, owner: JsonValue, receiver: JsonValue): boolean;
}
