/**
 * What JSON-RPC and XML-RPC share (§1.1–1.2): `common.authenticate(db, login, key, {})` once
 * for the uid (bad credentials answer `false`, not an error), then
 * `object.execute_kw(db, uid, key, model, method, args, kw)` per call. Each subclass only
 * puts one service call on its wire.
 */
import type { OdooEndpoint } from './odoo-endpoint';
import {
  describeCall,
  toExecuteKw,
  type OdooCall,
  type OdooProtocol,
  type OdooTransport,
} from './odoo-call';
import { authFailed } from './odoo-errors';
import { uidSession } from './uid-session';

export type OdooService = 'common' | 'object';

export abstract class ExecuteKwTransport implements OdooTransport {
  abstract readonly protocol: OdooProtocol;
  private readonly session = uidSession((signal) => this.authenticate(signal));

  constructor(protected readonly endpoint: OdooEndpoint) {}

  /** One call of `service.method(...args)`; `operation` names it in errors and logs. */
  protected abstract invoke(
    service: OdooService,
    method: string,
    args: unknown[],
    operation: string,
    signal: AbortSignal,
  ): Promise<unknown>;

  call(call: OdooCall, signal: AbortSignal): Promise<unknown> {
    const { args, kw } = toExecuteKw(call);
    const { db, secret } = this.endpoint;
    return this.session.use((uid) =>
      this.invoke(
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
    const uid = await this.invoke(
      'common',
      'authenticate',
      [db, login, secret, {}],
      'common.authenticate',
      signal,
    );
    if (typeof uid !== 'number') throw authFailed(systemId, login, db);
    return uid;
  }
}
