import { HubError } from '@hub/primitives';
/**
 * Every failure this lib raises on purpose. The code is stable (it survives into logs and
 * dead-letter records); `retriable` says whether trying the same thing again can help (a
 * registry outage can pass, an invalid target id or an incompatible schema cannot).
 */
export type ContractErrorCode =
  | 'INVALID_SYSTEM_ID'
  | 'INVALID_ENTITY_KEY'
  | 'NOT_CANONICAL_JSON'
  | 'INVALID_EVENT'
  | 'SCHEMA_INCOMPATIBLE'
  | 'SCHEMA_REGISTRY_REJECTED'
  | 'SCHEMA_REGISTRY_UNAVAILABLE';

export class ContractError extends HubError {
  override readonly name = 'ContractError';

  constructor(
    override readonly code: ContractErrorCode,
    message: string,
    retriable = false,
    options?: { cause?: unknown },
  ) {
    super(code, message, retriable, options);
  }
}

export function isContractError(error: unknown): error is ContractError {
  return error instanceof ContractError;
}
