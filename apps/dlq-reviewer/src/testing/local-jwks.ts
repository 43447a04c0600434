/** A local identity provider for the tests: a JWKS served over HTTP and tokens signed with its key. */
import { createServer, type Server } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';

export interface LocalJwks {
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  sign(
    claims: JWTPayload,
    options?: { expiresIn?: string; issuer?: string; audience?: string },
  ): Promise<string>;
  /** A token with the right claims signed by a key the JWKS does not list. */
  signWithForeignKey(claims: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

const ALG = 'ES256';

async function signWith(
  key: CryptoKey,
  kid: string,
  claims: JWTPayload,
  issuer: string,
  audience: string,
  expiresIn: string,
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(typeof claims.sub === 'string' ? claims.sub : 'someone')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

export async function startLocalJwks(): Promise<LocalJwks> {
  const { publicKey, privateKey } = await generateKeyPair(ALG);
  const foreign = await generateKeyPair(ALG);
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: ALG, use: 'sig' };
  const server: Server = createServer((request, response) => {
    if (request.url !== '/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const issuer = 'https://issuer.test/';
  const audience = 'dlq-reviewer';
  return {
    jwksUrl: `http://127.0.0.1:${String(port)}/jwks.json`,
    issuer,
    audience,
    sign: (claims, options = {}) =>
      signWith(
        privateKey,
        'test-key',
        claims,
        options.issuer ?? issuer,
        options.audience ?? audience,
        options.expiresIn ?? '5m',
      ),
    signWithForeignKey: (claims) =>
      signWith(foreign.privateKey, 'test-key', claims, issuer, audience, '5m'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
