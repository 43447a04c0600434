import { request } from 'node:http';
import { OPERATOR_TOKEN, startReviewer, type RunningReviewer } from '../testing/reviewer-harness';

describe('console sessions and CSRF (real stack)', () => {
  let running: RunningReviewer;
  let origin: string;

  beforeAll(async () => {
    running = await startReviewer({ DLQ_SESSION_TTL: '2s' });
    origin = new URL(running.url).origin;
  });

  afterAll(async () => {
    await running.stop();
  });

  const form = (path: string, fields: Record<string, string>, headers: Record<string, string>) =>
    fetch(`${running.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  async function signIn(): Promise<string> {
    const response = await form('/signin', { token: OPERATOR_TOKEN }, { origin });
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    return cookie.split(';')[0] ?? '';
  }

  const page = (path: string, cookie: string) =>
    fetch(`${running.url}${path}`, { redirect: 'manual', headers: { cookie } });

  it('keeps an opaque session id in a Secure, HttpOnly, SameSite=Strict cookie, never the token', async () => {
    const response = await form('/signin', { token: OPERATOR_TOKEN }, { origin });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^dlq_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).not.toContain('; Secure'); // a browser on this machine, over loopback
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; SameSite=Strict');
    expect(cookie).toContain('; Max-Age=2');
    expect(cookie).not.toContain(OPERATOR_TOKEN);
  });

  it('marks the cookie Secure for any host but this machine', async () => {
    const cookie = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(running.url);
      const body = new URLSearchParams({ token: OPERATOR_TOKEN }).toString();
      const sent = request(
        {
          host: '127.0.0.1',
          port,
          path: '/signin',
          method: 'POST',
          headers: {
            host: 'dlq.example.com',
            origin: 'https://dlq.example.com',
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': String(body.length),
          },
        },
        (response) => {
          response.resume();
          resolve(String(response.headers['set-cookie'] ?? ''));
        },
      );
      sent.on('error', reject);
      sent.end(body);
    });
    expect(cookie).toMatch(/; HttpOnly; Secure; SameSite=Strict;/);
  });

  it('accepts the session on console pages but not on the JSON API', async () => {
    const cookie = await signIn();
    expect((await page('/', cookie)).status).toBe(200);
    expect((await page('/api/dead-letters', cookie)).status).toBe(401);
    const post = await fetch(`${running.url}/api/dead-letters/retry`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ dryRun: true }),
    });
    expect(post.status).toBe(401);
  });

  it('refuses the raw token as a cookie', async () => {
    const response = await page('/', `dlq_session=${OPERATOR_TOKEN}`);
    expect([response.status, response.headers.get('location')]).toEqual([303, '/signin']);
  });

  it('revokes the session at sign-out', async () => {
    const cookie = await signIn();
    const out = await form('/signout', {}, { origin, cookie });
    expect(out.status).toBe(303);
    const after = await page('/', cookie);
    expect([after.status, after.headers.get('location')]).toEqual([303, '/signin']);
  });

  it('ends the session after DLQ_SESSION_TTL', async () => {
    const cookie = await signIn();
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect((await page('/', cookie)).status).toBe(303);
  });

  it.each([
    ['no Origin and no Fetch Metadata', {}],
    ['another Origin', { origin: 'https://evil.test' }],
    ['Origin null', { origin: 'null' }],
    ['a cross-site Fetch Metadata', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses a console form post with %s (sign-in and actions)', async (_label, headers) => {
    const cookie = await signIn();
    const signin = await form('/signin', { token: OPERATOR_TOKEN }, headers);
    expect([signin.status, signin.headers.get('set-cookie')]).toEqual([403, null]);
    const action = await form('/items/1/discard', { note: 'csrf' }, { ...headers, cookie });
    expect(action.status).toBe(403);
  });

  it('accepts a same-origin form post by Fetch Metadata when Origin is absent', async () => {
    const response = await form(
      '/signin',
      { token: OPERATOR_TOKEN },
      { 'sec-fetch-site': 'same-origin' },
    );
    expect(response.status).toBe(303);
  });
});
