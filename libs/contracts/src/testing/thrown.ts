/** What `run` throws (undefined when it returns), for asserting on error codes with toMatchObject. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}
