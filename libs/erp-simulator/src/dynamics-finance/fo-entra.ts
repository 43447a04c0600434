/**
 * An Entra-ID-like token service for the F&O simulator, enough for msal-node's client
 * credentials flow: instance discovery, the tenant's OpenID configuration and the v2.0
 * token endpoint, under `/fo/entra/...`. msal refuses an http authority
 * (`authorityUriInsecure`), so the documents name the https authority host the client
 * was configured with (default https://login.microsoftonline.com) and the client's network
 * module sends those requests here (apps/connector-dynamics-finance README, "Entra ID").
 * Errors carry the AADSTS codes Entra answers with.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';

export interface FoEntraApp {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export const DEFAULT_FO_ENTRA_APP: FoEntraApp = {
  tenantId: '6c1f1c8e-5c1a-4d57-9a1e-0f0f0f0f0f0f',
  clientId: 'b0b0b0b0-1111-4222-8333-444455556666',
  clientSecret: 'fo-sim-client-secret-value',
};

interface IssuedToken {
  readonly clientId: string;
  readonly resource: string;
  readonly expiresAt: number;
}

export class FoEntra {
  private readonly tokens = new Map<string, IssuedToken>();
  /** Token requests answered with a token, for "one token for many calls" checks. */
  tokensIssued = 0;

  constructor(
    readonly apps: readonly FoEntraApp[],
    readonly authorityHost: string,
    public tokenLifetimeSeconds: number,
    private readonly now: () => number,
  ) {}

  /** The token's client id when it is valid for `host` (the F&O environment); else undefined. */
  verify(authorization: string | undefined, host: string | undefined): string | undefined {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    const issued = token === undefined ? undefined : this.tokens.get(token);
    if (!issued || issued.expiresAt <= this.now()) return undefined;
    let resourceHost: string;
    try {
      resourceHost = new URL(issued.resource).host;
    } catch {
      return undefined;
    }
    return resourceHost === host ? issued.clientId : undefined;
  }

  /** Every issued token stops working (e.g. to test the renewal after a 401). */
  revokeAll(): void {
    this.tokens.clear();
  }

  register(app: FastifyInstance): void {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    app.get('/fo/entra/common/discovery/instance', () => ({
      tenant_discovery_endpoint: `${this.authorityHost}/{tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: new URL(this.authorityHost).host,
          preferred_cache: new URL(this.authorityHost).host,
          aliases: [new URL(this.authorityHost).host],
        },
      ],
    }));
    app.get<{ Params: { tenant: string } }>(
      '/fo/entra/:tenant/v2.0/.well-known/openid-configuration',
      (request, reply) => {
        const { tenant } = request.params;
        if (!this.apps.some((a) => a.tenantId === tenant))
          return this.error(reply, 400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`);
        const base = `${this.authorityHost}/${tenant}`;
        return {
          token_endpoint: `${base}/oauth2/v2.0/token`,
          token_endpoint_auth_methods_supported: [
            'client_secret_post',
            'private_key_jwt',
            'client_secret_basic',
          ],
          jwks_uri: `${this.authorityHost}/${tenant}/discovery/v2.0/keys`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          issuer: `${base}/v2.0`,
          request_uri_parameter_supported: false,
          userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
          http_logout_supported: true,
          frontchannel_logout_supported: true,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid'],
          tenant_region_scope: 'EU',
          cloud_instance_name: 'microsoftonline.com',
        };
      },
    );
    app.post<{ Params: { tenant: string } }>(
      '/fo/entra/:tenant/oauth2/v2.0/token',
      (request, reply) => this.token(request.params.tenant, request.body, reply),
    );
  }

  private token(tenant: string, body: unknown, reply: FastifyReply): FastifyReply | object {
    const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, string>;
    if (form.grant_type !== 'client_credentials')
      return this.error(
        reply,
        400,
        'unsupported_grant_type',
        70003,
        'The app requested an unsupported grant type.',
      );
    const app = this.apps.find((a) => a.tenantId === tenant && a.clientId === form.client_id);
    if (!this.apps.some((a) => a.tenantId === tenant))
      return this.error(reply, 400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`);
    if (!app)
      return this.error(
        reply,
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.client_id ?? ''}' was not found in the directory '${tenant}'.`,
      );
    if (form.client_secret !== app.clientSecret)
      return this.error(
        reply,
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      );
    const scope = form.scope ?? '';
    const resource = scope.split(' ').find((s) => s.endsWith('/.default'));
    if (resource === undefined)
      return this.error(
        reply,
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    const accessToken = `eyJ0eXAiOiJKV1QifQ.${randomBytes(24).toString('base64url')}.sim`;
    this.tokens.set(accessToken, {
      clientId: app.clientId,
      resource: resource.slice(0, -'/.default'.length),
      expiresAt: this.now() + this.tokenLifetimeSeconds * 1000,
    });
    this.tokensIssued += 1;
    return {
      token_type: 'Bearer',
      expires_in: this.tokenLifetimeSeconds,
      ext_expires_in: this.tokenLifetimeSeconds,
      access_token: accessToken,
    };
  }

  private error(
    reply: FastifyReply,
    status: number,
    error: string,
    code: number,
    text: string,
  ): FastifyReply {
    const traceId = randomUUID();
    return reply.code(status).send({
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${randomUUID()} Timestamp: ${new Date(this.now()).toISOString()}`,
      error_codes: [code],
      timestamp: new Date(this.now()).toISOString(),
      trace_id: traceId,
      correlation_id: randomUUID(),
    });
  }
}
