import type { FastifyInstance } from 'fastify';

/**
 * A simulated system hosted by the one simulator server beside Odoo and the WMS. Each
 * module registers its routes under its own path prefix (`/bc/...`, `/sap/...`, `/fo/...`)
 * and its own control routes under `/__sim/<name>/...`.
 */
export interface SimulatorModule {
  /** Short name, used in control paths and logs: `business-central`, `sap`, `dynamics-finance`. */
  readonly name: string;
  /** Called once, inside an encapsulated Fastify scope. */
  register(app: FastifyInstance): void;
  /** Stops timers (webhook delivery, expiry); called after the server closed. */
  close?(): Promise<void>;
}
