/**
 * JSON-RPC over `POST /jsonrpc` (Odoo 16–18; deprecated in 19 but still served), §1.1–1.2:
 * `common.authenticate(db, login, key, {})` once for the uid, then
 * `object.execute_kw(db, uid, key, model, method, args, kw)` per call.
 */
import { httpPost, type HttpPost } from './http-post';
import { httpFailure } from '@hub/connector-runtime';
import { endpointUrl, responseLimitOf, type OdooEndpoint } from './odoo-endpoint';
import { ExecuteKwTransport, type OdooService } from './execute-kw-transport';
import { invalidResponse, odooErrorToHubError } from './odoo-errors';
import { jsonRpcRequest, parseJsonRpcResponse } from './json-rpc-envelope';

export class JsonRpcTransport extends ExecuteKwTransport {
  readonly protocol = 'json-rpc';
  private nextId = 1;

  constructor(
    endpoint: OdooEndpoint,
    private readonly post: HttpPost = httpPost,
  ) {
    super(endpoint);
  }

  protected async invoke(
    service: OdooService,
    method: string,
    args: unknown[],
    operation: string,
    signal: AbortSignal,
  ): Promise<unknown> {
    const { systemId, timeoutMs } = this.endpoint;
    const describe = `Odoo ${systemId} ${operation}`;
    const response = await this.post(endpointUrl(this.endpoint, '/jsonrpc'), {
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: jsonRpcRequest(this.nextId++, service, method, args),
      timeoutMs,
      maxResponseBytes: responseLimitOf(this.endpoint),
      signal,
      describe,
    });
    if (response.status !== 200) throw httpFailure(response.status, response.headers, describe);
    const outcome = parseJsonRpcResponse(response.text);
    if (outcome.ok === 'invalid') throw invalidResponse(systemId, operation, outcome.detail);
    if (!outcome.ok) throw odooErrorToHubError(outcome.error, operation, systemId);
    return outcome.result;
  }
}
