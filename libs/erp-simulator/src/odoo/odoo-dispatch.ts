/**
 * `dispatch_rpc(service, method, args)` shared by `/jsonrpc` and `/xmlrpc/2`: the `common`
 * service (version, login, authenticate) and `object` (execute_kw, execute).
 */
import type { FaultTarget } from '../faults/fault-injector';
import { OdooError } from './odoo-errors';
import type { OdooResult, OdooSimulator, OdooTransport } from './odoo-simulator';
import { isRecordObject, type OdooValue } from './odoo-values';

function text(value: OdooValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

export function rpcTarget(
  service: string,
  method: string,
  args: readonly OdooValue[],
): FaultTarget {
  if (service === 'object') return { model: text(args[3]), method: text(args[4]) };
  return { model: service, method };
}

export function versionInfo(serverVersion: string): Record<string, OdooValue> {
  const [major = 17, minor = 0] = serverVersion.split('.').map((part) => Number.parseInt(part, 10));
  return {
    server_version: serverVersion,
    server_version_info: [major, minor, 0, 'final', 0, ''],
    server_serie: serverVersion,
    protocol_version: 1,
  };
}

export async function dispatchRpc(
  odoo: OdooSimulator,
  transport: OdooTransport,
  service: string,
  method: string,
  args: readonly OdooValue[],
): Promise<OdooResult> {
  if (service === 'common') {
    odoo.count(transport, 'common', method);
    if (method === 'version') return { value: versionInfo(odoo.serverVersion) };
    if (method === 'login' || method === 'authenticate')
      return { value: odoo.authenticate(text(args[0]), text(args[1]), text(args[2])) };
    throw new OdooError('builtins.Exception', `Method not found: ${method}`);
  }
  if (service === 'db' && (method === 'list' || method === 'server_version')) {
    odoo.count(transport, 'db', method);
    return { value: method === 'list' ? [odoo.db] : odoo.serverVersion };
  }
  if (service === 'object' && (method === 'execute_kw' || method === 'execute')) {
    const [db, uid, password, model, name, ...rest] = args;
    const checkedUid = odoo.checkObjectAuth(text(db), uid, password);
    if (method === 'execute')
      return odoo.execute(transport, checkedUid, text(model), text(name), rest, {});
    const positional = Array.isArray(rest[0]) ? (rest[0] as readonly OdooValue[]) : [];
    const kwargs = isRecordObject(rest[1]) ? rest[1] : {};
    return odoo.execute(transport, checkedUid, text(model), text(name), positional, kwargs);
  }
  if (service === 'object')
    throw new OdooError('builtins.NameError', `Method not available ${method}`);
  throw new OdooError('builtins.KeyError', `'${service}'`);
}

/** Anything that is not an Odoo exception is reported the way Odoo reports a Python bug. */
export function asOdooError(error: unknown): OdooError {
  if (error instanceof OdooError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new OdooError('builtins.Exception', message);
}
