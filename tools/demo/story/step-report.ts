/** What one story step found: checks that held (✔) or not (✘), with figures. */
export interface Check {
  readonly ok: boolean;
  readonly text: string;
}

export interface StepReport {
  readonly title: string;
  readonly checks: readonly Check[];
  readonly notes: readonly string[];
  readonly seconds: number;
}

export class StepRecorder {
  private readonly checks: Check[] = [];
  private readonly notes: string[] = [];
  private readonly started = Date.now();

  constructor(readonly title: string) {}

  check(ok: boolean, text: string): boolean {
    this.checks.push({ ok, text });
    return ok;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  report(): StepReport {
    return {
      title: this.title,
      checks: [...this.checks],
      notes: [...this.notes],
      seconds: (Date.now() - this.started) / 1000,
    };
  }
}

export const passed = (report: StepReport): boolean =>
  report.checks.length > 0 && report.checks.every((check) => check.ok);

export function formatReport(report: StepReport): string {
  const mark = passed(report) ? '✔' : '✘';
  const lines = [`${mark} ${report.title} (${report.seconds.toFixed(1)} s)`];
  for (const check of report.checks) lines.push(`    ${check.ok ? '✔' : '✘'} ${check.text}`);
  for (const note of report.notes) lines.push(`      ${note}`);
  return lines.join('\n');
}

/** Runs a step body; an exception (a timeout, an app that lacks something) becomes a ✘ line. */
export async function runStep(
  title: string,
  body: (step: StepRecorder) => Promise<void>,
): Promise<StepReport> {
  const step = new StepRecorder(title);
  try {
    await body(step);
  } catch (error) {
    step.check(false, error instanceof Error ? error.message : String(error));
  }
  return step.report();
}

export const secondsSince = (start: number): string => ((Date.now() - start) / 1000).toFixed(1);
