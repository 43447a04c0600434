/**
 * The WMS side of the load: inventory levels signed in the bench (Standard Webhooks, as the
 * simulated WMS signs them: `{type, timestamp, data}`, webhook-id/-timestamp/-signature)
 * and POSTed to the ingress over keep-alive connections. Each event has a global sequence
 * number; its `asOf` is a fixed base plus that number in milliseconds, so every SKU's
 * levels rise in version (none is superseded) and (entity key, source version) names one
 * event exactly.
 */
import { Agent, request } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface LevelEvent {
  readonly sequence: number;
  readonly sku: string;
  /** `<warehouse>:<sku>`, the hub's entity key of an inventory level. */
  readonly entityKey: string;
  /** Epoch milliseconds of `asOf`: the source version the hub carries. */
  readonly sourceVersion: number;
}

export interface WmsLoadOptions {
  readonly ingressUrl: string;
  readonly secret: string;
  readonly runId: string;
  readonly warehouse: string;
  readonly skus: readonly string[];
  readonly maxSockets: number;
}

export interface PostResult {
  readonly status: number;
  /** Set when no HTTP answer came (connection error). */
  readonly error?: string;
}

export class WmsLoad {
  private readonly webhook: Webhook;
  private readonly agent: Agent;
  private readonly url: URL;
  /** An hour back, so no level is dated in the future however many are sent. */
  private readonly versionBase = Date.now() - 3_600_000;
  private sequence = 0;

  constructor(private readonly options: WmsLoadOptions) {
    this.webhook = new Webhook(options.secret);
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
    this.url = new URL(options.ingressUrl);
  }

  /** The next event, cycling through the SKUs. */
  next(): LevelEvent {
    const sequence = this.sequence;
    this.sequence += 1;
    const { skus, warehouse } = this.options;
    const sku = skus[sequence % skus.length] ?? '';
    return {
      sequence,
      sku,
      entityKey: `${warehouse}:${sku}`,
      sourceVersion: this.versionBase + sequence,
    };
  }

  /**
   * Which of `lanes` sequential senders an event belongs to: always the same for one SKU,
   * so a closed-loop sender never has two levels of one SKU in flight, which the ingress
   * could publish out of order (the older one would then be superseded, not written).
   */
  lane(event: LevelEvent, lanes: number): number {
    return (event.sequence % this.options.skus.length) % lanes;
  }

  /** Signs at send time, so a long run never trips the 5-minute timestamp tolerance. */
  post(event: LevelEvent): Promise<PostResult> {
    const at = new Date();
    const body = JSON.stringify({
      type: 'inventory-level.changed',
      timestamp: at.toISOString(),
      data: {
        sku: event.sku,
        warehouse: this.options.warehouse,
        quantityOnHand: (event.sequence % 10_000).toFixed(2),
        unitOfMeasure: 'PCS',
        asOf: new Date(event.sourceVersion).toISOString(),
      },
    });
    const webhookId = `msg_${this.options.runId}_${String(event.sequence)}`;
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': this.webhook.sign(webhookId, at, body),
    };
    return new Promise((done) => {
      const outgoing = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method: 'POST',
          agent: this.agent,
          headers,
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            done({ status: response.statusCode ?? 0 });
          });
        },
      );
      outgoing.on('error', (error) => {
        done({ status: 0, error: error.message });
      });
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Answers by status ("202", "503", "error"). */
export type StatusCounts = Record<string, number>;

export function countStatus(counts: StatusCounts, result: PostResult): void {
  const key = result.error === undefined ? String(result.status) : 'error';
  counts[key] = (counts[key] ?? 0) + 1;
}

export const notAccepted = (counts: StatusCounts): number =>
  Object.entries(counts).reduce((sum, [status, n]) => (status === '202' ? sum : sum + n), 0);
