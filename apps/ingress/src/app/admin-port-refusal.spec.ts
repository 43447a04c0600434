/** Production mode refuses the ingress without an admin port, before it connects to anything. */
import { createIngressApp } from './create-ingress-app';
import { ingressConfig } from './ingress.config';

const refusal = (reason: string): string =>
  'Configuration is invalid (1 problem):\n' +
  '  - INGRESS_ADMIN_PORT: production mode refuses to serve /healthz, /readyz, /metrics and the OpenAPI description (/docs, /docs-json) ' +
  'on the public port INGRESS_PORT (8080): set INGRESS_ADMIN_PORT to a port other than INGRESS_PORT, reachable only by the kubelet and monitoring. ' +
  `Production mode is on because ${reason}.`;

// Nothing listens here: a start that got past the refusal would fail on these instead.
const unreachable = {
  INGRESS_PORT: '8080',
  KAFKA_BROKERS: '127.0.0.1:1',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:1',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1/hub',
};

describe('the ingress in production mode', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('refuses to start without INGRESS_ADMIN_PORT under NODE_ENV=production', async () => {
    process.env.NODE_ENV = 'production';
    await expect(createIngressApp(ingressConfig.load(unreachable))).rejects.toThrow(
      refusal('NODE_ENV=production'),
    );
  });

  it('refuses it with KAFKA_SECURITY_REQUIRED=true in any environment', async () => {
    const config = ingressConfig.load({ ...unreachable, KAFKA_SECURITY_REQUIRED: 'true' });
    await expect(createIngressApp(config)).rejects.toThrow(refusal('KAFKA_SECURITY_REQUIRED=true'));
  });

  it('refuses an admin port equal to INGRESS_PORT', async () => {
    const config = ingressConfig.load({ ...unreachable, INGRESS_ADMIN_PORT: '8080' });
    await expect(createIngressApp(config)).rejects.toThrow(
      '  - INGRESS_ADMIN_PORT: must differ from INGRESS_PORT (both are 8080)',
    );
  });
});
