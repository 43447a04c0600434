import { HubError } from '@hub/primitives';
/** HEALTH_CHECK_DUPLICATE: two components registered a readiness check under one name. */
export class HealthError extends HubError {
  override readonly name = 'HealthError';

  constructor(
    override readonly code: 'HEALTH_CHECK_DUPLICATE' | 'HEALTH_CHECK_INVALID',
    message: string,
  ) {
    super(code, message, false);
  }
}
