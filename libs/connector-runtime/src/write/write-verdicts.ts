/** Small pure verdicts of the write pipeline: what an ownership refusal becomes, what a stored result says. */
import type { JsonValue } from '@hub/idempotency';
import {
  OWNERSHIP_ERROR_CODES,
  OwnershipRefusedError,
  type OwnershipRefusal,
} from '@hub/ownership';
import { toErrorRecord, type ErrorRecord } from '@hub/resilience';

/**
 * An event of a scope this target does not receive belongs to another receiver's connector,
 * which consumes the same canonical topic: skipped here (counted as `out-of-scope`), neither
 * dead-lettered nor reported as an outcome, since the connector that owns the write reports it.
 */
export function isAnotherReceiversEvent(refusal: OwnershipRefusal): boolean {
  return refusal.code === OWNERSHIP_ERROR_CODES.otherScope;
}

/** Every other refusal (owner as target, not a receiver, out of scope, source not the owner) is dead-lettered with its catalog code. */
export function refusalRecord(refusal: OwnershipRefusal): ErrorRecord {
  return toErrorRecord(new OwnershipRefusedError(refusal));
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
