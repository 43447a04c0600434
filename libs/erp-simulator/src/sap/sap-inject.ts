/** For the simulator's own specs: the SAP module on a bare Fastify app, requests by inject (no socket). */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { DEFAULT_SAP_USER, SapSimulator, type SapSimOptions } from './sap-simulator';

export const BASIC = `Basic ${Buffer.from(`${DEFAULT_SAP_USER.name}:${DEFAULT_SAP_USER.password}`).toString('base64')}`;

export const standardSapSeed = {
  plants: [{ Plant: '1010', storageLocations: ['101A', '101B'] }],
  materials: [{ Material: 'TG11' }, { Material: 'TG12' }],
  stock: [{ Material: 'TG11', Plant: '1010', StorageLocation: '101A', quantity: 10 }],
  purchaseOrders: [
    {
      PurchaseOrder: '4500000123',
      Supplier: '17300001',
      items: [
        {
          Material: 'TG11',
          Plant: '1010',
          StorageLocation: '101A',
          OrderQuantity: 7,
          NetPriceAmount: 130,
        },
      ],
    },
  ],
};

export async function sapApp(
  options: SapSimOptions = {},
): Promise<{ sap: SapSimulator; app: FastifyInstance }> {
  const sap = new SapSimulator({ seed: standardSapSeed, ...options });
  const app = Fastify();
  await app.register((scope, _options, done) => {
    sap.register(scope);
    done();
  });
  await app.ready();
  return { sap, app };
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'HEAD';

/** A write as a client would make it: fetch a token (and session cookie) first, then send both. */
export async function csrfWrite(
  app: FastifyInstance,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const fetched = await app.inject({
    method: 'HEAD',
    url: url.split('?')[0] ?? url,
    headers: { authorization: BASIC, 'x-csrf-token': 'Fetch' },
  });
  const cookies = ([] as string[])
    .concat(fetched.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  return app.inject({
    method,
    url,
    headers: {
      authorization: BASIC,
      'x-csrf-token': String(fetched.headers['x-csrf-token']),
      cookie: cookies,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}

export function get(app: FastifyInstance, url: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: { authorization: BASIC } });
}
