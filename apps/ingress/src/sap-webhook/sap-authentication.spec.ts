import { join } from 'node:path';
import { loadPolicyFile } from '@hub/ownership';
import { systemsSchema } from '../app/systems-setting';
import { assertSapAuthenticated } from './sap-authentication';

const policy = loadPolicyFile(join(__dirname, '../testing/sap-policy.yaml'));
const bearerToken = 'sap-event-mesh-token-0123456789';
const subject = 'CN=event-mesh,O=ACME';

function check(systemsJson: object, headers: Record<string, string>): string {
  const systems = systemsSchema.parse(JSON.stringify(systemsJson));
  try {
    assertSapAuthenticated({ systems, policy }, { systemId: 'sap', headers });
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('SAP authentication', () => {
  const mtls = { sap: { clientCertificate: { subject } } };

  it('accepts a certificate the proxy verified, with the configured subject', () => {
    expect(check(mtls, { 'ssl-client-verify': 'SUCCESS', 'ssl-client-subject-dn': subject })).toBe(
      'accepted',
    );
  });

  it('refuses an unverified certificate, another subject, or no proxy headers', () => {
    expect(
      check(mtls, {
        'ssl-client-verify': 'FAILED:unable to verify',
        'ssl-client-subject-dn': subject,
      }),
    ).toBe('TOKEN_INVALID');
    expect(
      check(mtls, { 'ssl-client-verify': 'SUCCESS', 'ssl-client-subject-dn': 'CN=intruder' }),
    ).toBe('TOKEN_INVALID');
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
        },
      },
    };
    expect(check(custom, { 'x-client-verify': 'ok', 'x-client-dn': subject })).toBe('accepted');
  });

  it('accepts either credential when both are configured', () => {
    const both = { sap: { bearerToken, clientCertificate: { subject } } };
    expect(check(both, { authorization: `Bearer ${bearerToken}` })).toBe('accepted');
    expect(check(both, { 'ssl-client-verify': 'SUCCESS', 'ssl-client-subject-dn': subject })).toBe(
      'accepted',
    );
    expect(check(both, { authorization: 'Bearer wrong' })).toBe('TOKEN_INVALID');
  });

  it('treats a system with neither credential as unknown', () => {
    expect(check({ sap: {} }, { authorization: `Bearer ${bearerToken}` })).toBe('UNKNOWN_SYSTEM');
    expect(check({}, { authorization: `Bearer ${bearerToken}` })).toBe('UNKNOWN_SYSTEM');
  });
});
