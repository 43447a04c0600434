/** Helpers for this lib's specs only (not exported from the lib). */

/** What `work` throws, for asserting on its fields; fails when it throws nothing. */
export function caught(work: () => unknown): unknown {
  try {
    work();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
