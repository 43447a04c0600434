/** One Fastify server hosting every simulated system and the `/__sim/` control API. */
import Fastify, { type FastifyInstance } from 'fastify';
import type { OdooSimOptions } from './odoo/odoo-simulator';
import { OdooSimulator } from './odoo/odoo-simulator';
import { registerJson2Routes } from './server/odoo-json2-routes';
import { registerJsonRpcRoutes } from './server/odoo-jsonrpc-routes';
import { registerOdooControlRoutes } from './server/odoo-control-routes';
import { registerXmlRpcRoutes } from './server/odoo-xmlrpc-routes';
import { registerWmsControlRoutes, registerWmsReceiveRoutes } from './server/wms-routes';
import { WmsSimulator, type WmsSimOptions } from './wms/wms-simulator';
import type { SimulatorModule } from './simulator-module';

export interface StartErpSimulatorOptions {
  /** Default 0 (a free port). */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly odoo?: OdooSimOptions;
  readonly wms?: WmsSimOptions;
  /** Further simulated systems (Business Central, SAP, F&O), each under its own path prefix. */
  readonly modules?: readonly SimulatorModule[];
}

export interface ErpSimulator {
  /** Base URL, e.g. http://127.0.0.1:41234 (Odoo at `/jsonrpc`, WMS at `/wms/...`). */
  readonly url: string;
  readonly odoo: OdooSimulator;
  readonly wms: WmsSimulator;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export function buildErpSimulatorApp(
  odoo: OdooSimulator,
  wms: WmsSimulator,
  modules: readonly SimulatorModule[] = [],
): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 10 * 1024 * 1024 });
  void app.register((scope, _options, done) => {
    registerJsonRpcRoutes(scope, odoo);
    registerXmlRpcRoutes(scope, odoo);
    registerJson2Routes(scope, odoo);
    registerOdooControlRoutes(scope, odoo);
    registerWmsControlRoutes(scope, wms);
    done();
  });
  void app.register((scope, _options, done) => {
    registerWmsReceiveRoutes(scope, wms);
    done();
  });
  for (const module of modules) {
    // Each module in its own encapsulated scope: its parsers and hooks stay its own.
    void app.register((scope, _options, done) => {
      module.register(scope);
      done();
    });
  }
  app.get('/healthz', () => ({ status: 'ok' }));
  return app;
}

export async function startErpSimulator(
  options: StartErpSimulatorOptions = {},
): Promise<ErpSimulator> {
  const odoo = new OdooSimulator(options.odoo);
  const wms = new WmsSimulator(options.wms);
  const modules = options.modules ?? [];
  const app = buildErpSimulatorApp(odoo, wms, modules);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${port}`,
    odoo,
    wms,
    app,
    close: async () => {
      await app.close();
      for (const module of modules) await module.close?.();
    },
  };
}
