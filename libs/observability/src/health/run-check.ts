/** What one readiness check reports; `detail` says why when not ok (or what, when ok). */
export interface CheckResult {
  readonly ok: boolean;
  readonly detail?: string;
}

/** A readiness check: true/false or a result; throwing or rejecting counts as not ok. */
export type ReadinessCheck = () => boolean | CheckResult | Promise<boolean | CheckResult>;

const MAX_DETAIL = 300;

/**
 * Runs one check, bounded by `timeoutMs`: a probe must answer within the kubelet's own
 * timeout, so a hung dependency makes the check fail rather than the probe hang.
 */
export async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      resolve({ ok: false, detail: `timed out after ${timeoutMs}ms` });
    }, timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([settle(check), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function settle(check: ReadinessCheck): Promise<CheckResult> {
  try {
    const result = await check();
    if (typeof result === 'boolean') return { ok: result };
    return result.detail === undefined
      ? { ok: result.ok }
      : { ok: result.ok, detail: truncate(result.detail) };
  } catch (error) {
    return { ok: false, detail: truncate(error instanceof Error ? error.message : String(error)) };
  }
}

function truncate(text: string): string {
  return text.length <= MAX_DETAIL ? text : `${text.slice(0, MAX_DETAIL - 1)}…`;
}
