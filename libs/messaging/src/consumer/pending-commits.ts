import type { MessagingLogger } from '../logger';

export interface CommitPolicy {
  /** Commit once this many handled messages of a partition wait for it... */
  readonly messages: number;
  /** ...or once this long passed since the partition's last commit (ms); a timer commits what is left. */
  readonly ms: number;
}

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read: the last handled message's offset + 1. */
  readonly offset: string;
}

export type Committer = (offsets: readonly PartitionOffset[]) => Promise<void>;

interface Pending {
  readonly topic: string;
  readonly partition: number;
  offset: bigint;
  messages: number;
}

export interface PendingCommitsDeps {
  readonly policy: CommitPolicy;
  /** Commits outside a batch (the timer, a rebalance, stop): the consumer's own commitOffsets. */
  readonly commitOutsideBatch: Committer;
  readonly logger: MessagingLogger;
  readonly groupId: string;
  /** Once aborted, nothing more is committed. */
  readonly signal: AbortSignal;
  readonly now?: () => number;
}

const keyOf = (topic: string, partition: number): string => `${String(partition)}:${topic}`;

/**
 * The handled offsets of a member's partitions that are not committed yet, across batches.
 *
 * At a steady trickle kafkajs hands over one message per fetch, so committing at the end of
 * every batch cost one OffsetCommit (a write to __consumer_offsets) per message and group.
 * A partition's offset is now committed when `policy.messages` handled messages wait for it,
 * when `policy.ms` passed since its last commit, when the runner stops, and when its member
 * learns of a rebalance; otherwise a timer commits it at most `policy.ms` later.
 *
 * What a crash or a lost partition redelivers grows to at most that much: still at least once,
 * never loss, because an offset is recorded only after its messages were handled. Commits are
 * sent one at a time and only forward from what this member sent, so a slow commit never
 * overtakes a newer one of the same partition. A commit that kafkajs retries across a rebalance
 * may land after the partition's new owner committed further; that moves the offset back
 * (the new owner's next restart redelivers what it handled), never past an unhandled message.
 */
export class PendingCommits {
  private readonly pending = new Map<string, Pending>();
  /** What this member committed last per partition, and when. */
  private readonly committed = new Map<string, Pending & { at: number }>();
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private immediate = false;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly deps: PendingCommitsDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** `messages` more handled messages of the partition, up to `nextOffset` (exclusive). */
  record(topic: string, partition: number, nextOffset: string, messages: number): void {
    const key = keyOf(topic, partition);
    const offset = BigInt(nextOffset);
    const entry = this.pending.get(key);
    if (entry === undefined) this.pending.set(key, { topic, partition, offset, messages });
    else {
      if (offset > entry.offset) entry.offset = offset;
      entry.messages += messages;
    }
  }

  /** Whether the partition's handled offsets are to be committed now rather than later. */
  due(topic: string, partition: number): boolean {
    const key = keyOf(topic, partition);
    const entry = this.pending.get(key);
    if (entry === undefined) return false;
    if (this.immediate || entry.messages >= this.deps.policy.messages) return true;
    const last = this.committed.get(key);
    return last === undefined || this.now() - last.at >= this.deps.policy.ms;
  }

  /** Commits the partition's pending offset with the batch's own committer; rejects if it fails. */
  commitPartition(topic: string, partition: number, commit: Committer): Promise<void> {
    const key = keyOf(topic, partition);
    return this.enqueue(commit, (entryKey) => entryKey === key);
  }

  /** Arms the timer, if it is not armed, for whatever is pending. */
  commitLater(): void {
    if (this.closed || this.pending.size === 0 || this.timer !== undefined) return;
    if (this.deps.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().finally(() => {
        this.commitLater();
      });
    }, this.deps.policy.ms);
    // The runner's stop() commits what is pending; the timer alone keeps no process alive.
    this.timer.unref();
  }

  /** Commits every pending offset outside a batch; a failure is logged and the offsets kept. */
  flush(): Promise<void> {
    return this.enqueue(this.deps.commitOutsideBatch, () => true).catch((error: unknown) => {
      this.deps.logger.warn(
        { groupId: this.deps.groupId, err: error },
        'Committing handled offsets failed; they stay pending and are committed again later',
      );
    });
  }

  /** From now on every batch commits what it handled before it is left (the runner is stopping). */
  commitEveryBatch(): void {
    this.immediate = true;
  }

  /**
   * After a (re)join: offsets of partitions this member no longer has are not committed by it,
   * and kafkajs reads the committed offsets again, so what this member sent before counts no more.
   */
  rejoined(assigned: (topic: string, partition: number) => boolean): void {
    for (const [key, entry] of this.pending)
      if (!assigned(entry.topic, entry.partition)) this.pending.delete(key);
    this.committed.clear();
  }

  /** Stops the timer; nothing pending is committed by this object afterwards. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  /**
   * One commit at a time: the entries chosen are taken when the commit starts (so the newest
   * offsets go out), put back if it fails and nothing newer arrived meanwhile.
   */
  private enqueue(commit: Committer, chosen: (key: string) => boolean): Promise<void> {
    const run = async (): Promise<void> => {
      if (this.deps.signal.aborted) return;
      const taken: [string, Pending][] = [];
      for (const [key, entry] of this.pending) {
        if (!chosen(key)) continue;
        this.pending.delete(key);
        const last = this.committed.get(key);
        if (last === undefined || entry.offset > last.offset) taken.push([key, entry]);
      }
      if (taken.length === 0) return;
      try {
        await commit(
          taken.map(([, { topic, partition, offset }]) => ({
            topic,
            partition,
            offset: offset.toString(),
          })),
        );
      } catch (error) {
        for (const [key, entry] of taken) {
          const newer = this.pending.get(key);
          if (newer === undefined) this.pending.set(key, entry);
          else newer.messages += entry.messages;
        }
        throw error;
      }
      const at = this.now();
      for (const [key, entry] of taken) this.committed.set(key, { ...entry, at });
    };
    const result = this.chain.then(run);
    this.chain = result.catch(() => undefined);
    return result;
  }
}
