/**
 * Every refusal the ingress answers with: a stable code (which picks the problem type and
 * status, see problem-catalog.ts), a message for the `detail` member, and extension members.
 */
import { HubError } from '@hub/resilience';
import type { ProblemCode } from './problem-catalog';

export class IngressError extends HubError {
  constructor(
    override readonly code: ProblemCode,
    message: string,
    retriable: boolean,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(code, message, retriable);
    this.name = 'IngressError';
  }
}

/** Shorthand for the permanent refusals (bad input: retrying sends the same bytes). */
export function refuse(
  code: ProblemCode,
  message: string,
  extensions: Readonly<Record<string, unknown>> = {},
): IngressError {
  return new IngressError(code, message, false, extensions);
}
