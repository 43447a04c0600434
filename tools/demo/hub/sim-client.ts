/**
 * The ERP simulator over HTTP: its control API (/__sim/…) and Odoo's own JSON-RPC, the way
 * a user or an Odoo automation would change data.
 */
import { okJson } from './net';
import { simOdoo } from './hub-env';

export interface SeedResult {
  readonly products: Record<string, number>;
  readonly warehouses: Record<string, { id: number; lotStockId: number; receiptTypeId: number }>;
  readonly partners: Record<string, number>;
}

export type OdooRecord = Record<string, unknown> & { readonly id: number };

export interface WmsDelivery {
  readonly webhookId: string;
  readonly path: string;
  readonly body: { type?: string; data?: Record<string, unknown> };
}

export interface WmsEmitResult {
  readonly status: number;
  readonly webhookId: string;
}

export interface WebhookAttempt {
  readonly model: string;
  readonly id: number;
  /** Where and what Odoo sent (JSON text). */
  readonly url: string;
  readonly body: string;
  readonly status?: number;
  readonly error?: string;
}

export interface WmsEvent {
  readonly type: 'inventory-level.changed' | 'goods-receipt.recorded';
  readonly data: Record<string, unknown>;
  readonly webhookId?: string;
}

export class SimulatorClient {
  private rpcId = 0;

  constructor(readonly url: string) {}

  seed(seed: unknown): Promise<SeedResult> {
    return okJson<SeedResult>(`${this.url}/__sim/odoo/seed`, { body: seed });
  }

  records(model: string, domain?: unknown): Promise<OdooRecord[]> {
    const query =
      domain === undefined ? '' : `?domain=${encodeURIComponent(JSON.stringify(domain))}`;
    return okJson<OdooRecord[]>(`${this.url}/__sim/odoo/records/${model}${query}`);
  }

  addWebhook(rule: { model: string; url: string; fields?: string[] }): Promise<unknown> {
    return okJson(`${this.url}/__sim/odoo/webhooks`, { body: rule });
  }

  clearWebhooks(): Promise<unknown> {
    return okJson(`${this.url}/__sim/odoo/webhooks`, { method: 'DELETE' });
  }

  emitOdooWebhook(model: string, id: number): Promise<unknown> {
    return okJson(`${this.url}/__sim/odoo/webhooks/emit`, { body: { model, id } });
  }

  webhookLog(): Promise<WebhookAttempt[]> {
    return okJson<WebhookAttempt[]>(`${this.url}/__sim/odoo/webhooks/log`);
  }

  /** `{ "<model>.<method>": count }` of the calls Odoo executed. */
  calls(): Promise<Record<string, number>> {
    return okJson<Record<string, number>>(`${this.url}/__sim/odoo/calls`);
  }

  async callCount(modelMethod: string): Promise<number> {
    return (await this.calls())[modelMethod] ?? 0;
  }

  addFault(system: 'odoo' | 'wms', fault: Record<string, unknown>): Promise<{ id: string }> {
    return okJson<{ id: string }>(`${this.url}/__sim/${system}/faults`, { body: fault });
  }

  clearFaults(system: 'odoo' | 'wms'): Promise<unknown> {
    return okJson(`${this.url}/__sim/${system}/faults`, { method: 'DELETE' });
  }

  wmsDeliveries(): Promise<WmsDelivery[]> {
    return okJson<WmsDelivery[]>(`${this.url}/__sim/wms/deliveries`);
  }

  /** The WMS signs and posts its events to the ingress. */
  emit(event: WmsEvent): Promise<WmsEmitResult> {
    return okJson<WmsEmitResult>(`${this.url}/__sim/wms/emit`, { body: event });
  }

  emitBatch(events: readonly WmsEvent[]): Promise<WmsEmitResult[]> {
    return okJson<WmsEmitResult[]>(`${this.url}/__sim/wms/emit`, { body: { events } });
  }

  /**
   * What an Odoo admin does before connector-odoo may start (it checks at start): create
   * the char field x_hub_correlation_id on stock.picking and stock.quant, over JSON-RPC as
   * `create` on ir.model.fields. Fields that exist already are left alone.
   */
  async createHubFields(): Promise<void> {
    for (const model of ['stock.picking', 'stock.quant']) {
      const existing = await this.execute<number>('ir.model.fields', 'search_count', [
        [
          ['model', '=', model],
          ['name', '=', 'x_hub_correlation_id'],
        ],
      ]);
      if (existing > 0) continue;
      const [modelId] = await this.execute<number[]>('ir.model', 'search', [
        [['model', '=', model]],
      ]);
      await this.execute('ir.model.fields', 'create', [
        {
          model_id: modelId,
          name: 'x_hub_correlation_id',
          ttype: 'char',
          field_description: 'Hub Correlation Id',
          index: true,
          copied: false,
        },
      ]);
    }
  }

  /** Odoo JSON-RPC `execute_kw` as the simulator's admin user. */
  async execute<T = unknown>(
    model: string,
    method: string,
    args: unknown[],
    kwargs: Record<string, unknown> = {},
  ): Promise<T> {
    this.rpcId += 1;
    const answer = await okJson<{ result?: T; error?: { data?: { message?: string } } }>(
      `${this.url}/jsonrpc`,
      {
        body: {
          jsonrpc: '2.0',
          method: 'call',
          id: this.rpcId,
          params: {
            service: 'object',
            method: 'execute_kw',
            args: [simOdoo.db, 2, simOdoo.password, model, method, args, kwargs],
          },
        },
      },
    );
    if (answer.error) {
      throw new Error(`Odoo ${model}.${method}: ${answer.error.data?.message ?? 'error'}`);
    }
    return answer.result as T;
  }
}
