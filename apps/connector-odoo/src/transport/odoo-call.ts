/**
 * One ORM call, described once and spoken by every transport. Arguments are named, the
 * way Odoo 19's JSON-2 API needs them (docs/erp-protocols.md §1.4); the RPC transports
 * (JSON-RPC §1.2, XML-RPC §1.3) turn them into `execute_kw(db, uid, key, model, method,
 * args, kw)`, with the record ids and each method's conventional leading parameters
 * positional, as every Odoo client sends them.
 */
export type OdooContext = Readonly<Record<string, unknown>>;

export interface OdooCall {
  readonly model: string;
  readonly method: string;
  /** Record ids for methods on records (`write`, `action_*`, `button_*`); absent for `@api.model` ones. */
  readonly ids?: readonly number[];
  /** The method's arguments by name (`domain`, `fields`, `vals_list`, `vals`, `limit`, `order`, …). */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly context?: OdooContext;
}

export type OdooProtocol = 'json-rpc' | 'json-2' | 'xml-rpc';

export interface OdooTransport {
  readonly protocol: OdooProtocol;
  /** Runs the call; a method returning None resolves to null. Throws TransientError or PermanentError. */
  call(call: OdooCall, signal: AbortSignal): Promise<unknown>;
}

/** Parameters that go positionally after the ids in `execute_kw`, per method. */
const leadingParameters: Readonly<Record<string, readonly string[]>> = {
  search: ['domain'],
  search_read: ['domain'],
  search_count: ['domain'],
  create: ['vals_list'],
  write: ['vals'],
  read: ['fields'],
};

/** `execute_kw`'s `args` and `kw` for a call. */
export function toExecuteKw(call: OdooCall): { args: unknown[]; kw: Record<string, unknown> } {
  const params = call.params ?? {};
  const args: unknown[] = call.ids === undefined ? [] : [[...call.ids]];
  const positional = new Set<string>();
  for (const name of leadingParameters[call.method] ?? []) {
    if (!(name in params)) break;
    args.push(params[name]);
    positional.add(name);
  }
  const kw: Record<string, unknown> = Object.fromEntries(
    Object.entries(params).filter(([name]) => !positional.has(name)),
  );
  if (call.context !== undefined) kw.context = call.context;
  return { args, kw };
}

/** The JSON-2 body: `{ids?, context?, ...params}`. */
export function toJson2Body(call: OdooCall): Record<string, unknown> {
  return {
    ...(call.ids === undefined ? {} : { ids: [...call.ids] }),
    ...(call.context === undefined ? {} : { context: call.context }),
    ...(call.params ?? {}),
  };
}

export function describeCall(call: OdooCall): string {
  return `${call.model}.${call.method}`;
}
