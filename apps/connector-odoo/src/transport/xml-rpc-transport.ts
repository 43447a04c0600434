/**
 * Legacy XML-RPC, §1.3: `POST /xmlrpc/2/common` (`authenticate`) and `/xmlrpc/2/object`
 * (`execute_kw`), posted with the connector kit's HTTP client; the `xmlrpc` package only
 * writes and reads the XML. Faults carry integer faultCodes: 1 any other exception
 * (traceback), 2 UserError (incl. Validation/Missing), 3 AccessDenied, 4 AccessError. Odoo
 * marshals with allow_none=False, so a method that returns None (e.g.
 * `action_apply_inventory` once applied) answers fault 1 "cannot marshal None" after it
 * committed; that fault is read as a null result.
 */
import { Readable } from 'node:stream';
import Deserializer from 'xmlrpc/lib/deserializer';
import { serializeMethodCall } from 'xmlrpc/lib/serializer';
import { httpFailure } from '@hub/connector-runtime';
import { errorMessage } from '@hub/resilience';
import { httpPost, type HttpPost } from './http-post';
import { endpointUrl, responseLimitOf, type OdooEndpoint } from './odoo-endpoint';
import { ExecuteKwTransport, type OdooService } from './execute-kw-transport';
import {
  invalidResponse,
  isMarshalNoneFault,
  odooErrorToHubError,
  xmlRpcFaultToInfo,
} from './odoo-errors';

type XmlRpcAnswer =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'fault'; readonly faultCode: unknown; readonly faultString: string }
  | { readonly kind: 'invalid'; readonly detail: string };

function parseMethodResponse(text: string): Promise<XmlRpcAnswer> {
  return new Promise((resolve) => {
    new Deserializer().deserializeMethodResponse(Readable.from([text]), (error, value) => {
      if (error === null || error === undefined) {
        resolve({ kind: 'value', value: value ?? null });
        return;
      }
      const fault = error as { faultCode?: unknown; faultString?: unknown };
      if (fault.faultCode !== undefined)
        resolve({
          kind: 'fault',
          faultCode: fault.faultCode,
          faultString: typeof fault.faultString === 'string' ? fault.faultString : '',
        });
      else resolve({ kind: 'invalid', detail: errorMessage(error) });
    });
  });
}

export class XmlRpcTransport extends ExecuteKwTransport {
  readonly protocol = 'xml-rpc';

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
    const response = await this.post(endpointUrl(this.endpoint, `/xmlrpc/2/${service}`), {
      headers: {
        'content-type': 'text/xml',
        accept: 'text/xml',
        'user-agent': 'erp-integration-hub connector-odoo',
      },
      body: serializeMethodCall(method, args),
      timeoutMs,
      maxResponseBytes: responseLimitOf(this.endpoint),
      signal,
      describe,
    });
    if (response.status !== 200) throw httpFailure(response.status, response.headers, describe);
    const answer = await parseMethodResponse(response.text);
    switch (answer.kind) {
      case 'value':
        return answer.value;
      case 'invalid':
        throw invalidResponse(systemId, operation, answer.detail);
      case 'fault':
        if (isMarshalNoneFault(answer.faultString)) return null;
        throw odooErrorToHubError(
          xmlRpcFaultToInfo(answer.faultCode, answer.faultString),
          operation,
          systemId,
        );
    }
  }
}
