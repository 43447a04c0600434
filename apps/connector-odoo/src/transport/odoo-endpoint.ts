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
}

export function endpointUrl(endpoint: OdooEndpoint, path: string): string {
  return `${endpoint.url.replace(/\/+$/, '')}${path}`;
}
