/**
 * Odoo 19's JSON-2 API, §1.4: `POST /json/2/<model>/<method>` with
 * `Authorization: bearer <api-key>` and `X-Odoo-Database`, body `{ids?, context?, ...named
 * args}`. Success is 200 with the bare return value (`null` for None); errors are 4xx/5xx
 * with `{name, message, arguments, context, debug}` (401 bad key, 403 AccessError,
 * 404 MissingError, 422 UserError/ValidationError). No login step: the key is the session.
 */
import { PermanentError } from '@hub/resilience';
import { httpPost, type HttpPost } from './http-post';
import { httpFailure } from '@hub/connector-runtime';
import { endpointUrl, responseLimitOf, type OdooEndpoint } from './odoo-endpoint';
import { describeCall, toJson2Body, type OdooCall, type OdooTransport } from './odoo-call';
import { ODOO_ERROR_CODES, invalidResponse, odooErrorToHubError } from './odoo-errors';

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: text === '' ? null : (JSON.parse(text) as unknown) };
  } catch {
    return { ok: false };
  }
}

function errorBody(value: unknown): { name: string; message: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, message } = value as Readonly<Record<string, unknown>>;
  if (typeof name !== 'string' || typeof message !== 'string') return undefined;
  return { name, message };
}

export class Json2Transport implements OdooTransport {
  readonly protocol = 'json-2';

  constructor(
    private readonly endpoint: OdooEndpoint,
    private readonly post: HttpPost = httpPost,
  ) {}

  async call(call: OdooCall, signal: AbortSignal): Promise<unknown> {
    const { systemId, db, secret, timeoutMs } = this.endpoint;
    const operation = describeCall(call);
    const describe = `Odoo ${systemId} ${operation}`;
    const path = `/json/2/${encodeURIComponent(call.model)}/${encodeURIComponent(call.method)}`;
    const response = await this.post(endpointUrl(this.endpoint, path), {
      headers: {
        authorization: `bearer ${secret}`,
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        'x-odoo-database': db,
        'user-agent': 'erp-integration-hub connector-odoo',
      },
      body: JSON.stringify(toJson2Body(call)),
      timeoutMs,
      maxResponseBytes: responseLimitOf(this.endpoint),
      signal,
      describe,
    });
    const parsed = parseJson(response.text);
    if (response.status === 200) {
      if (!parsed.ok)
        throw invalidResponse(systemId, operation, `not JSON: ${response.text.slice(0, 120)}`);
      return parsed.value;
    }
    const odooError = parsed.ok ? errorBody(parsed.value) : undefined;
    const { status } = response;
    if (status === 401)
      throw new PermanentError(
        ODOO_ERROR_CODES.authFailed,
        `Odoo ${systemId} refused the API key for database "${db}" (${odooError?.message ?? 'HTTP 401'}): check ODOO_API_KEY (keys expire after at most 3 months)`,
        { httpStatus: status },
      );
    const transientStatus = status === 408 || status === 425 || status === 429 || status >= 500;
    if (transientStatus || odooError === undefined)
      throw httpFailure(status, response.headers, describe, odooError?.message ?? '');
    throw odooErrorToHubError(odooError, operation, systemId, status);
  }
}
