import { HubError } from '@hub/primitives';
/** One thing wrong with one variable. `reason` never contains a secret's value. */
export interface ConfigProblem {
  readonly variable: string;
  readonly reason: string;
}

/**
 * CONFIG_INVALID: the environment does not satisfy the schema (an operator must fix it).
 * CONFIG_DEFINITION_INVALID: the schema itself is wrong (a developer must fix it).
 * Neither helps on retry: the process should stop and print the message.
 */
export type ConfigErrorCode = 'CONFIG_INVALID' | 'CONFIG_DEFINITION_INVALID';

export class ConfigError extends HubError {
  override readonly name = 'ConfigError';

  constructor(
    override readonly code: ConfigErrorCode,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(code, formatProblems(code, problems), false);
  }
}

function formatProblems(code: ConfigErrorCode, problems: readonly ConfigProblem[]): string {
  const what =
    code === 'CONFIG_INVALID' ? 'Configuration is invalid' : 'Configuration definition is invalid';
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) => `  - ${problem.variable}: ${problem.reason}`);
  return [`${what} (${count}):`, ...lines].join('\n');
}
