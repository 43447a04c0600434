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
