/** Reads GET /status and waits for a condition on it. */
import type { TargetStatus } from '../status/scheduler-status';

export async function targetStatus(url: string, target: string): Promise<TargetStatus> {
  const response = await fetch(`${url}/status`);
  const body = (await response.json()) as { targets: TargetStatus[] };
  const status = body.targets.find((entry) => entry.target === target);
  if (status === undefined) throw new Error(`no status for ${target}`);
  return status;
}

export async function waitForStatus(
  url: string,
  target: string,
  condition: (status: TargetStatus) => boolean,
  timeoutMs = 10_000,
): Promise<TargetStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await targetStatus(url, target);
    if (condition(status)) return status;
    if (Date.now() > deadline)
      throw new Error(`status of ${target} never matched: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
