/** Small pure verdicts of the write pipeline: why a write is refused, what a stored result says. */
import type { EntityType } from '@hub/contracts';
import type { JsonValue } from '@hub/idempotency';
import type { OwnershipPolicy } from '@hub/ownership';
import { PermanentError, toErrorRecord, type ErrorRecord } from '@hub/resilience';

export function policyRefusal(
  target: string,
  policy: Pick<OwnershipPolicy, 'ownerOf'>,
  entityType: EntityType,
): ErrorRecord {
  const owner = policy.ownerOf(entityType);
  const error =
    owner === target
      ? new PermanentError(
          'REVERSE_DIRECTION_WRITE',
          `${target} owns ${entityType}; the hub never writes it back to its owner`,
        )
      : new PermanentError(
          'OWNERSHIP_NOT_A_RECEIVER',
          `${target} is not a receiver of ${entityType} in the ownership policy`,
        );
  return toErrorRecord(error);
}

/**
 * Only the owner's events reach a canonical topic (the ingress and the read path check the
 * source); an event from anyone else is a misrouted or forged write and is refused, not applied.
 */
export function sourceRefusal(
  policy: Pick<OwnershipPolicy, 'ownerOf'>,
  entityType: EntityType,
  sourceSystem: string,
): ErrorRecord | undefined {
  const owner = policy.ownerOf(entityType);
  if (owner === sourceSystem) return undefined;
  return toErrorRecord(
    new PermanentError(
      'SOURCE_NOT_OWNER',
      `${sourceSystem} does not own ${entityType} (the owner is ${owner}); only the owner's events are written`,
    ),
  );
}

export function assertNotAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new Error('Connector aborted; nothing more is recorded');
}

export function targetReferenceOf(result: JsonValue): string | null {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return null;
  const reference = (result as Readonly<Record<string, JsonValue>>)['targetReference'];
  return typeof reference === 'string' ? reference : null;
}

export function describeRecordedError(recorded: JsonValue): string {
  if (typeof recorded === 'object' && recorded !== null && !Array.isArray(recorded)) {
    const fields = recorded as Readonly<Record<string, JsonValue>>;
    const code = fields['code'];
    const message = fields['message'];
    if (typeof code === 'string' && typeof message === 'string') return `${code}: ${message}`;
  }
  return JSON.stringify(recorded);
}
