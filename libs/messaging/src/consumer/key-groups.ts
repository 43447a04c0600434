/**
 * Per-key order with concurrency across keys: a slice of a partition's messages is split
 * into one group per key (first-seen order, each group in offset order), and up to `limit`
 * groups run at once, each one message after the other. Messages without a key form one
 * group, so they keep their order too.
 */

/** Indexes into `keys`, one list per distinct key, in first-seen order. */
export function groupIndexesByKey(keys: readonly (string | null)[]): number[][] {
  const groups = new Map<string | null, number[]>();
  keys.forEach((key, index) => {
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [index]);
    else group.push(index);
  });
  return [...groups.values()];
}

/**
 * Runs the groups with at most `limit` at once. A group stops at its first message that
 * `runOne` does not finish (false), so nothing after it in the same key runs; no new
 * message starts once `stopped()` says so. Returns which indexes finished. A throw stops
 * every group; it is rethrown once all running messages have settled.
 */
export async function runKeyGroups(
  groups: readonly (readonly number[])[],
  limit: number,
  runOne: (index: number) => Promise<boolean>,
  stopped: () => boolean,
): Promise<boolean[]> {
  const done: boolean[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;
  const halted = (): boolean => failure !== undefined || stopped();
  const worker = async (): Promise<void> => {
    while (!halted()) {
      const group = groups[next];
      next += 1;
      if (group === undefined) return;
      for (const index of group) {
        if (halted()) return;
        try {
          if (!(await runOne(index))) break;
        } catch (error) {
          failure ??= { error };
          return;
        }
        done[index] = true;
      }
    }
  };
  const workers = Math.max(1, Math.min(limit, groups.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure.error;
  return done;
}

/** How many items from the start of a slice of `length` finished, without a gap. */
export function finishedPrefix(done: readonly boolean[], length: number): number {
  let count = 0;
  while (count < length && done[count] === true) count += 1;
  return count;
}
