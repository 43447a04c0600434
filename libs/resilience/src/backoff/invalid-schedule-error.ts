import { PermanentError } from '@hub/primitives';

export const INVALID_SCHEDULE = 'INVALID_SCHEDULE';

/** A schedule or duration that cannot be used; names the offending token. */
export class InvalidScheduleError extends PermanentError {
  constructor(
    message: string,
    readonly token?: string,
  ) {
    super(INVALID_SCHEDULE, message);
  }
}
