import { join } from 'node:path';
import { loadPolicyFile } from '@hub/ownership';
import { systemsSchema } from '../app/systems-setting';
import { isFromUnconfiguredSystem } from '../webhook-common/known-system';
import { assertSapAuthenticated } from './sap-authentication';

const policy = loadPolicyFile(join(__dirname, '../testing/sap-policy.yaml'));
const bearerToken = 'sap-event-mesh-token-0123456789';
const subject = 'CN=event-mesh,O=ACME';
const proxySecret = 'proxy-only-secret-0123456789abcdef';
const proxied = {
  'ssl-client-verify': 'SUCCESS',
  'ssl-client-subject-dn': subject,
  'x-hub-proxy-secret': proxySecret,
};

function check(systemsJson: object, headers: Record<string, string>): string {
  const systems = systemsSchema.parse(JSON.stringify(systemsJson));
  try {
    assertSapAuthenticated({ systems, policy }, { systemId: 'sap', headers });
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

function refusalOf(systemsJson: object, headers: Record<string, string>) {
  const systems = systemsSchema.parse(JSON.stringify(systemsJson));
  try {
    assertSapAuthenticated({ systems, policy }, { systemId: 'sap', headers });
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message, unconfigured: isFromUnconfiguredSystem(error) };
  }
  throw new Error('expected a refusal');
}

describe('SAP authentication', () => {
  const mtls = { sap: { clientCertificate: { subject, proxySecret } } };

  it('accepts a certificate the proxy verified, with the configured subject', () => {
    expect(check(mtls, proxied)).toBe('accepted');
  });

  it('refuses proxy headers sent without the proxy secret or with a wrong one', () => {
    expect(check(mtls, { 'ssl-client-verify': 'SUCCESS', 'ssl-client-subject-dn': subject })).toBe(
      'TOKEN_INVALID',
    );
    expect(
      check(mtls, { ...proxied, 'x-hub-proxy-secret': 'guessed-secret-0123456789abcdef0' }),
    ).toBe('TOKEN_INVALID');
  });

  it('accepts either of two proxy secrets while one is rotated', () => {
    const next = 'next-proxy-secret-0123456789abcdef';
    const rotating = { sap: { clientCertificate: { subject, proxySecret: [proxySecret, next] } } };
    expect(check(rotating, proxied)).toBe('accepted');
    expect(check(rotating, { ...proxied, 'x-hub-proxy-secret': next })).toBe('accepted');
  });

  it('refuses a certificate check configured without a proxy secret', () => {
    expect(() =>
      systemsSchema.parse(JSON.stringify({ sap: { clientCertificate: { subject } } })),
    ).toThrow(/proxySecret/);
  });

  it('refuses an unverified certificate, another subject, or no proxy headers', () => {
    expect(
      check(mtls, {
        ...proxied,
        'ssl-client-verify': 'FAILED:unable to verify',
      }),
    ).toBe('TOKEN_INVALID');
    expect(check(mtls, { ...proxied, 'ssl-client-subject-dn': 'CN=intruder' })).toBe(
      'TOKEN_INVALID',
    );
    expect(check(mtls, {})).toBe('TOKEN_INVALID');
  });

  it('honours custom header names', () => {
    const custom = {
      sap: {
        clientCertificate: {
          subject,
          subjectHeader: 'X-Client-DN',
          verifyHeader: 'X-Client-Verify',
          verifiedValue: 'ok',
          proxySecretHeader: 'X-Edge-Secret',
          proxySecret,
        },
      },
    };
    expect(
      check(custom, {
        'x-client-verify': 'ok',
        'x-client-dn': subject,
        'x-edge-secret': proxySecret,
      }),
    ).toBe('accepted');
  });

  it('accepts either credential when both are configured', () => {
    const both = { sap: { bearerToken, clientCertificate: { subject, proxySecret } } };
    expect(check(both, { authorization: `Bearer ${bearerToken}` })).toBe('accepted');
    expect(check(both, proxied)).toBe('accepted');
    expect(check(both, { authorization: 'Bearer wrong' })).toBe('TOKEN_INVALID');
  });

  it('answers a system with neither credential like a wrong one, marked for the operator', () => {
    const wrong = refusalOf({ sap: { bearerToken } }, { authorization: 'Bearer wrong' });
    for (const systems of [{ sap: {} }, {}]) {
      const unknown = refusalOf(systems, { authorization: `Bearer ${bearerToken}` });
      expect([unknown.code, unknown.message, unknown.unconfigured]).toEqual([
        wrong.code,
        wrong.message,
        true,
      ]);
    }
    expect(wrong.unconfigured).toBe(false);
  });

  it('accepts either of two bearer tokens while rotating, refuses a third', () => {
    const next = 'next-sap-event-mesh-token-0123456789';
    const rotating = { sap: { bearerToken: [next, bearerToken] } };
    const bearer = (token: string) => check(rotating, { authorization: `Bearer ${token}` });
    expect([bearer(bearerToken), bearer(next), bearer('third-sap-token-0123456789')]).toEqual([
      'accepted',
      'accepted',
      'TOKEN_INVALID',
    ]);
  });
});
