/**
 * The attacker's view of the reviewer: every operator route refuses a missing token, an
 * expired one, one for another audience, an HS256 one signed with a guessed secret, and a
 * viewer's token. "Every" is read from the reviewer's own OpenAPI document, so a route added
 * later is attacked without anyone remembering to list it here.
 */
import { SignJWT } from 'jose';
import { startLocalJwks, type LocalJwks } from '../testing/local-jwks';
import { VIEWER_TOKEN, startReviewer, type RunningReviewer } from '../testing/reviewer-harness';

/** The routes the operator role guards: every state-changing method of the API, ids filled in. */
async function operatorRoutes(url: string): Promise<string[]> {
  const response = await fetch(`${url}/docs-json`, {
    headers: { authorization: `Bearer ${VIEWER_TOKEN}` },
  });
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths)
    .filter(([, methods]) => Object.keys(methods).some((method) => method !== 'get'))
    .map(([path]) => path.replace(/\{[^}]+\}/g, '1'));
}

describe('operator routes under attack (real stack)', () => {
  let running: RunningReviewer;
  let idp: LocalJwks;
  let routes: string[];

  beforeAll(async () => {
    idp = await startLocalJwks();
    running = await startReviewer({
      DLQ_JWT_ISSUER: idp.issuer,
      DLQ_JWT_JWKS_URL: idp.jwksUrl,
      DLQ_JWT_AUDIENCE: idp.audience,
    });
    routes = await operatorRoutes(running.url);
  });

  it('knows the operator routes from the OpenAPI document', () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        '/api/dead-letters/1/retry',
        '/api/dead-letters/retry',
        '/api/dead-letters/resolve',
        '/api/dead-letters/discard',
        '/api/dead-letters/1/resolve',
        '/api/dead-letters/1/discard',
      ]),
    );
  });

  afterAll(async () => {
    await running.stop();
    await idp.close();
  });

  const credentials: [string, () => Promise<Record<string, string>>, number][] = [
    ['no token', () => Promise.resolve({}), 401],
    [
      'an expired token',
      async () => ({
        authorization: `Bearer ${await idp.sign({ roles: ['operator'] }, { expiresIn: '-1m' })}`,
      }),
      401,
    ],
    [
      'a token for another audience',
      async () => ({
        authorization: `Bearer ${await idp.sign({ roles: ['operator'] }, { audience: 'other-app' })}`,
      }),
      401,
    ],
    [
      'an HS256 token signed with a guessed secret',
      async () => ({
        authorization: `Bearer ${await new SignJWT({ roles: ['operator'] })
          .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
          .setIssuer(idp.issuer)
          .setAudience(idp.audience)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('guessed-secret-0123456789abcdef'))}`,
      }),
      401,
    ],
    ['a viewer token', () => Promise.resolve({ authorization: `Bearer ${VIEWER_TOKEN}` }), 403],
    [
      "a viewer's JWT",
      async () => ({ authorization: `Bearer ${await idp.sign({ roles: ['viewer'] })}` }),
      403,
    ],
  ];

  it.each(credentials)('refuses %s on every operator route', async (_label, headers, status) => {
    const sent = await headers();
    for (const route of routes) {
      const response = await fetch(`${running.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...sent },
        body: JSON.stringify({ note: 'hostile', dryRun: true, filter: {} }),
      });
      expect([route, response.status]).toEqual([route, status]);
    }
  });
});
