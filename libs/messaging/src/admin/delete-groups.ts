/**
 * Deletes consumer groups that had one process's life only (a group per process, as the
 * control topic's readers use: each must read every record). Left behind, such groups pile
 * up on the broker at every restart until their offsets expire (a week by default), and
 * every lag view lists them. The broker refuses to delete a group that still has members,
 * so call this after the consumer has left.
 */
import { kafkaOf, type KafkaClient } from '../client/create-kafka-client';

export interface DeletedGroups {
  readonly deleted: readonly string[];
  /** Group id → why the broker refused or the call failed. */
  readonly failed: ReadonlyMap<string, string>;
}

export async function deleteConsumerGroups(
  client: KafkaClient,
  groupIds: readonly string[],
): Promise<DeletedGroups> {
  if (groupIds.length === 0) return { deleted: [], failed: new Map() };
  const admin = kafkaOf(client).admin();
  const failed = new Map<string, string>();
  const deleted: string[] = [];
  try {
    await admin.connect();
    // One group at a time: kafkajs rejects the whole call when any group fails.
    for (const groupId of groupIds) {
      try {
        await admin.deleteGroups([groupId]);
        deleted.push(groupId);
      } catch (error) {
        failed.set(groupId, error instanceof Error ? error.message : String(error));
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    for (const groupId of groupIds) if (!deleted.includes(groupId)) failed.set(groupId, reason);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  return { deleted, failed };
}
