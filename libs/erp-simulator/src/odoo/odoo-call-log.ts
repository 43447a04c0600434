/** The calls the simulated Odoo executed: exact counters and the most recent log. */

export type OdooTransport = 'jsonrpc' | 'xmlrpc' | 'json2' | 'direct';

export interface OdooCall {
  readonly transport: OdooTransport;
  readonly model: string;
  readonly method: string;
  readonly at: string;
}

const callLogLimit = 10_000;

export class OdooCallLog {
  private log: OdooCall[] = [];
  private counts = new Map<string, number>();

  count(transport: OdooTransport, model: string, method: string): void {
    const key = `${model}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.log.push({ transport, model, method, at: new Date().toISOString() });
    // Benchmarks make millions of calls: keep the counters exact and only the recent log.
    if (this.log.length > callLogLimit) this.log = this.log.slice(-callLogLimit / 2);
  }

  calls(): readonly OdooCall[] {
    return [...this.log];
  }

  callCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  callCount(model: string, method: string): number {
    return this.counts.get(`${model}.${method}`) ?? 0;
  }

  reset(): void {
    this.log = [];
    this.counts = new Map();
  }
}
