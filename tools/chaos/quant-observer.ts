/**
 * Odoo's quantity history, as Odoo itself announces it: an automation rule on stock.quant
 * posts every create/write (applies included) to this receiver. The simulator builds each
 * body inside the call's transaction and runs one transaction at a time, so the arrival
 * order is the order the changes happened in, and nothing in between is missed (a poller
 * could sleep through a stale value shown for a few milliseconds).
 */
import { createServer, type Server } from 'node:http';

export interface QuantEvent {
  readonly quantId: number;
  readonly productId: number;
  readonly quantity: number;
  readonly countPending: boolean;
  /** The hub's reference field; '' when absent. */
  readonly correlationId: string;
}

/** A count that Odoo applied: the quant's pending count cleared, with the quantity after it. */
export interface ApplyEvent {
  readonly productId: number;
  readonly quantity: number;
  /** The correlation id the connector wrote just before applying. */
  readonly correlationId: string;
}

export interface QuantObserver {
  readonly url: string;
  /** Events received so far; `from` lets a round read only its own. */
  events(from?: number): readonly QuantEvent[];
  size(): number;
  close(): Promise<void>;
}

function many2oneId(value: unknown): number {
  if (Array.isArray(value)) return Number(value[0]);
  return Number(value);
}

export async function startQuantObserver(): Promise<QuantObserver> {
  const events: QuantEvent[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        events.push({
          quantId: Number(body['_id']),
          productId: many2oneId(body['product_id']),
          quantity: Number(body['quantity']),
          countPending: body['inventory_quantity_set'] === true,
          correlationId:
            typeof body['x_hub_correlation_id'] === 'string' ? body['x_hub_correlation_id'] : '',
        });
      } catch {
        // not a webhook body: ignore
      }
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/quant-changed`,
    events: (from = 0) => events.slice(from),
    size: () => events.length,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => {
          closed();
        });
      }),
  };
}

/**
 * Applies among the events: a quant whose count was pending and no longer is. The first
 * event of a quant seen only in `events` counts when it already shows no pending count
 * after one that did (so a window starting mid-count still works from its second event).
 */
export function appliesOf(events: readonly QuantEvent[]): ApplyEvent[] {
  const pending = new Map<number, boolean>();
  const applies: ApplyEvent[] = [];
  for (const event of events) {
    if (pending.get(event.quantId) === true && !event.countPending)
      applies.push({
        productId: event.productId,
        quantity: event.quantity,
        correlationId: event.correlationId,
      });
    pending.set(event.quantId, event.countPending);
  }
  return applies;
}
