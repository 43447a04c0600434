/**
 * Ownership failures. All are permanent (retriable false): a retry cannot make a system
 * the owner, so a refused event goes to the dead-letter queue or back to its sender.
 */
import { PermanentError, errorMessage } from '@hub/resilience';
import type { PolicyIssue } from './policy-issue';
import type { Direction, EntityType, SystemId } from './vocabulary';

export const OWNERSHIP_ERROR_CODES = {
  policyInvalid: 'OWNERSHIP_POLICY_INVALID',
  policyUnreadable: 'OWNERSHIP_POLICY_UNREADABLE',
  reverseDirectionWrite: 'REVERSE_DIRECTION_WRITE',
  notAReceiver: 'OWNERSHIP_NOT_A_RECEIVER',
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

/** Data flowing towards its owner: a non-owner as source, or the owner as write target. */
export class ReverseDirectionWriteError extends PermanentError {
  constructor(
    readonly system: SystemId,
    readonly entityType: EntityType,
    readonly owner: SystemId,
    readonly direction: Direction,
  ) {
    super(
      OWNERSHIP_ERROR_CODES.reverseDirectionWrite,
      direction === 'source'
        ? `reverse-direction write: ${system} may not source ${entityType}; its owner is ${owner}`
        : `reverse-direction write: ${entityType} may not be written to ${system}, its owner`,
    );
  }
}

/** A write to a system that is not the owner but not a declared receiver either. */
export class NotAReceiverError extends PermanentError {
  constructor(
    readonly system: SystemId,
    readonly entityType: EntityType,
    readonly receivers: readonly SystemId[],
  ) {
    const list = receivers.length === 0 ? 'none' : receivers.join(', ');
    super(
      OWNERSHIP_ERROR_CODES.notAReceiver,
      `${system} does not receive ${entityType} (receivers: ${list})`,
    );
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
