/** For this folder's tests: a simulator with the BC module, a token from its token endpoint and a call helper. */
import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';
import { BC_SCOPE } from './bc-auth';
import {
  BC_DEFAULT_TENANT,
  BusinessCentralSimulator,
  type BusinessCentralSimOptions,
} from './business-central-simulator';

export type Json = Record<string, unknown>;

export interface BcTestSession {
  readonly sim: ErpSimulator;
  readonly bc: BusinessCentralSimulator;
  /** `…/api/v2.0` of the default environment. */
  readonly root: string;
  /** `…/api/v2.0/companies(<CRONUS>)`. */
  readonly api: string;
  /** `…/api/hub/wms/v1.0/companies(<CRONUS>)`. */
  readonly hub: string;
  call(
    url: string,
    init?: { method?: string; body?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: Json }>;
}

/** JSON answers parsed; a fault's HTML page (503, 429, 500) kept as `{ text }`. */
function bodyOf(text: string, contentType: string): Json {
  if (text === '') return {};
  return contentType.includes('json') ? (JSON.parse(text) as Json) : { text };
}

export async function startBcSession(options: BusinessCentralSimOptions): Promise<BcTestSession> {
  const bc = new BusinessCentralSimulator(options);
  const sim = await startErpSimulator({ modules: [bc] });
  const response = await fetch(`${sim.url}/bc/login/${BC_DEFAULT_TENANT}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'hub-client',
      client_secret: 'hub-secret',
      scope: BC_SCOPE,
    }).toString(),
  });
  const token = ((await response.json()) as { access_token: string }).access_token;
  const company = bc.company('CRONUS').id;
  const environment = `${sim.url}/bc/v2.0/${BC_DEFAULT_TENANT}/production/api`;
  return {
    sim,
    bc,
    root: `${environment}/v2.0`,
    api: `${environment}/v2.0/companies(${company})`,
    hub: `${environment}/hub/wms/v1.0/companies(${company})`,
    call: async (url, init = {}) => {
      const answer = await fetch(url, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...init.headers,
        },
      });
      const text = await answer.text();
      return {
        status: answer.status,
        headers: answer.headers,
        body: bodyOf(text, answer.headers.get('content-type') ?? ''),
      };
    },
  };
}
