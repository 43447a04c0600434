/**
 * An app's public listener and, when it has an admin port, its admin listener: the probes,
 * /metrics and the routes the app mounts on `admin` (the ingress's OpenAPI) are then served
 * there only, and the public port answers them 404 like any unknown route, so whoever can
 * reach the public port (every ERP, perhaps the internet) learns nothing from them. Without
 * an admin port (the development default) everything stays on the one port, as with
 * `createHttpApp`. Listening and closing of both happen here, so shutdown closes both.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  createAdminNestApp,
  createNestApp,
  mountProbes,
  type HttpAppOptions,
} from './create-http-app';

export interface HttpServiceOptions extends HttpAppOptions {
  /** true: the probes, /metrics and the admin routes get a listener of their own. */
  readonly adminListener: boolean;
}

export interface ListenAddresses {
  readonly host: string;
  readonly port: number;
  /** The admin listener's port: required with one, ignored without; 0 picks a free one (tests). */
  readonly adminPort?: number | undefined;
}

export interface ListeningUrls {
  readonly url: string;
  /** Where the probes answer: the admin listener's URL, or `url` without one. */
  readonly adminUrl: string;
}

export interface HttpService {
  readonly app: NestFastifyApplication;
  /** Where admin-only routes go (SwaggerModule.setup takes it as its app): the admin server, or `app`. */
  readonly admin: NestFastifyApplication;
  readonly separateAdmin: boolean;
  /** Initializes both (routes are fixed from then on). */
  init(): Promise<void>;
  listen(addresses: ListenAddresses): Promise<ListeningUrls>;
  /**
   * The public listener first, so its in-flight requests drain while the kubelet can still
   * read "not ready" on the admin port, then the admin listener.
   */
  close(): Promise<void>;
}

export async function createHttpService(options: HttpServiceOptions): Promise<HttpService> {
  const adapter =
    options.adapter ?? new FastifyAdapter({ bodyLimit: options.bodyLimit ?? 1_048_576 });
  const app = await createNestApp(options.module, options.logger, adapter, options.bodyParser);
  const admin = options.adminListener ? await createAdminNestApp(options.logger) : app;
  mountProbes(admin, options.health, options.registry);
  const separateAdmin = admin !== app;

  return {
    app,
    admin,
    separateAdmin,
    init: async () => {
      await app.init();
      if (separateAdmin) await admin.init();
    },
    listen: async ({ host, port, adminPort }) => {
      if (!separateAdmin) {
        await app.listen({ port, host });
        const url = await app.getUrl();
        return { url, adminUrl: url };
      }
      if (adminPort === undefined) throw new Error('an admin listener needs its port');
      await admin.listen({ port: adminPort, host });
      try {
        await app.listen({ port, host });
      } catch (error) {
        await admin.close();
        throw error;
      }
      return { url: await app.getUrl(), adminUrl: await admin.getUrl() };
    },
    close: async () => {
      try {
        await app.close();
      } finally {
        if (separateAdmin) await admin.close();
      }
    },
  };
}
