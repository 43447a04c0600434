import { adminPortProblems, refuseUnsafeAdminPort, type AdminPortSettings } from './admin-port';

const settings = (adminPort: number | undefined): AdminPortSettings => ({
  port: { env: 'INGRESS_PORT', value: 8080 },
  adminPort: { env: 'INGRESS_ADMIN_PORT', value: adminPort },
  served: '/healthz, /readyz, /metrics and /docs',
});

describe('the admin port rules', () => {
  it('refuses production mode without an admin port, saying what to set and why', () => {
    expect(() => {
      refuseUnsafeAdminPort(settings(undefined), 'NODE_ENV=production');
    }).toThrow(
      'Configuration is invalid (1 problem):\n' +
        '  - INGRESS_ADMIN_PORT: production mode refuses to serve /healthz, /readyz, /metrics and /docs on the public port INGRESS_PORT (8080): ' +
        'set INGRESS_ADMIN_PORT to a port other than INGRESS_PORT, reachable only by the kubelet and monitoring. ' +
        'Production mode is on because NODE_ENV=production.',
    );
  });

  it('refuses an admin port equal to the public port, in any mode', () => {
    expect(adminPortProblems(settings(8080), undefined)).toEqual([
      {
        variable: 'INGRESS_ADMIN_PORT',
        reason:
          'must differ from INGRESS_PORT (both are 8080): it is a second listener, for /healthz, /readyz, /metrics and /docs',
      },
    ]);
  });

  it('accepts a separate admin port in production, and no admin port outside it', () => {
    expect(adminPortProblems(settings(9090), 'KAFKA_SECURITY_REQUIRED=true')).toEqual([]);
    expect(adminPortProblems(settings(undefined), undefined)).toEqual([]);
  });
});
