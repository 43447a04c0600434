import { describeError, MessagingError, type MessagingErrorCode } from '../errors/messaging-error';

/** The fetch this lib needs; the platform's by default, injectable to observe or stub. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export type CompatibilityLevel =
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE'
  | 'NONE';

export interface RegistryConnection {
  /** Confluent-compatible base URL, e.g. Apicurio's http://host:8081/apis/ccompat/v7. */
  readonly url: string;
  readonly basicAuth?: { readonly username: string; readonly password: string };
  readonly fetch?: FetchFunction;
  readonly timeoutMs?: number;
}

export interface RegisteredSchemaText {
  readonly schema: string;
  readonly schemaType: string;
}

const contentType = 'application/vnd.schemaregistry.v1+json';

/** The three calls of the Confluent Schema Registry REST API this lib makes. */
export class RegistryClient {
  private readonly fetch: FetchFunction;
  private readonly base: string;

  constructor(private readonly connection: RegistryConnection) {
    this.fetch = connection.fetch ?? ((url, init) => fetch(url, init));
    this.base = connection.url.replace(/\/+$/, '');
  }

  /** PUT /config/{subject}: per-subject compatibility, checked on every later registration. */
  async setCompatibility(subject: string, level: CompatibilityLevel): Promise<void> {
    await this.call('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: level }, {});
  }

  /** POST /subjects/{subject}/versions: the id of the schema (the existing id when already registered). */
  async register(subject: string, schema: string): Promise<number> {
    const body = await this.call(
      'POST',
      `/subjects/${encodeURIComponent(subject)}/versions`,
      { schema, schemaType: 'AVRO' },
      {
        409: 'SCHEMA_INCOMPATIBLE',
        422: 'SCHEMA_INVALID',
      },
    );
    const id = (body as { id?: unknown }).id;
    if (typeof id !== 'number')
      throw new MessagingError(
        'SCHEMA_REGISTRY_REJECTED',
        `Registry answered without an id for ${subject}`,
        false,
      );
    return id;
  }

  /** GET /schemas/ids/{id}: the writer schema of a payload. */
  async schemaById(id: number): Promise<RegisteredSchemaText> {
    const body = (await this.call('GET', `/schemas/ids/${id}`, undefined, {
      404: 'UNKNOWN_SCHEMA_ID',
    })) as Record<string, unknown>;
    const schema = body['schema'];
    if (typeof schema !== 'string')
      throw new MessagingError(
        'SCHEMA_REGISTRY_REJECTED',
        `Registry answered without a schema for id ${id}`,
        false,
      );
    const schemaType = typeof body['schemaType'] === 'string' ? body['schemaType'] : 'AVRO';
    return { schema, schemaType };
  }

  private async call(
    method: string,
    path: string,
    body: object | undefined,
    codes: Partial<Record<number, MessagingErrorCode>>,
  ): Promise<unknown> {
    const url = `${this.base}${path}`;
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(url, {
        method,
        headers: this.headers(),
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.connection.timeoutMs ?? 10_000),
      });
      text = await response.text();
    } catch (error) {
      throw new MessagingError(
        'SCHEMA_REGISTRY_UNAVAILABLE',
        `${method} ${url} failed: ${describeError(error)}`,
        true,
        { cause: error },
      );
    }
    if (response.ok) return text === '' ? {} : (JSON.parse(text) as unknown);
    const detail = `${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`;
    const code = codes[response.status];
    if (code) throw new MessagingError(code, detail, false);
    const retriable = response.status >= 500 || response.status === 429 || response.status === 408;
    throw new MessagingError(
      retriable ? 'SCHEMA_REGISTRY_UNAVAILABLE' : 'SCHEMA_REGISTRY_REJECTED',
      detail,
      retriable,
    );
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'Content-Type': contentType, Accept: contentType };
    const auth = this.connection.basicAuth;
    if (auth)
      headers['Authorization'] =
        `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    return headers;
  }
}
