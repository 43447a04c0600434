/** A topic the app needs: canonical, retry, redelivery, outcome or DLQ. */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** retention.ms; omit for the broker default, -1 keeps messages forever. */
  readonly retentionMs?: number;
  readonly cleanupPolicy?: 'delete' | 'compact' | 'compact,delete';
}

export interface TopicConfigEntry {
  readonly name: string;
  readonly value: string;
}

/** The topic-level configs a spec sets (Kafka names: retention.ms, cleanup.policy). */
export function topicConfigEntries(spec: TopicSpec): TopicConfigEntry[] {
  const entries: TopicConfigEntry[] = [];
  if (spec.retentionMs !== undefined)
    entries.push({ name: 'retention.ms', value: String(spec.retentionMs) });
  if (spec.cleanupPolicy !== undefined)
    entries.push({ name: 'cleanup.policy', value: spec.cleanupPolicy });
  return entries;
}

/** Problems with a list of specs, found before anything is sent to the broker. */
export function topicSpecProblems(specs: readonly TopicSpec[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (!/^[a-zA-Z0-9._-]{1,249}$/.test(spec.name))
      problems.push(`"${spec.name}" is not a legal topic name`);
    if (seen.has(spec.name)) problems.push(`"${spec.name}" is listed twice`);
    seen.add(spec.name);
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
      problems.push(`"${spec.name}": partitions must be a positive integer`);
    }
    if (!Number.isInteger(spec.replicationFactor) || spec.replicationFactor < 1) {
      problems.push(`"${spec.name}": replicationFactor must be a positive integer`);
    }
    if (
      spec.retentionMs !== undefined &&
      (!Number.isInteger(spec.retentionMs) || spec.retentionMs < -1)
    ) {
      problems.push(`"${spec.name}": retentionMs must be an integer >= -1`);
    }
  }
  return problems;
}
