/** The serializable form of a failure, as outcome and dead-letter records carry it. */
import { HubError, PermanentError, errorMessage, type ErrorClass } from '@hub/primitives';
import { classifyNetworkError } from './network-error';

/** Field for field the `Failure` record of @hub/contracts, so it encodes as is. */
export interface ErrorRecord {
  readonly code: string;
  readonly errorClass: ErrorClass;
  readonly message: string;
  readonly httpStatus: number | null;
}

/** Code for errors nobody classified: most likely a bug, which a retry does not fix. */
export const UNCLASSIFIED_ERROR = 'UNCLASSIFIED_ERROR';

/**
 * Any thrown value as a HubError: HubErrors as they are, recognised network failures as
 * transient, everything else permanent (a deterministic bug would fail every retry for
 * 24 h before a human saw it; the dead-letter queue shows it at once).
 */
export function classifyError(error: unknown): HubError {
  if (error instanceof HubError) return error;
  const network = classifyNetworkError(error);
  if (network !== undefined) return network;
  return new PermanentError(UNCLASSIFIED_ERROR, errorMessage(error), { cause: error });
}

export function toErrorRecord(error: unknown): ErrorRecord {
  const hubError = classifyError(error);
  return {
    code: hubError.code,
    errorClass: hubError.errorClass,
    message: hubError.message,
    httpStatus: hubError.httpStatus ?? null,
  };
}
