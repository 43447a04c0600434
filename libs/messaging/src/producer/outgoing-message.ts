/** A message to produce. The key decides the partition (Java-compatible murmur2). */
export interface OutgoingMessage {
  readonly topic: string;
  /** Entity key; null only for messages without per-entity order. */
  readonly key: string | Buffer | null;
  /** Encoded value (e.g. from the schema-registry serde); null is a tombstone. */
  readonly value: Buffer | null;
  readonly headers?: Readonly<Record<string, string | Buffer>>;
  /** Only when a partition must be forced (e.g. a DLQ keeping the original partition). */
  readonly partition?: number;
}

/** What a batcher needs from a producer: one produce call for many messages. */
export interface MessageSender {
  send(messages: readonly OutgoingMessage[]): Promise<void>;
}
