import { ConfigError } from '@hub/config';
import { dlqReviewerConfig } from './dlq-reviewer.config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    dlqReviewerConfig.load(env);
    return [];
  } catch (error) {
    return error instanceof ConfigError
      ? error.problems.map((p) => p.variable)
      : ['not a ConfigError'];
  }
}

describe('dlqReviewerConfig', () => {
  it('loads the defaults: port 3100, own schema, hub_idempotency, the hub topics, no tokens', () => {
    const config = dlqReviewerConfig.load({});
    expect(config).toMatchObject({
      port: 3100,
      databaseSchema: 'dlq_reviewer',
      idempotencySchema: 'hub_idempotency',
      deadLetterTopic: 'hub.dead-letter.v1',
      outcomeTopic: 'hub.delivery-outcome.v1',
      apiTokens: [],
      webhooks: [],
      notifyWindowMs: 300_000,
    });
  });

  it('parses API tokens with roles and webhooks with formats', () => {
    const config = dlqReviewerConfig.load({
      DLQ_API_TOKENS: '[{"name":"ci","token":"0123456789abcdef0123456789","role":"viewer"}]',
      DLQ_NOTIFY_WEBHOOKS: '[{"url":"https://hooks.slack.test/T1/B2/x","format":"slack"}]',
    });
    expect([config.apiTokens[0]?.role, config.webhooks[0]?.format]).toEqual(['viewer', 'slack']);
  });

  it.each([
    ['DLQ_API_TOKENS', 'not json'],
    ['DLQ_API_TOKENS', '[{"name":"ci","token":"short","role":"viewer"}]'],
    ['DLQ_API_TOKENS', '[{"name":"ci","token":"0123456789abcdef0123456789","role":"admin"}]'],
    ['DLQ_NOTIFY_WEBHOOKS', '[{"url":"ftp://x","format":"slack"}]'],
    ['DLQ_DATABASE_SCHEMA', 'Robert"); DROP'],
  ])('refuses a bad %s', (variable, value) => {
    expect(problemsOf({ [variable]: value })).toEqual([variable]);
  });

  it('needs the JWKS URL and the issuer together', () => {
    expect(
      problemsOf({ DLQ_JWT_ISSUER: 'https://issuer.test/', DLQ_JWT_AUDIENCE: 'dlq-reviewer' }),
    ).toEqual(['DLQ_JWT_JWKS_URL']);
  });

  it('never prints a token', () => {
    expect(() =>
      dlqReviewerConfig.load({
        DLQ_API_TOKENS: '[{"name":"ci","token":"leaky-secret","role":"viewer"}]',
      }),
    ).toThrow(/^(?![\s\S]*leaky-secret)[\s\S]*DLQ_API_TOKENS/);
  });
});
