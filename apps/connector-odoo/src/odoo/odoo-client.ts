/**
 * The ORM calls the adapters make, over whichever transport is configured. Each call is
 * reported to an observer (the app logs them at debug level: one adapter write is several
 * Odoo calls, and the runtime's latency metric sees only the whole write).
 */
import type { OdooCall, OdooContext, OdooTransport } from '../transport/odoo-call';
import { invalidResponse } from '../transport/odoo-errors';
import { recordsOf, type OdooRecord } from './odoo-values';

export type OdooDomain = readonly unknown[];

export interface SearchReadOptions {
  readonly order?: string;
  readonly limit?: number;
  readonly offset?: number;
  readonly context?: OdooContext;
}

export type CallObserver = (operation: string, seconds: number, ok: boolean) => void;

export class OdooClient {
  constructor(
    private readonly transport: OdooTransport,
    private readonly systemId: string,
    private readonly observe: CallObserver = () => undefined,
  ) {}

  async searchRead(
    model: string,
    domain: OdooDomain,
    fields: readonly string[],
    signal: AbortSignal,
    options: SearchReadOptions = {},
  ): Promise<OdooRecord[]> {
    const { context, ...rest } = options;
    const result = await this.call(
      {
        model,
        method: 'search_read',
        params: { domain, fields, ...rest },
        ...(context ? { context } : {}),
      },
      signal,
    );
    return recordsOf(result);
  }

  async read(
    model: string,
    ids: readonly number[],
    fields: readonly string[],
    signal: AbortSignal,
  ): Promise<OdooRecord[]> {
    if (ids.length === 0) return [];
    return recordsOf(await this.call({ model, method: 'read', ids, params: { fields } }, signal));
  }

  /** `fields_get` restricted to `fields` and `attributes`: only the fields that exist answer. */
  async fieldsGet(
    model: string,
    fields: readonly string[],
    attributes: readonly string[],
    signal: AbortSignal,
  ): Promise<Record<string, OdooRecord>> {
    const result = await this.call(
      { model, method: 'fields_get', params: { allfields: fields, attributes } },
      signal,
    );
    if (typeof result !== 'object' || result === null || Array.isArray(result))
      throw invalidResponse(
        this.systemId,
        `${model}.fields_get`,
        `not a dict: ${JSON.stringify(result)}`,
      );
    return result as Record<string, OdooRecord>;
  }

  /** Creates one record; returns its id. */
  async create(
    model: string,
    values: OdooRecord,
    signal: AbortSignal,
    context?: OdooContext,
  ): Promise<number> {
    const result = await this.call(
      { model, method: 'create', params: { vals_list: [values] }, ...(context ? { context } : {}) },
      signal,
    );
    const id = Array.isArray(result) ? (result[0] as unknown) : result;
    if (typeof id !== 'number')
      throw invalidResponse(
        this.systemId,
        `${model}.create`,
        `no record id: ${JSON.stringify(result)}`,
      );
    return id;
  }

  async write(
    model: string,
    ids: readonly number[],
    values: OdooRecord,
    signal: AbortSignal,
    context?: OdooContext,
  ): Promise<void> {
    await this.call(
      { model, method: 'write', ids, params: { vals: values }, ...(context ? { context } : {}) },
      signal,
    );
  }

  /** A business method on records (`action_*`, `button_*`); its raw answer (null for None). */
  method(
    model: string,
    method: string,
    ids: readonly number[],
    signal: AbortSignal,
    context?: OdooContext,
  ): Promise<unknown> {
    return this.call({ model, method, ids, ...(context ? { context } : {}) }, signal);
  }

  private async call(call: OdooCall, signal: AbortSignal): Promise<unknown> {
    const started = performance.now();
    let ok = false;
    try {
      const result = await this.transport.call(call, signal);
      ok = true;
      return result;
    } finally {
      this.observe(`${call.model}.${call.method}`, (performance.now() - started) / 1000, ok);
    }
  }
}
