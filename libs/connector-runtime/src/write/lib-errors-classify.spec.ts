import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@hub/config';
import { ContractError } from '@hub/contracts';
import { IdempotencyError } from '@hub/idempotency';
import { MessagingError } from '@hub/messaging';
import { HubError, toErrorRecord, UNCLASSIFIED_ERROR } from '@hub/resilience';

// Every lib's errors share one root, so the record a failed write leaves (retry topic or
// dead letter) keeps the lib's own code and retry bit instead of UNCLASSIFIED_ERROR.
describe('errors raised by the libs', () => {
  const cases: ReadonlyArray<readonly [string, HubError, 'transient' | 'permanent']> = [
    [
      'a registry outage',
      new MessagingError('SCHEMA_REGISTRY_UNAVAILABLE', 'registry down', true),
      'transient',
    ],
    [
      'a contended record',
      new IdempotencyError('IDEMPOTENCY_CONTENDED', 'lost the race', true),
      'transient',
    ],
    [
      'a registry refusing a schema',
      new ContractError('SCHEMA_REGISTRY_UNAVAILABLE', 'registry down', true),
      'transient',
    ],
    [
      'a bad setting',
      new ConfigError('CONFIG_INVALID', [{ variable: 'X', reason: 'bad' }]),
      'permanent',
    ],
  ];

  it.each(cases)('classify %s by its own code and retry bit', (_what, error, errorClass) => {
    const record = toErrorRecord(error);
    expect(error).toBeInstanceOf(HubError);
    expect(record.code).toBe(error.code);
    expect(record.code).not.toBe(UNCLASSIFIED_ERROR);
    expect(record.errorClass).toBe(errorClass);
  });
});
