import { ContractError } from '../errors/contract-error';

/** The kinds of system the hub speaks to; each has its own connector (or the ingress). */
export const systemKinds = [
  'wms',
  'odoo',
  'business-central',
  'sap',
  'dynamics-finance',
  'http',
] as const;
export type SystemKind = (typeof systemKinds)[number];

export function isSystemKind(value: unknown): value is SystemKind {
  return typeof value === 'string' && (systemKinds as readonly string[]).includes(value);
}

/**
 * A system id names one configured system (`sourceSystem`, `target`, the <target> of retry
 * topics). It is usually its kind (`odoo`), but two instances of one kind need two ids
 * (`odoo-eu`, `odoo-us`). The charset keeps it safe inside topic names, metric labels and
 * URLs; the length keeps `hub.redelivery.<id>.v1` under Kafka's 249-character topic limit.
 */
export const systemIdPattern = /^[a-z0-9-]{1,200}$/;

export function isSystemId(value: string): boolean {
  return systemIdPattern.test(value);
}

export function assertSystemId(value: string, what = 'system id'): string {
  if (!isSystemId(value)) {
    throw new ContractError(
      'INVALID_SYSTEM_ID',
      `${what} must match [a-z0-9-]+ (at most 200 characters), got "${value}"`,
    );
  }
  return value;
}
