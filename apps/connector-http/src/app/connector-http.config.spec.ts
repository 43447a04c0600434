import { ConfigError } from '@hub/config';
import { connectorHttpConfig } from './connector-http.config';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
const ENDPOINTS = JSON.stringify({
  'wms-main': { url: 'https://wms.example/hooks', secret: SECRET, entityTypes: ['purchase-order'] },
});
const required = { HTTP_CONNECTOR_ENDPOINTS: ENDPOINTS, HTTP_CONNECTOR_ADMIN_TOKEN: ADMIN_TOKEN };

function problemsOf(env: Record<string, string>): string[] {
  try {
    connectorHttpConfig.load(env);
    return [];
  } catch (error) {
    return error instanceof ConfigError
      ? error.problems.map((p) => p.variable)
      : ['not a ConfigError'];
  }
}

describe('connectorHttpConfig', () => {
  it('loads with endpoints and admin token; system id wms, port 3000', () => {
    const config = connectorHttpConfig.load(required);
    expect(config.connector.systemId).toBe('wms');
    expect(config.http.port).toBe(3000);
    expect(config.endpoints.map((e) => [e.id, e.timeoutMs])).toEqual([['wms-main', 15_000]]);
    expect(config.kafka.clientId).toBe('connector-http');
  });

  it('takes the system id from HTTP_CONNECTOR_SYSTEM_ID', () => {
    const config = connectorHttpConfig.load({ ...required, HTTP_CONNECTOR_SYSTEM_ID: 'wms-main' });
    expect(config.connector.systemId).toBe('wms-main');
  });

  it('requires endpoints and an admin token of at least 24 characters', () => {
    expect(problemsOf({})).toEqual(['HTTP_CONNECTOR_ENDPOINTS', 'HTTP_CONNECTOR_ADMIN_TOKEN']);
    expect(problemsOf({ ...required, HTTP_CONNECTOR_ADMIN_TOKEN: 'short' })).toEqual([
      'HTTP_CONNECTOR_ADMIN_TOKEN',
    ]);
    expect(problemsOf({ ...required, HTTP_CONNECTOR_SYSTEM_ID: 'WMS!' })).toEqual([
      'HTTP_CONNECTOR_SYSTEM_ID',
    ]);
  });

  it('never prints the endpoints or the admin token', () => {
    const leaky = JSON.stringify({ a: { url: 'https://x.example', secret: 'leaky-secret' } });
    expect(() =>
      connectorHttpConfig.load({
        HTTP_CONNECTOR_ENDPOINTS: leaky,
        HTTP_CONNECTOR_ADMIN_TOKEN: 'leaky-token',
      }),
    ).toThrow(/^(?![\s\S]*leaky-)[\s\S]*HTTP_CONNECTOR_ENDPOINTS/);
    const redacted = JSON.stringify(connectorHttpConfig.redact(connectorHttpConfig.load(required)));
    expect(redacted).not.toContain(SECRET);
    expect(redacted).not.toContain(ADMIN_TOKEN);
  });
});
