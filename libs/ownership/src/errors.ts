/**
 * Ownership failures. All are permanent (retriable false): a retry cannot make a system
 * the owner, so a refused event goes to the dead-letter queue or back to its sender.
 */
import { PermanentError, errorMessage } from '@hub/resilience';
import type { PolicyIssue } from './policy-issue';
import type { OwnershipRefusal } from './verdicts';
import type { SystemId } from './vocabulary';

/** The one catalog of ownership codes: every enforcement point reports these, never its own. */
export const OWNERSHIP_ERROR_CODES = {
  policyInvalid: 'OWNERSHIP_POLICY_INVALID',
  policyUnreadable: 'OWNERSHIP_POLICY_UNREADABLE',
  /** A non-owner as source, or the owner as write target. */
  reverseDirectionWrite: 'REVERSE_DIRECTION_WRITE',
  /** A write to a system that receives the type in no scope. */
  notAReceiver: 'OWNERSHIP_NOT_A_RECEIVER',
  /** An event on its way to a receiver whose source is not the owner of its scope. */
  sourceNotOwner: 'SOURCE_NOT_OWNER',
  /** The event's scope value is covered by no scope of the policy (or the field is missing). */
  outOfScope: 'OUT_OF_SCOPE',
  /** The target receives the type, but not in this event's scope: another receiver's, not an error. */
  otherScope: 'OWNERSHIP_OTHER_SCOPE',
  unknownSystem: 'OWNERSHIP_UNKNOWN_SYSTEM',
  unknownEntityType: 'OWNERSHIP_UNKNOWN_ENTITY_TYPE',
} as const;

/** The policy breaks the rules; the message lists every offending entry, one per line. */
export class OwnershipPolicyInvalidError extends PermanentError {
  constructor(
    readonly source: string,
    readonly issues: readonly PolicyIssue[],
  ) {
    const lines = issues.map(({ path, reason }) => `  - ${path}: ${reason}`);
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      OWNERSHIP_ERROR_CODES.policyInvalid,
      [`ownership policy ${source} is invalid (${count}):`, ...lines].join('\n'),
    );
  }
}

export class OwnershipPolicyUnreadableError extends PermanentError {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const detail = errorMessage(cause);
    super(
      OWNERSHIP_ERROR_CODES.policyUnreadable,
      `ownership policy ${path} cannot be read: ${detail}`,
      { cause },
    );
  }
}

/** A refusal as a throwable error, for paths that fail instead of branching (dead letters, guards). */
export class OwnershipRefusedError extends PermanentError {
  constructor(readonly refusal: OwnershipRefusal) {
    super(refusal.code, refusal.message);
  }
}

export class UnknownSystemError extends PermanentError {
  constructor(
    readonly system: string,
    readonly declared: readonly SystemId[],
  ) {
    super(
      OWNERSHIP_ERROR_CODES.unknownSystem,
      `unknown system "${system}" (declared: ${declared.join(', ')})`,
    );
  }
}

export class UnknownEntityTypeError extends PermanentError {
  constructor(readonly entityType: string) {
    super(OWNERSHIP_ERROR_CODES.unknownEntityType, `unknown entity type "${entityType}"`);
  }
}
