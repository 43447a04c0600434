/**
 * Default ODOO_MAX_RESPONSE_SIZE: far above any page the connector reads (a sweep page of 200
 * orders is well under 1 MiB), far below what would hurt the process.
 */
export const ODOO_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Where and as whom the connector talks to one Odoo database. */
export interface OdooEndpoint {
  /** The hub's id for this Odoo (the ownership policy's system id), used in messages. */
  readonly systemId: string;
  /** Base URL, e.g. https://mycompany.odoo.com (no trailing path). */
  readonly url: string;
  readonly db: string;
  readonly login: string;
  /** Password or API key for JSON-RPC/XML-RPC (an API key works in place of the password, §1.1). */
  readonly secret: string;
  /** Per-request timeout, ms. */
  readonly timeoutMs: number;
  /** Largest response read; default ODOO_MAX_RESPONSE_BYTES. */
  readonly maxResponseBytes?: number;
}

export function endpointUrl(endpoint: OdooEndpoint, path: string): string {
  return `${endpoint.url.replace(/\/+$/, '')}${path}`;
}

export function responseLimitOf(endpoint: OdooEndpoint): number {
  return endpoint.maxResponseBytes ?? ODOO_MAX_RESPONSE_BYTES;
}
