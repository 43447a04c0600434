/** Every refusal the reviewer answers with: a stable code (see problem-catalog.ts), a message, extensions. */
import { HubError } from '@hub/resilience';
import type { ProblemCode } from './problem-catalog';

export class ReviewerError extends HubError {
  constructor(
    override readonly code: ProblemCode,
    message: string,
    retriable = false,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(code, message, retriable);
    this.name = 'ReviewerError';
  }
}
