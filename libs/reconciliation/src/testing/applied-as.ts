/** Guard rows for tests: each key applied under this correlation id, long before any run. */
import type { AppliedVersion } from '@hub/idempotency';

export const appliedAs = (correlationId: string): AppliedVersion => ({
  correlationId,
  version: 0,
  arrivalOrder: 0,
  appliedAt: 0,
});

/** The lookup where every key was applied with the ledger's correlation id `c1-<key>-1`, except `except`. */
export const appliedFirstLevels =
  (except: readonly string[] = []) =>
  (keys: readonly string[]): Promise<Map<string, AppliedVersion>> =>
    Promise.resolve(
      new Map(
        keys.filter((key) => !except.includes(key)).map((key) => [key, appliedAs(`c1-${key}-1`)]),
      ),
    );
