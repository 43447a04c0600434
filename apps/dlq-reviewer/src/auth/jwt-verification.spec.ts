import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload } from 'jose';
import { Authenticator, type JwtSettings } from './authenticator';

const issuer = 'https://issuer.test/';
const audience = 'dlq-reviewer';
const settings: JwtSettings = {
  issuer,
  jwksUrl: 'https://issuer.test/jwks.json',
  audience,
  algorithms: ['ES256'],
  maxAgeMs: 3_600_000,
  rolesClaim: 'roles',
};

describe('Authenticator: JWT checks', () => {
  let authenticatorFor: (jwt: JwtSettings) => Authenticator;
  let sign: (
    build: (token: SignJWT) => SignJWT,
    claims?: JWTPayload,
    alg?: string,
  ) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const rsa = await generateKeyPair('RS256');
    const keys = [
      { ...(await exportJWK(publicKey)), kid: 'es', alg: 'ES256' },
      { ...(await exportJWK(rsa.publicKey)), kid: 'rs', alg: 'RS256' },
    ];
    const keySet = createLocalJWKSet({ keys });
    authenticatorFor = (jwt) => new Authenticator([], jwt, keySet);
    sign = (build, claims = { roles: ['operator'] }, alg = 'ES256') =>
      build(
        new SignJWT(claims)
          .setProtectedHeader({ alg, kid: alg === 'ES256' ? 'es' : 'rs' })
          .setSubject('alice'),
      ).sign(alg === 'ES256' ? privateKey : rsa.privateKey);
  });

  const fresh = (token: SignJWT) =>
    token.setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('5m');

  it('accepts a fresh token for this audience from the issuer', async () => {
    expect(await authenticatorFor(settings).authenticate(await sign(fresh))).toEqual({
      name: 'alice',
      id: 'jwt:https://issuer.test/#alice',
      role: 'operator',
      via: 'jwt',
    });
  });

  it('names the actor by issuer and subject, whatever name the token shows', async () => {
    const renamed = (token: SignJWT) => fresh(token.setSubject('user-7'));
    const token = await sign(renamed, { roles: ['operator'], preferred_username: 'alice' });
    expect(await authenticatorFor(settings).authenticate(token)).toMatchObject({
      name: 'alice',
      id: 'jwt:https://issuer.test/#user-7',
    });
  });

  it.each([
    ['without exp', (t: SignJWT) => t.setIssuer(issuer).setAudience(audience).setIssuedAt()],
    [
      'without iat',
      (t: SignJWT) => t.setIssuer(issuer).setAudience(audience).setExpirationTime('5m'),
    ],
    [
      'issued two hours ago with a far expiry',
      (t: SignJWT) =>
        t
          .setIssuer(issuer)
          .setAudience(audience)
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime('30d'),
    ],
    ['for another audience', (t: SignJWT) => fresh(t).setAudience('another-app')],
    [
      'without an audience',
      (t: SignJWT) => t.setIssuer(issuer).setIssuedAt().setExpirationTime('5m'),
    ],
  ])('refuses a token %s', async (_label, build) => {
    expect(await authenticatorFor(settings).authenticate(await sign(build))).toBeUndefined();
  });

  it('refuses an algorithm that is not pinned, even signed by a listed key', async () => {
    const token = await sign(fresh, { roles: ['operator'] }, 'RS256');
    expect(await authenticatorFor(settings).authenticate(token)).toBeUndefined();
    const both = authenticatorFor({ ...settings, algorithms: ['ES256', 'RS256'] });
    expect((await both.authenticate(token))?.role).toBe('operator');
  });

  it('refuses every JWT when no audience is configured', async () => {
    const { audience: _dropped, ...withoutAudience } = settings;
    expect(await authenticatorFor(withoutAudience).authenticate(await sign(fresh))).toBeUndefined();
  });
});
