/**
 * F&O's OData v4 endpoint (`<environment>/data/<EntitySet>`) for one legal entity: every
 * collection query carries `cross-company=true` and a `dataAreaId` filter, so it reads
 * exactly that company whatever the app user's default company is; collections follow
 * `@odata.nextLink`; entity keys name every key field. No idempotency header is sent:
 * F&O has none (README, "Deduplication").
 */
import type { CredentialCache, HttpClient, HttpMethod } from '@hub/connector-runtime';
import type { Clock } from '@hub/resilience';
import { FO_ERROR_CODES, foFailure } from './fo-errors';
import { PermanentError } from '@hub/resilience';

export type FoValue = string | number | boolean | null;
export type FoRow = Readonly<Record<string, FoValue>>;

export interface FoClientOptions {
  /** Environment URL without /data. */
  readonly url: string;
  readonly legalEntity: string;
  readonly http: HttpClient;
  readonly tokens: CredentialCache<string>;
  readonly timeoutMs: number;
  readonly clock?: Clock;
}

/** An OData string literal: quotes doubled. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `(dataAreaId='usmf',JournalNumber='000042')`, values URL-encoded. */
export function entityKey(key: Readonly<Record<string, string | number>>): string {
  const parts = Object.entries(key).map(
    ([name, value]) =>
      `${name}=${typeof value === 'number' ? String(value) : encodeURIComponent(literal(value))}`,
  );
  return `(${parts.join(',')})`;
}

/** How many pages one list() follows at most (10,000 rows each in F&O). */
const MAX_PAGES = 100;

export class FoClient {
  readonly dataUrl: string;

  constructor(private readonly options: FoClientOptions) {
    this.dataUrl = `${options.url.replace(/\/+$/, '')}/data`;
  }

  get legalEntity(): string {
    return this.options.legalEntity;
  }

  /** `dataAreaId eq '<legal entity>' and <filter>`. */
  companyFilter(filter: string | undefined): string {
    const company = `dataAreaId eq ${literal(this.options.legalEntity)}`;
    return filter === undefined ? company : `${company} and ${filter}`;
  }

  /**
   * One page of a collection in the legal entity (`company: false` for entities that
   * belong to no company, such as LegalEntities); `nextLink` when F&O has more.
   */
  async page(
    set: string,
    query: { filter?: string; orderby?: string; top?: number; company?: boolean },
    signal: AbortSignal,
  ): Promise<{ rows: FoRow[]; nextLink: string | undefined }> {
    const filter = query.company === false ? query.filter : this.companyFilter(query.filter);
    const params = new URLSearchParams({ 'cross-company': 'true' });
    if (filter !== undefined) params.set('$filter', filter);
    if (query.orderby !== undefined) params.set('$orderby', query.orderby);
    if (query.top !== undefined) params.set('$top', String(query.top));
    return this.collection(`${this.dataUrl}/${set}?${params.toString()}`, `GET ${set}`, signal);
  }

  /** Every row of a collection query (at most `top`), following @odata.nextLink: F&O's server page may be smaller than `$top`. */
  async list(
    set: string,
    query: { filter?: string; orderby?: string; top?: number },
    signal: AbortSignal,
  ): Promise<FoRow[]> {
    let page = await this.page(set, query, signal);
    const rows = [...page.rows];
    for (let pages = 1; page.nextLink !== undefined; pages += 1) {
      if (pages >= MAX_PAGES)
        throw new PermanentError(
          FO_ERROR_CODES.unexpectedAnswer,
          `GET ${set} has more than ${MAX_PAGES} pages; narrow the query`,
        );
      page = await this.collection(page.nextLink, `GET ${set} (next page)`, signal);
      rows.push(...page.rows);
    }
    return rows;
  }

  async create(
    set: string,
    body: Readonly<Record<string, FoValue>>,
    signal: AbortSignal,
  ): Promise<FoRow> {
    const response = await this.call('POST', `${this.dataUrl}/${set}`, `POST ${set}`, signal, {
      dataAreaId: this.options.legalEntity,
      ...body,
    });
    return this.row(response, `POST ${set}`);
  }

  /** A bound action `POST <set>(<key>)/Microsoft.Dynamics.DataEntities.<name>`; answers its `value`. */
  async action(
    set: string,
    key: Readonly<Record<string, string | number>>,
    name: string,
    parameters: Readonly<Record<string, FoValue>>,
    signal: AbortSignal,
  ): Promise<FoValue> {
    const describe = `${set} action ${name}`;
    const url = `${this.dataUrl}/${set}${entityKey({ dataAreaId: this.options.legalEntity, ...key })}/Microsoft.Dynamics.DataEntities.${name}`;
    const answer = this.row(await this.call('POST', url, describe, signal, parameters), describe);
    return answer.value ?? null;
  }

  private async collection(url: string, describe: string, signal: AbortSignal) {
    const body = this.row(await this.call('GET', url, describe, signal), describe);
    const value = (body as Record<string, unknown>).value;
    if (!Array.isArray(value))
      throw new PermanentError(
        FO_ERROR_CODES.unexpectedAnswer,
        `${describe}: the answer has no value array`,
      );
    const next = body['@odata.nextLink'];
    return { rows: value as FoRow[], nextLink: typeof next === 'string' ? next : undefined };
  }

  private row(text: string, describe: string): FoRow {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) return parsed as FoRow;
    } catch {
      // reported below
    }
    throw new PermanentError(
      FO_ERROR_CODES.unexpectedAnswer,
      `${describe}: F&O answered something that is not OData JSON`,
    );
  }

  private call(
    method: HttpMethod,
    url: string,
    describe: string,
    signal: AbortSignal,
    body?: Readonly<Record<string, unknown>>,
  ): Promise<string> {
    const { http, tokens, timeoutMs, clock } = this.options;
    return tokens.use(async (token) => {
      const response = await http.request({
        url,
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'odata-version': '4.0',
          'odata-maxversion': '4.0',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs,
        signal,
        describe: `F&O ${describe}`,
      });
      if (response.status >= 200 && response.status < 300) return response.text;
      throw foFailure(response, `F&O ${describe}`, clock);
    });
  }
}
