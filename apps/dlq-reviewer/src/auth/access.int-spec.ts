import { apiClient } from '../testing/api-client';
import { startLocalJwks, type LocalJwks } from '../testing/local-jwks';
import {
  OPERATOR_TOKEN,
  VIEWER_TOKEN,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';

describe('access: JWT against a local JWKS, static tokens, roles (real stack)', () => {
  let running: RunningReviewer;
  let idp: LocalJwks;

  beforeAll(async () => {
    idp = await startLocalJwks();
    running = await startReviewer({
      DLQ_JWT_ISSUER: idp.issuer,
      DLQ_JWT_JWKS_URL: idp.jwksUrl,
      DLQ_JWT_AUDIENCE: idp.audience,
    });
  });

  afterAll(async () => {
    await running.stop();
    await idp.close();
  });

  const list = (token?: string) => apiClient(running.url, token).get('/api/dead-letters');
  const dryRun = (token?: string) =>
    apiClient(running.url, token).post('/api/dead-letters/retry', { dryRun: true });

  it('answers 401 problem+json without a token, or with an unknown one', async () => {
    const anonymous = await fetch(`${running.url}/api/dead-letters`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect((await list('not-a-known-token-at-all-0000')).body.type).toBe(
      'urn:hub:problem:unauthenticated',
    );
  });

  it('lets a viewer read but not act (403), and an operator act', async () => {
    expect((await list(VIEWER_TOKEN)).status).toBe(200);
    const refused = await dryRun(VIEWER_TOKEN);
    expect([refused.status, refused.body.type]).toEqual([403, 'urn:hub:problem:forbidden']);
    expect((await dryRun(OPERATOR_TOKEN)).body).toEqual({
      dryRun: true,
      matched: 0,
      retried: 0,
      failed: [],
    });
  });

  it('accepts JWTs from the configured issuer with the role from the roles claim', async () => {
    const operator = await idp.sign({ sub: 'alice', roles: ['operator'] });
    const viewer = await idp.sign({ sub: 'bob', roles: 'viewer' });
    const roleless = await idp.sign({ sub: 'carol' });
    expect((await list(operator)).status).toBe(200);
    expect((await dryRun(operator)).status).toBe(200);
    expect((await list(viewer)).status).toBe(200);
    expect((await dryRun(viewer)).status).toBe(403);
    expect((await list(roleless)).status).toBe(403);
  });

  it.each([
    ['another issuer', () => idp.sign({ roles: ['operator'] }, { issuer: 'https://evil.test/' })],
    ['another audience', () => idp.sign({ roles: ['operator'] }, { audience: 'someone-else' })],
    ['an expired token', () => idp.sign({ roles: ['operator'] }, { expiresIn: '-1m' })],
    ['a key the JWKS does not list', () => idp.signWithForeignKey({ roles: ['operator'] })],
  ])('refuses a JWT from %s with 401', async (_label, token) => {
    expect((await list(await token())).status).toBe(401);
  });

  it('serves only probes and the sign-in page without authentication', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/signin'])
      expect([path, (await fetch(`${running.url}${path}`)).status]).toEqual([path, 200]);
    expect((await fetch(`${running.url}/docs-json`)).status).toBe(401);
    const console = await fetch(`${running.url}/`, { redirect: 'manual' });
    expect([console.status, console.headers.get('location')]).toEqual([303, '/signin']);
  });

  it('publishes the OpenAPI document at /docs to signed-in users', async () => {
    const docs = await apiClient(running.url, VIEWER_TOKEN).get('/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths as object)).toEqual(
      expect.arrayContaining([
        '/api/dead-letters',
        '/api/dead-letters/retry',
        '/api/dead-letters/{id}',
        '/api/dead-letters/{id}/retry',
        '/api/dead-letters/{id}/resolve',
        '/api/dead-letters/{id}/discard',
        '/api/audit',
      ]),
    );
    const ui = await fetch(`${running.url}/docs`, {
      headers: { authorization: `Bearer ${VIEWER_TOKEN}` },
    });
    expect([ui.status, ui.headers.get('content-type')]).toEqual([
      200,
      expect.stringMatching(/^text\/html/),
    ]);
  });
});
