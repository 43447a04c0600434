/**
 * `/bc/v2.0/<tenant>/<environment>/api/...`: faults first (outage, rate limit, latency),
 * then the bearer token, BC's per-principal throttle, the API, and the faults after
 * commit (500 or a dropped connection once the change is made).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { faultsAfter, faultsBefore } from '../faults/fault-gate';
import type { FaultInjector } from '../faults/fault-injector';
import { handleStandardApi, type BcAnswer, type BcApiContext, type BcRequest } from './bc-api';
import type { BcTokenIssuer } from './bc-auth';
import { handleBatch } from './bc-batch';
import { BC_EXTENSION_API, handleExtensionApi } from './bc-extension';
import { BcODataError, sendError } from './bc-odata';
import { parseBcPath, type BcPath } from './bc-path';
import type { BcThrottle } from './bc-throttle';

export interface BcRouteDeps {
  readonly api: BcApiContext;
  readonly tokens: BcTokenIssuer;
  readonly throttle: BcThrottle;
  readonly faults: FaultInjector;
  readonly tenant: string;
  readonly environment: string;
  extensionInstalled: boolean;
  /** Subscriptions (`/api/v2.0/subscriptions`), answered by the webhook module. */
  readonly subscriptions?: (request: BcRequest, principal: string) => Promise<BcAnswer>;
  /** Every admitted request, for tests: `METHOD entitySet[/action]`. */
  readonly log: string[];
}

function target(path: BcPath, method: string): { method: string; model: string } {
  const names = path.segments.map((s) => s.name);
  const action = names.find((n) => n.startsWith('Microsoft.NAV.'));
  const model = names.filter((n) => !n.startsWith('Microsoft.NAV.')).join('/');
  return { method: action?.slice('Microsoft.NAV.'.length) ?? method, model };
}

async function answer(
  deps: BcRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const [rawPath = '', rawQuery = ''] = request.url.split('?');
  const origin = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
  let path: BcPath;
  try {
    path = parseBcPath(rawPath, origin, BC_EXTENSION_API);
  } catch (error) {
    if (error instanceof BcODataError) return sendError(reply, error);
    throw error;
  }
  const where = target(path, request.method);
  if (await faultsBefore(deps.faults, where, reply)) return reply;
  let result: BcAnswer;
  try {
    result = await dispatch(deps, request, path, { origin, rawPath, rawQuery, where });
  } catch (error) {
    if (!(error instanceof BcODataError)) throw error;
    if (error.status === 401)
      reply.header(
        'www-authenticate',
        'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"',
      );
    if (error.status === 429) reply.header('retry-after', String(error.retryAfter ?? 1));
    return sendError(reply, error);
  }
  if (await faultsAfter(deps.faults, where, reply)) return reply;
  if (result.body === undefined) return reply.code(result.status).send();
  return reply
    .code(result.status)
    .header('content-type', 'application/json; odata.metadata=minimal; odata.streaming=true')
    .header('odata-version', '4.0')
    .send(result.body);
}

interface Where {
  readonly origin: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly where: { readonly method: string; readonly model: string };
}

async function dispatch(
  deps: BcRouteDeps,
  request: FastifyRequest,
  path: BcPath,
  { origin, rawPath, rawQuery, where }: Where,
): Promise<BcAnswer> {
  if (path.tenant !== deps.tenant || path.environment !== deps.environment)
    throw new BcODataError(
      404,
      'BadRequest_NotFound',
      `The environment '${path.environment}' of tenant '${path.tenant}' does not exist.`,
    );
  const principal = deps.tokens.authenticate(request);
  const retryAfter = deps.throttle.admit(principal);
  if (retryAfter !== undefined)
    throw new BcODataError(
      429,
      'Application_TooManyRequests',
      'Too many requests reached.',
      retryAfter,
    );
  deps.log.push(
    `${request.method} ${where.model}${where.method === request.method ? '' : `/${where.method}`}`,
  );
  const ifMatch = request.headers['if-match'];
  const bcRequest: BcRequest = {
    method: request.method,
    path,
    query: Object.fromEntries(new URLSearchParams(rawQuery)),
    body: request.body,
    ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
    url: `${origin}${rawPath}`,
  };
  if (path.api === BC_EXTENSION_API) {
    if (!deps.extensionInstalled)
      throw new BcODataError(
        404,
        'BadRequest_NotFound',
        `No HTTP resource was found that matches the request URI '${origin}${rawPath}'.`,
      );
    return handleExtensionApi(deps.api, bcRequest);
  }
  if (path.segments[0]?.name === '$batch' && request.method === 'POST') {
    const isolation = request.headers.isolation;
    return handleBatch(
      deps.api,
      bcRequest,
      typeof isolation === 'string' ? isolation : undefined,
      origin,
    );
  }
  if (path.segments[0]?.name === 'subscriptions' && deps.subscriptions !== undefined)
    return deps.subscriptions(bcRequest, principal);
  return handleStandardApi(deps.api, bcRequest);
}

export function registerBcRoutes(app: FastifyInstance, deps: BcRouteDeps): void {
  app.all('/bc/v2.0/*', (request, reply) => answer(deps, request, reply));
}
