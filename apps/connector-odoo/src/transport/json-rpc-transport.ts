/**
 * JSON-RPC over `POST /jsonrpc` (Odoo 16–18; deprecated in 19 but still served), §1.1–1.2:
 * `common.authenticate(db, login, key, {})` once for the uid, then
 * `object.execute_kw(db, uid, key, model, method, args, kw)` per call.
 */
import { httpPost, type HttpPost } from './http-post';
import { httpFailure } from './http-failure';
import { endpointUrl, type OdooEndpoint } from './odoo-endpoint';
import { describeCall, toExecuteKw, type OdooCall, type OdooTransport } from './odoo-call';
import { authFailed, invalidResponse, odooErrorToHubError } from './odoo-errors';
import { jsonRpcRequest, parseJsonRpcResponse } from './json-rpc-envelope';
import { UidSession } from './uid-session';

export class JsonRpcTransport implements OdooTransport {
  readonly protocol = 'json-rpc';
  private nextId = 1;
  private readonly session = new UidSession((signal) => this.authenticate(signal));

  constructor(
    private readonly endpoint: OdooEndpoint,
    private readonly post: HttpPost = httpPost,
  ) {}

  call(call: OdooCall, signal: AbortSignal): Promise<unknown> {
    const { args, kw } = toExecuteKw(call);
    const { db, secret } = this.endpoint;
    return this.session.withUid(signal, (uid) =>
      this.rpc(
        'object',
        'execute_kw',
        [db, uid, secret, call.model, call.method, args, kw],
        describeCall(call),
        signal,
      ),
    );
  }

  private async authenticate(signal: AbortSignal): Promise<number> {
    const { db, login, secret, systemId } = this.endpoint;
    const uid = await this.rpc(
      'common',
      'authenticate',
      [db, login, secret, {}],
      'common.authenticate',
      signal,
    );
    // Bad credentials are `false`, not an error (§1.1).
    if (typeof uid !== 'number') throw authFailed(systemId, login, db);
    return uid;
  }

  private async rpc(
    service: string,
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
