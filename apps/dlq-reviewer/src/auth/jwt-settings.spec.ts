import { ConfigError } from '@hub/config';
import { dlqReviewerConfig } from '../app/dlq-reviewer.config';
import { jwtProductionProblems } from './jwt-settings';

const issuer = 'https://issuer.test/';

function problemsOf(env: Record<string, string>): string[] {
  try {
    dlqReviewerConfig.load(env);
    return [];
  } catch (error) {
    return error instanceof ConfigError
      ? error.problems.map((p) => `${p.variable}: ${p.reason}`)
      : ['not a ConfigError'];
  }
}

describe('DLQ_JWT_* settings', () => {
  const complete = {
    DLQ_JWT_ISSUER: issuer,
    DLQ_JWT_JWKS_URL: 'https://issuer.test/jwks.json',
    DLQ_JWT_AUDIENCE: 'dlq-reviewer',
  };

  it('loads a complete set with pinned algorithms and a one-hour age bound', () => {
    expect(dlqReviewerConfig.load(complete).jwt).toMatchObject({
      algorithms: ['RS256', 'ES256'],
      maxAgeMs: 3_600_000,
    });
  });

  it('requires the audience whenever an issuer is set', () => {
    const { DLQ_JWT_AUDIENCE: _dropped, ...withoutAudience } = complete;
    expect(problemsOf(withoutAudience)).toEqual([
      expect.stringMatching(/^DLQ_JWT_AUDIENCE: must be set together with DLQ_JWT_ISSUER/),
    ]);
  });

  it.each([
    ['http://issuer.test/jwks.json', 'plain http to another host'],
    ['ftp://issuer.test/jwks.json', 'another scheme'],
  ])('refuses the JWKS URL %s (%s)', (jwksUrl) => {
    expect(problemsOf({ ...complete, DLQ_JWT_JWKS_URL: jwksUrl })).toEqual([
      expect.stringMatching(/^DLQ_JWT_JWKS_URL: must be an https URL/),
    ]);
  });

  it('accepts http only to a loopback address', () => {
    expect(problemsOf({ ...complete, DLQ_JWT_JWKS_URL: 'http://127.0.0.1:9/jwks.json' })).toEqual(
      [],
    );
  });

  it.each(['HS256', 'none'])('refuses the algorithm %s', (algorithm) => {
    expect(problemsOf({ ...complete, DLQ_JWT_ALGORITHMS: algorithm })).toEqual([
      expect.stringMatching(/^DLQ_JWT_ALGORITHMS: /),
    ]);
  });

  it('refuses a loopback http JWKS in production mode, with a message saying why', () => {
    const jwt = { issuer, jwksUrl: 'http://127.0.0.1:9/jwks.json', audience: 'dlq-reviewer' };
    expect(jwtProductionProblems(jwt, { NODE_ENV: 'production' })).toEqual([
      {
        variable: 'DLQ_JWT_JWKS_URL',
        reason:
          'must be an https URL in production mode (NODE_ENV=production); http is accepted only to a loopback address outside production',
      },
    ]);
    expect(jwtProductionProblems(jwt, {})).toEqual([]);
    expect(
      jwtProductionProblems(
        { ...jwt, jwksUrl: 'https://issuer.test/j' },
        { NODE_ENV: 'production' },
      ),
    ).toEqual([]);
  });
});
