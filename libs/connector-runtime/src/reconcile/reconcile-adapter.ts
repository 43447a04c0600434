/**
 * The read a connector implements so the hub can compare its target with the owner
 * (issue #22): the target's current value of many keys at once, in as few calls as the
 * target allows (Odoo: one search_read per warehouse for a page of SKUs).
 */
import type { EntityType } from '@hub/contracts';
import type { JsonValue } from '@hub/idempotency';

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
  /** The owner payload's value as the target would hold it (e.g. an inventory level's quantity). */
  comparable(entityType: EntityType, payload: JsonValue): JsonValue;
  /** Whether the target's value stands for the owner's (e.g. `5` and `5.000`). */
  same(entityType: EntityType, owner: JsonValue, receiver: JsonValue): boolean;
}
