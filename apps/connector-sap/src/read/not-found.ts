/** SAP's 404 for an entity (`/IWBEP/CM_MGW_RT/020` "Resource not found …"). */
import { PermanentError } from '@hub/resilience';

export function isNotFound(error: unknown): boolean {
  return error instanceof PermanentError && error.httpStatus === 404;
}
