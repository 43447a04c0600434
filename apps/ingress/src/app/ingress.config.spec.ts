import { ConfigError } from '@hub/config';
import { ingressConfig } from './ingress.config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    ingressConfig.load(env);
    return [];
  } catch (error) {
    return error instanceof ConfigError
      ? error.problems.map((p) => p.variable)
      : ['not a ConfigError'];
  }
}

describe('ingressConfig', () => {
  it('loads the defaults: port 3000, 1 MiB body limit, no systems', () => {
    const config = ingressConfig.load({});
    expect([config.http.port, config.http.bodyLimit, config.systems]).toEqual([
      3000,
      1_048_576,
      {},
    ]);
  });

  it('parses per-system credentials, each secret one string or a list of two', () => {
    const config = ingressConfig.load({
      INGRESS_SYSTEMS: JSON.stringify({
        wms: { webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
        odoo: { token: '0123456789abcdef' },
        bc: { clientState: ['new-client-state-0123', 'old-client-state-0123'] },
      }),
    });
    expect([config.systems.odoo?.token, config.systems.bc?.clientState]).toEqual([
      ['0123456789abcdef'],
      ['new-client-state-0123', 'old-client-state-0123'],
    ]);
  });

  it.each([
    ['malformed JSON', '{"wms":'],
    ['a secret without the whsec_ prefix', '{"wms":{"webhookSecret":"abc"}}'],
    ['an unknown credential', '{"wms":{"password":"x"}}'],
    ['a bad system id', '{"WMS!":{}}'],
    ['a short token', '{"odoo":{"token":"short"}}'],
    [
      'three tokens',
      '{"odoo":{"token":["0123456789abcdef","1123456789abcdef","2123456789abcdef"]}}',
    ],
    ['an empty list', '{"sap":{"bearerToken":[]}}'],
    ['a pair with a short secret', '{"bc":{"clientState":["0123456789abcdef","short"]}}'],
    ['hub writer users as numbers', '{"odoo":{"token":"0123456789abcdef","hubWriterUsers":[7]}}'],
    ['an empty hub writer user', '{"odoo":{"token":"0123456789abcdef","hubWriterUsers":[" "]}}'],
    ['no hub writer users', '{"odoo":{"token":"0123456789abcdef","hubWriterUsers":[]}}'],
    ['one hub writer user not in a list', '{"odoo":{"hubWriterUsers":"7"}}'],
  ])('refuses %s, naming INGRESS_SYSTEMS', (_label, value) => {
    expect(problemsOf({ INGRESS_SYSTEMS: value })).toEqual(['INGRESS_SYSTEMS']);
  });

  it('reads the users the hub writes as, per system, in the form notifications name them; absent: none', () => {
    const config = ingressConfig.load({
      INGRESS_SYSTEMS: JSON.stringify({
        odoo: { token: '0123456789abcdef', hubWriterUsers: ['7', ' 8 '] },
        wms: { webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
        fo: { hubWriterUsers: ['{C4B1D7E0-1E2F-4A55-9A35-6D2F6E3F1B2A}'] },
      }),
    });
    expect([
      config.systems.odoo?.hubWriterUsers,
      config.systems.wms?.hubWriterUsers,
      config.systems.fo?.hubWriterUsers,
    ]).toEqual([['7', '8'], undefined, ['c4b1d7e0-1e2f-4a55-9a35-6d2f6e3f1b2a']]);
  });

  it('says what is wrong with hubWriterUsers', () => {
    expect(() =>
      ingressConfig.load({ INGRESS_SYSTEMS: '{"odoo":{"hubWriterUsers":[7]}}' }),
    ).toThrow(/odoo\.hubWriterUsers\.0: hubWriterUsers must be a list of user ids as strings/);
    expect(() => ingressConfig.load({ INGRESS_SYSTEMS: '{"odoo":{"hubWriterUsers":[]}}' })).toThrow(
      /hubWriterUsers must name at least one user/,
    );
  });

  it('never prints the systems value', () => {
    // Matches a message that names the variable and nowhere contains the value.
    expect(() =>
      ingressConfig.load({ INGRESS_SYSTEMS: '{"wms":{"webhookSecret":"leaky-secret"}}' }),
    ).toThrow(/^(?![\s\S]*leaky-secret)[\s\S]*INGRESS_SYSTEMS/);
  });
});
