/** Helpers for this lib's specs only (not exported from the lib). */
import fc from 'fast-check';

/** What `work` throws, for asserting on its fields; fails when it throws nothing. */
export function caught(work: () => unknown): unknown {
  try {
    work();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** fc.assert under a name the jest lint rules know as an assertion. */
export function assertProperty<Ts extends unknown[]>(property: fc.IProperty<Ts>): void {
  fc.assert(property);
}
