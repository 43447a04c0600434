/**
 * An Entra-ID-like authority for the client-credentials grant: instance discovery, the
 * tenant's OpenID configuration and the token endpoint
 * (`POST /bc/login/<tenant>/oauth2/v2.0/token`, form-encoded, as
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 * describes it) and the bearer check of the API: Entra's error JSON (`error`,
 * `error_description` with the AADSTS code, `error_codes`) and BC's 401
 * `Authentication_InvalidCredentials`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BcODataError } from './bc-odata';

export const BC_SCOPE = 'https://api.businesscentral.dynamics.com/.default';

export interface BcApp {
  readonly clientId: string;
  readonly clientSecret: string;
}

interface IssuedToken {
  readonly tenant: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

export class BcTokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();
  /** Tokens issued, for tests of the credential cache. */
  issued = 0;

  constructor(
    private readonly tenant: string,
    private readonly apps: readonly BcApp[],
    private readonly lifetimeSeconds: () => number,
    private readonly now: () => number,
  ) {}

  register(app: FastifyInstance): void {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    app.post('/bc/login/:tenant/oauth2/v2.0/token', (request, reply) => this.token(request, reply));
  }

  /** The client the bearer token was issued to; throws BC's 401 otherwise. */
  authenticate(request: FastifyRequest): string {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const issued = token === undefined ? undefined : this.tokens.get(token);
    if (issued === undefined || issued.expiresAt <= this.now() || issued.tenant !== this.tenant)
      throw new BcODataError(
        401,
        'Authentication_InvalidCredentials',
        'The server has rejected the client credentials.',
      );
    return issued.clientId;
  }

  /** Expires every token at once (tests of the renewal on 401). */
  revokeAll(): void {
    this.tokens.clear();
  }

  private token(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const form = (request.body ?? {}) as Readonly<Record<string, string | undefined>>;
    const tenant = (request.params as { tenant: string }).tenant;
    const fail = (status: number, error: string, code: number, text: string) =>
      reply.code(status).send({
        error,
        error_description: `AADSTS${code}: ${text} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date(this.now()).toISOString()}`,
        error_codes: [code],
        timestamp: new Date(this.now()).toISOString(),
        trace_id: randomUUID(),
        correlation_id: randomUUID(),
      });
    if (tenant !== this.tenant)
      return fail(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    if (form.grant_type !== 'client_credentials')
      return fail(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${form.grant_type ?? ''}'.`,
      );
    const app = this.apps.find((a) => a.clientId === form.client_id);
    if (app === undefined)
      return fail(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.client_id ?? ''}' was not found in the directory '${tenant}'.`,
      );
    if (form.client_secret !== app.clientSecret)
      return fail(
        401,
        'invalid_client',
        7000215,
        'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
      );
    if (form.scope?.split(' ').includes(BC_SCOPE) !== true)
      return fail(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${form.scope ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    const accessToken = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(24).toString('base64url')}`;
    const lifetime = this.lifetimeSeconds();
    this.tokens.set(accessToken, {
      tenant,
      clientId: app.clientId,
      expiresAt: this.now() + lifetime * 1000,
    });
    this.issued += 1;
    return reply.code(200).send({
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
    });
  }
}
