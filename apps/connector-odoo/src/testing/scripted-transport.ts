/** An OdooTransport for unit tests: answers each call from a script and records what was called. */
import type { OdooCall, OdooTransport } from '../transport/odoo-call';

export type CallScript = (call: OdooCall) => unknown;

export class ScriptedTransport implements OdooTransport {
  readonly protocol = 'json-rpc';
  readonly calls: OdooCall[] = [];

  constructor(private readonly script: CallScript) {}

  call(call: OdooCall): Promise<unknown> {
    this.calls.push(call);
    try {
      return Promise.resolve(this.script(call));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** `model.method` of every call, in order. */
  operations(): string[] {
    return this.calls.map((call) => `${call.model}.${call.method}`);
  }
}

export const neverAborted: AbortSignal = new AbortController().signal;
