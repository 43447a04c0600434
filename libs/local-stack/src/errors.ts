/**
 * Failures that say which component failed, where its log is, and how the log ends,
 * so nobody has to go digging in .stack/ to learn why `up` stopped.
 */
import { HubError } from '@hub/primitives';
import { existsSync, readFileSync } from 'node:fs';

export const LOG_TAIL_LINES = 30;

export function tailLines(file: string, lines: number = LOG_TAIL_LINES): string[] {
  if (!existsSync(file)) return [];
  // The logs are small enough (one run each, see rotateLog) to read whole.
  const all = readFileSync(file, 'utf8').split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all.slice(-lines);
}

const ERROR_LINE = /\b(ERROR|FATAL|SEVERE)\b|^Exception in thread|^Caused by:/;
const MAX_ERROR_LINES = 8;

/**
 * The first error lines of a log, each with the exception message that follows it:
 * a server often logs on for a while after its fatal error, past any tail.
 */
export function firstErrorLines(file: string): string[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const found: string[] = [];
  lines.forEach((line, index) => {
    if (found.length >= MAX_ERROR_LINES || !ERROR_LINE.test(line)) return;
    found.push(line);
    const next = lines[index + 1];
    if (next && !next.startsWith('[') && !/^\s/.test(next)) found.push(next);
  });
  return found.slice(0, MAX_ERROR_LINES);
}

/** A local component would not start; retrying the same start will not help. */
export class StackError extends HubError {
  override readonly name = 'StackError';

  constructor(
    readonly component: string,
    problem: string,
    readonly logFile?: string,
  ) {
    super('STACK_COMPONENT_FAILED', StackError.describe(component, problem, logFile), false);
  }

  private static describe(component: string, problem: string, logFile?: string): string {
    const head = `[${component}] ${problem}`;
    if (!logFile) return head;
    const tail = tailLines(logFile);
    if (tail.length === 0) return `${head}\n  log: ${logFile} (empty)`;
    const errors = firstErrorLines(logFile);
    return [
      head,
      ...(errors.length
        ? ['  first errors in the log:', ...errors.map((line) => `    ! ${line}`)]
        : []),
      `  log: ${logFile}, last ${tail.length} lines:`,
      ...tail.map((line) => `    | ${line}`),
    ].join('\n');
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
