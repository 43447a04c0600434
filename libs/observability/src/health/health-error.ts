/** HEALTH_CHECK_DUPLICATE: two components registered a readiness check under one name. */
export class HealthError extends Error {
  override readonly name = 'HealthError';
  readonly retriable = false;

  constructor(
    readonly code: 'HEALTH_CHECK_DUPLICATE' | 'HEALTH_CHECK_INVALID',
    message: string,
  ) {
    super(message);
  }
}
