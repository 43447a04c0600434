import type { LogDestination } from './create-logger';

/**
 * A destination that keeps each line, parsed: for tests that assert what was logged
 * (`createLogger({ service, destination })`, then inspect `lines`).
 */
export function captureLogLines(): {
  readonly destination: LogDestination;
  readonly lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    destination: {
      write(line: string) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  };
}
