/**
 * Calls to one Business Central environment: the standard API v2.0 and the hub extension's
 * API (`api/hub/wms/v1.0`), company-scoped, with the bearer token of the credential cache
 * (renewed once on a 401), `If-Match` on every PATCH, server-driven paging followed
 * through `@odata.nextLink`, and failures classified by bc-errors.
 */
import type { CredentialCache, HttpClient, HttpMethod, HttpResponse } from '@hub/connector-runtime';
import type { Clock } from '@hub/resilience';
import { bcFailure } from './bc-errors';
import { BcAuthFailure } from './bc-token';

export const BC_EXTENSION_API = 'hub/wms/v1.0';

export type BcRow = Readonly<Record<string, unknown>>;

export interface BcClientOptions {
  /** Environment root, e.g. https://api.businesscentral.dynamics.com/v2.0/<tenant>/<environment>. */
  readonly apiUrl: string;
  readonly timeoutMs: number;
  /** Every call's duration, for the ERP-call histogram. */
  readonly observe?: (operation: string, seconds: number, ok: boolean) => void;
}

export interface BcCall {
  readonly method?: HttpMethod;
  readonly body?: unknown;
  readonly ifMatch?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Names the call in errors and metrics, e.g. `GET purchaseOrders`. */
  readonly operation: string;
}

export class BcClient {
  private readonly root: string;

  constructor(
    private readonly http: HttpClient,
    private readonly tokens: CredentialCache<string>,
    private readonly options: BcClientOptions,
    private readonly clock: Clock,
  ) {
    this.root = options.apiUrl.replace(/\/$/, '');
  }

  /** `<root>/api/v2.0/companies(<id>)/<path>` (standard API). */
  standard(companyId: string | undefined, path: string): string {
    return companyId === undefined
      ? `${this.root}/api/v2.0/${path}`
      : `${this.root}/api/v2.0/companies(${companyId})/${path}`;
  }

  /** `<root>/api/hub/wms/v1.0/companies(<id>)/<path>` (the extension). */
  extension(companyId: string, path: string): string {
    return `${this.root}/api/${BC_EXTENSION_API}/companies(${companyId})/${path}`;
  }

  /** Sends one call; a non-2xx answer throws (a 401 renews the token once first). */
  async send(url: string, call: BcCall): Promise<HttpResponse> {
    const describe = `Business Central ${call.operation}`;
    const started = this.clock.now();
    let ok = false;
    try {
      const response = await this.tokens.use(async (token) => {
        const answer = await this.http.request({
          url,
          method: call.method ?? 'GET',
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(call.ifMatch === undefined ? {} : { 'if-match': call.ifMatch }),
            ...call.headers,
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          timeoutMs: this.options.timeoutMs,
          signal: call.signal,
          describe,
        });
        if (answer.status === 401) throw new BcAuthFailure(describe);
        return answer;
      });
      if (response.status < 200 || response.status >= 300)
        throw bcFailure(response, describe, this.clock);
      ok = true;
      return response;
    } catch (error) {
      if (error instanceof BcAuthFailure)
        throw bcFailure(
          { status: 401, headers: {}, body: Buffer.from(''), text: '' },
          `${describe} (token refused after renewal)`,
          this.clock,
        );
      throw error;
    } finally {
      this.options.observe?.(call.operation, (this.clock.now() - started) / 1000, ok);
    }
  }

  async get(url: string, operation: string, signal?: AbortSignal): Promise<BcRow> {
    const response = await this.send(url, { operation: `GET ${operation}`, signal });
    return JSON.parse(response.text) as BcRow;
  }

  /** Every row of a collection, following `@odata.nextLink`. */
  async list(url: string, operation: string, signal?: AbortSignal): Promise<BcRow[]> {
    const rows: BcRow[] = [];
    let next: string | undefined = url;
    while (next !== undefined) {
      const page = await this.get(next, operation, signal);
      rows.push(...((page.value ?? []) as BcRow[]));
      const link = page['@odata.nextLink'];
      next = typeof link === 'string' ? link : undefined;
    }
    return rows;
  }

  async patch(
    url: string,
    body: unknown,
    ifMatch: string,
    operation: string,
    signal?: AbortSignal,
  ): Promise<BcRow> {
    const response = await this.send(url, {
      method: 'PATCH',
      body,
      ifMatch,
      operation: `PATCH ${operation}`,
      signal,
    });
    return JSON.parse(response.text) as BcRow;
  }

  async post(
    url: string,
    body: unknown,
    operation: string,
    signal?: AbortSignal,
  ): Promise<HttpResponse> {
    return this.send(url, { method: 'POST', body, operation: `POST ${operation}`, signal });
  }
}

export interface BcBatchPatch {
  /** Relative to the API root, e.g. `companies(<id>)/purchaseOrders(<id>)/purchaseOrderLines(<id>)`. */
  readonly url: string;
  readonly body: unknown;
  readonly ifMatch: string;
}

/**
 * PATCHes in one JSON `$batch` with `Isolation: snapshot` (one transaction: all or none), at
 * most 100 operations a batch. The first failed inner answer is thrown as the whole call
 * would be (a stale ETag as BcStaleEtagError).
 */
export async function patchInBatch(
  client: BcClient,
  patches: readonly BcBatchPatch[],
  operation: string,
  clock: Clock,
  signal?: AbortSignal,
): Promise<void> {
  for (let start = 0; start < patches.length; start += BC_BATCH_LIMIT) {
    const requests = patches.slice(start, start + BC_BATCH_LIMIT).map((patch, index) => ({
      id: String(start + index + 1),
      method: 'PATCH',
      url: patch.url,
      headers: { 'Content-Type': 'application/json', 'If-Match': patch.ifMatch },
      body: patch.body,
    }));
    const response = await client.send(client.standard(undefined, '$batch'), {
      method: 'POST',
      body: { requests },
      headers: { isolation: 'snapshot' },
      operation: `POST $batch ${operation}`,
      signal,
    });
    const answers = ((JSON.parse(response.text) as { responses?: unknown }).responses ?? []) as {
      status: number;
      body?: unknown;
    }[];
    const failed = answers.find((a) => a.status < 200 || a.status >= 300);
    if (failed !== undefined) {
      const text = JSON.stringify(failed.body ?? {});
      throw bcFailure(
        { status: failed.status, headers: {}, body: Buffer.from(text), text },
        `Business Central $batch PATCH ${operation}`,
        clock,
      );
    }
  }
}

export const BC_BATCH_LIMIT = 100;

/** An OData string literal: quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
