/**
 * Legacy XML-RPC, §1.3: `POST /xmlrpc/2/common` (`authenticate`) and `/xmlrpc/2/object`
 * (`execute_kw`), spoken with the `xmlrpc` package. Faults carry integer faultCodes:
 * 1 any other exception (traceback), 2 UserError (incl. Validation/Missing), 3 AccessDenied,
 * 4 AccessError. Odoo marshals with allow_none=False, so a method that returns None (e.g.
 * `action_apply_inventory` once applied) answers fault 1 "cannot marshal None" after it
 * committed; that fault is read as a null result.
 */
import xmlrpc from 'xmlrpc';
import { networkFailure } from './http-post';
import { httpFailure } from '@hub/connector-runtime';
import { endpointUrl } from './odoo-endpoint';
import { ExecuteKwTransport, type OdooService } from './execute-kw-transport';
import { isMarshalNoneFault, odooErrorToHubError, xmlRpcFaultToInfo } from './odoo-errors';

interface XmlRpcFailure {
  readonly faultCode?: unknown;
  readonly faultString?: unknown;
  readonly res?: {
    readonly statusCode?: number;
    readonly headers?: Record<string, string | string[] | undefined>;
  };
}

function asFailure(error: unknown): XmlRpcFailure {
  return typeof error === 'object' && error !== null ? error : {};
}

export class XmlRpcTransport extends ExecuteKwTransport {
  readonly protocol = 'xml-rpc';

  protected invoke(
    service: OdooService,
    method: string,
    args: unknown[],
    operation: string,
    signal: AbortSignal,
  ): Promise<unknown> {
    return this.methodCall(`/xmlrpc/2/${service}`, method, args, operation, signal);
  }

  private methodCall(
    path: string,
    method: string,
    params: unknown[],
    operation: string,
    signal: AbortSignal,
  ): Promise<unknown> {
    const { systemId, timeoutMs } = this.endpoint;
    const describe = `Odoo ${systemId} ${operation}`;
    const timeout = AbortSignal.timeout(timeoutMs);
    const url = endpointUrl(this.endpoint, path);
    const options = {
      url,
      signal: AbortSignal.any([signal, timeout]),
      headers: { 'User-Agent': 'erp-integration-hub connector-odoo' },
    };
    const client = url.startsWith('https:')
      ? xmlrpc.createSecureClient(options)
      : xmlrpc.createClient(options);
    return new Promise((resolve, reject) => {
      let settled = false;
      client.methodCall(method, params, (error: unknown, value: unknown) => {
        if (settled) return;
        settled = true;
        if (error === null || error === undefined) {
          resolve(value ?? null);
          return;
        }
        const failure = asFailure(error);
        if (failure.faultCode !== undefined) {
          const faultString = typeof failure.faultString === 'string' ? failure.faultString : '';
          if (isMarshalNoneFault(faultString)) resolve(null);
          else
            reject(
              odooErrorToHubError(
                xmlRpcFaultToInfo(failure.faultCode, faultString),
                operation,
                systemId,
              ),
            );
          return;
        }
        const status = failure.res?.statusCode;
        if (status !== undefined && status !== 200) {
          reject(httpFailure(status, failure.res?.headers ?? {}, describe));
          return;
        }
        reject(networkFailure(timeout.aborted ? timeout.reason : error, describe));
      });
    });
  }
}
