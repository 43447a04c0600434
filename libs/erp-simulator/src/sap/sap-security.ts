/**
 * Logon and CSRF as SAP Gateway does them: Basic auth or an OAuth bearer token (client
 * credentials from `/sap/bc/sec/oauth2/token`); `x-csrf-token: Fetch` on a GET or HEAD gives a
 * token bound to a session cookie; a modifying request without a live token and its cookie is
 * 403 with `x-csrf-token: Required`. Tokens expire (the security session's lifetime).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SapSecurityOptions {
  /** Basic-auth users, name → password. */
  readonly users?: Readonly<Record<string, string>>;
  /** OAuth clients (client credentials), client id → secret. */
  readonly oauthClients?: Readonly<Record<string, string>>;
  /** Lifetime of a CSRF token and its session; default 30 min. */
  readonly csrfTokenTtlMs?: number;
  /** Lifetime of an OAuth access token; default 1 h. */
  readonly accessTokenTtlMs?: number;
}

const SESSION_COOKIE = 'SAP_SESSIONID_S4H_100';
const MODIFYING = new Set(['POST', 'PUT', 'PATCH', 'MERGE', 'DELETE']);

const equal = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function cookieOf(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export class SapSecurity {
  csrfTokenTtlMs: number;
  /** The next N modifying requests find their token expired (the session timed out meanwhile). */
  expireNext = 0;
  readonly counts = { csrfFetches: 0, csrfRefusals: 0, tokensIssued: 0 };
  private readonly csrfTokens = new Map<string, { session: string; expiresAt: number }>();
  private readonly accessTokens = new Map<string, number>();

  constructor(
    private readonly options: SapSecurityOptions,
    private readonly clock: () => number,
  ) {
    this.csrfTokenTtlMs = options.csrfTokenTtlMs ?? 30 * 60_000;
  }

  /** Expires every CSRF token now (control route). */
  expireAll(): void {
    this.csrfTokens.clear();
  }

  /** Revokes every OAuth access token issued so far (the next call with one is 401). */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** Answers 401 (and returns false) unless the request carries valid credentials. */
  authenticate(request: FastifyRequest, reply: FastifyReply): boolean {
    const header = request.headers.authorization ?? '';
    if (header.startsWith('Basic ')) {
      const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
      const expected = this.options.users?.[user ?? ''];
      if (expected !== undefined && equal(expected, rest.join(':'))) return true;
    }
    if (header.startsWith('Bearer ')) {
      const expiresAt = this.accessTokens.get(header.slice(7));
      if (expiresAt !== undefined && this.clock() < expiresAt) return true;
    }
    void reply
      .code(401)
      .header('www-authenticate', 'Basic realm="SAP NetWeaver Application Server [S4H/100]"')
      .header('content-type', 'text/html')
      .send('<html><body>Logon failed</body></html>');
    return false;
  }

  /** GET/HEAD with `x-csrf-token: Fetch`: a new token and its session cookie on the reply. */
  issueCsrfIfAsked(request: FastifyRequest, reply: FastifyReply): void {
    const asked = request.headers['x-csrf-token'];
    if (typeof asked !== 'string' || asked.toLowerCase() !== 'fetch') return;
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const token = randomBytes(18).toString('base64');
    const session = randomBytes(24).toString('hex');
    this.csrfTokens.set(token, { session, expiresAt: this.clock() + this.csrfTokenTtlMs });
    this.counts.csrfFetches += 1;
    void reply
      .header('x-csrf-token', token)
      .header('set-cookie', [
        `${SESSION_COOKIE}=${session}; path=/; HttpOnly`,
        `sap-usercontext=sap-client=100; path=/`,
      ]);
  }

  /** Answers 403 `x-csrf-token: Required` (and returns false) for a modifying request without a live token + cookie. */
  checkCsrf(request: FastifyRequest, reply: FastifyReply): boolean {
    if (!MODIFYING.has(request.method)) return true;
    const token = request.headers['x-csrf-token'];
    const held = typeof token === 'string' ? this.csrfTokens.get(token) : undefined;
    const session = cookieOf(request, SESSION_COOKIE);
    let valid = held !== undefined && session === held.session && this.clock() < held.expiresAt;
    if (valid && this.expireNext > 0) {
      this.expireNext -= 1;
      if (typeof token === 'string') this.csrfTokens.delete(token);
      valid = false;
    }
    if (valid) return true;
    this.counts.csrfRefusals += 1;
    void reply
      .code(403)
      .header('x-csrf-token', 'Required')
      .header('content-type', 'text/plain')
      .send('CSRF token validation failed');
    return false;
  }

  /** `POST /sap/bc/sec/oauth2/token` with client credentials (Basic auth of the client). */
  issueAccessToken(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const body =
      typeof request.body === 'string' ? new URLSearchParams(request.body) : new URLSearchParams();
    const header = request.headers.authorization ?? '';
    const [id, ...rest] = header.startsWith('Basic ')
      ? Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')
      : [body.get('client_id') ?? '', body.get('client_secret') ?? ''];
    const secret = this.options.oauthClients?.[id ?? ''];
    if (body.get('grant_type') !== 'client_credentials')
      return reply.code(400).send({ error: 'unsupported_grant_type' });
    if (secret === undefined || !equal(secret, rest.join(':')))
      return reply
        .code(401)
        .send({ error: 'invalid_client', error_description: 'Client authentication failed' });
    const token = randomBytes(24).toString('hex');
    const ttl = this.options.accessTokenTtlMs ?? 3_600_000;
    this.accessTokens.set(token, this.clock() + ttl);
    this.counts.tokensIssued += 1;
    return reply.send({
      access_token: token,
      token_type: 'bearer',
      expires_in: Math.floor(ttl / 1000),
      scope: '',
    });
  }
}
