/** Faults a test can inject into a simulated system, limited by count, method and model. */
export interface FaultScope {
  /** Only the next N matching requests; omitted: until cleared. */
  readonly times?: number;
  /** Let the first N matching requests through untouched (e.g. fail the second button_validate). */
  readonly skip?: number;
  /** Odoo model method (`create`, `button_validate`, `authenticate`…). */
  readonly method?: string;
  /** Odoo model (`stock.picking`…); `common` for the common service. */
  readonly model?: string;
}

export type FaultSpec =
  | (FaultScope & { readonly kind: 'outage'; readonly mode: 'refuse-connection' | '503' })
  | (FaultScope & { readonly kind: 'latency'; readonly latencyMs: number })
  | (FaultScope & { readonly kind: 'rateLimit'; readonly retryAfterSeconds: number })
  | (FaultScope & { readonly kind: 'failAfterCommit' })
  | (FaultScope & { readonly kind: 'dropAfterCommit' })
  | (FaultScope & { readonly kind: 'odooError'; readonly name: string; readonly message: string })
  | (FaultScope & { readonly kind: 'dropWebhook' })
  | (FaultScope & {
      readonly kind: 'failAfterWebhook';
      readonly name?: string;
      readonly message?: string;
    })
  | (FaultScope & { readonly kind: 'gone' });

export type FaultKind = FaultSpec['kind'];

export interface ActiveFault {
  readonly id: string;
  readonly spec: FaultSpec;
  /** Uses left; undefined = until cleared. */
  readonly remaining: number | undefined;
}

const kinds: readonly FaultKind[] = [
  'outage',
  'latency',
  'rateLimit',
  'failAfterCommit',
  'dropAfterCommit',
  'odooError',
  'dropWebhook',
  'failAfterWebhook',
  'gone',
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a fault from the control API; returns the problems, empty when valid. */
export function faultSpecProblems(value: unknown, allowed: readonly FaultKind[]): string[] {
  if (!isObject(value)) return ['body must be a JSON object'];
  const problems: string[] = [];
  const kind = value.kind;
  if (
    typeof kind !== 'string' ||
    !kinds.includes(kind as FaultKind) ||
    !allowed.includes(kind as FaultKind)
  )
    problems.push(`kind must be one of ${allowed.join(', ')}`);
  if (value.times !== undefined && (typeof value.times !== 'number' || value.times < 1))
    problems.push('times must be a positive number');
  if (value.skip !== undefined && (typeof value.skip !== 'number' || value.skip < 0))
    problems.push('skip must be a number ≥ 0');
  for (const key of ['method', 'model'])
    if (value[key] !== undefined && typeof value[key] !== 'string')
      problems.push(`${key} must be a string`);
  if (kind === 'outage' && value.mode !== 'refuse-connection' && value.mode !== '503')
    problems.push('mode must be refuse-connection or 503');
  if (kind === 'latency' && typeof value.latencyMs !== 'number')
    problems.push('latencyMs must be a number');
  if (kind === 'rateLimit' && typeof value.retryAfterSeconds !== 'number')
    problems.push('retryAfterSeconds must be a number');
  if (kind === 'odooError' && (typeof value.name !== 'string' || typeof value.message !== 'string'))
    problems.push('name and message must be strings');
  return problems;
}
