/**
 * F&O business events to an HTTPS endpoint: the JSON envelope (BusinessEventId,
 * BusinessEventLegalEntity, ControlNumber, EventId, EventTime as `/Date(ms)/`, ...) and the
 * event's own fields, POSTed unsigned (the endpoint URL is the only secret), retried a few
 * times shortly apart on a failed answer (3 retries, 1 s apart by default). ControlNumber
 * increases with gaps. `duplicate` sends the same event twice, as a retry after a lost
 * answer does.
 */
import { randomUUID } from 'node:crypto';
import type { FoPurchaseOrder } from './fo-model';

export interface FoBusinessEventEndpoint {
  readonly url: string;
  /** Which name the legal entity goes under; public samples show both. Default BusinessEventLegalEntity. */
  readonly legalEntityField?: 'BusinessEventLegalEntity' | 'LegalEntity';
  /** Retries after a failed attempt. Default 3. */
  readonly retries?: number;
  /** Default 1000. */
  readonly retryDelayMs?: number;
}

export interface FoEventAttempt {
  readonly eventId: string;
  readonly controlNumber: number;
  /** HTTP status, 0 when the connection failed. */
  readonly status: number;
}

export type FoBusinessEvent = Readonly<Record<string, string | number | readonly string[]>>;

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

const msDate = (ms: number): string => `/Date(${ms})/`;

export class FoBusinessEvents {
  endpoint: FoBusinessEventEndpoint | undefined;
  readonly attempts: FoEventAttempt[] = [];
  readonly sent: FoBusinessEvent[] = [];
  private controlNumber = 5637145326;

  constructor(private readonly now: () => number) {}

  /** The next control number: larger than the last, with a gap now and then. */
  private nextControlNumber(): number {
    this.controlNumber += 1 + Math.floor(Math.random() * 4);
    return this.controlNumber;
  }

  purchaseOrderConfirmed(po: FoPurchaseOrder): FoBusinessEvent {
    const at = this.now();
    const field = this.endpoint?.legalEntityField ?? 'BusinessEventLegalEntity';
    const amount = po.lines.reduce((sum, l) => sum + l.quantity * l.price, 0);
    return {
      BusinessEventId: 'PurchaseOrderConfirmedBusinessEvent',
      [field]: po.dataAreaId.toUpperCase(),
      ContextRecordSubject: '',
      ControlNumber: this.nextControlNumber(),
      EventId: randomUUID().toUpperCase(),
      EventTime: msDate(at),
      EventTimeIso8601: new Date(at).toISOString().replace('Z', '0000Z'),
      InitiatingUserAADObjectId: `{${randomUUID().toUpperCase()}}`,
      MajorVersion: 0,
      MinorVersion: 0,
      ParentContextRecordSubjects: [],
      PurchaseJournal: `${po.number}-1`,
      PurchaseOrderDate: msDate(po.orderDate),
      PurchaseOrderNumber: po.number,
      PurchaseType: 'Purch',
      TransactionCurrencyAmount: amount,
      TransactionCurrencyCode: po.currency,
      VendorAccount: po.vendor,
    };
  }

  /** Sends the event (and again when `duplicate`); answers the status of the last attempt of each send. */
  async deliver(event: FoBusinessEvent, duplicate = false): Promise<number[]> {
    this.sent.push(event);
    const statuses = [await this.send(event)];
    if (duplicate) statuses.push(await this.send(event));
    return statuses;
  }

  private async send(event: FoBusinessEvent): Promise<number> {
    const endpoint = this.endpoint;
    if (endpoint === undefined) return 0;
    const retries = endpoint.retries ?? 3;
    let status = 0;
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      if (attempt > 0) await sleep(endpoint.retryDelayMs ?? 1000);
      try {
        const response = await fetch(endpoint.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      this.attempts.push({
        eventId: String(event.EventId),
        controlNumber: Number(event.ControlNumber),
        status,
      });
      if (status >= 200 && status < 300) return status;
    }
    return status;
  }
}
