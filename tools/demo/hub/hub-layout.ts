/**
 * The names, ports and secrets of one hub run, decided before anything starts, so every
 * app's environment agrees with every other's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './net';
import { randomToken, runIdentifier, webhookSecret } from './secrets';

const root = resolve(__dirname, '../../..');
export const defaultPolicyPath = join(root, 'libs/ownership/policies/default.yaml');

export interface HubSystems {
  readonly wms: string;
  readonly odoo: string;
}

export interface HubLayout {
  readonly runId: string;
  readonly systems: HubSystems;
  readonly policyPath: string;
  readonly ports: Readonly<Record<HubApp, number>>;
  readonly schemas: Readonly<Record<'ingress' | 'odoo' | 'http' | 'retry' | 'dlq', string>>;
  readonly groups: { readonly retry: string; readonly dlq: string };
  readonly secrets: {
    readonly wmsEmit: string;
    readonly wmsReceive: string;
    readonly odooToken: string;
    readonly operatorToken: string;
    readonly httpAdminToken: string;
  };
}

export type HubApp =
  | 'erp-simulator'
  | 'ingress'
  | 'connector-odoo'
  | 'connector-http'
  | 'retry-scheduler'
  | 'dlq-reviewer';

export const hubApps: readonly HubApp[] = [
  'erp-simulator',
  'ingress',
  'retry-scheduler',
  'dlq-reviewer',
  'connector-odoo',
  'connector-http',
];

/** The default policy with other system ids: same entity types, owners and receivers. */
function writePolicy(dir: string, systems: HubSystems): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'policy.yaml');
  writeFileSync(
    path,
    [
      'systems:',
      `  - id: ${systems.wms}`,
      '    kind: wms',
      `  - id: ${systems.odoo}`,
      '    kind: odoo',
      'entityTypes:',
      '  - type: inventory-level',
      `    owner: ${systems.wms}`,
      `    receivers: [${systems.odoo}]`,
      '    changeRequests: true',
      '  - type: goods-receipt',
      `    owner: ${systems.wms}`,
      `    receivers: [${systems.odoo}]`,
      '  - type: purchase-order',
      `    owner: ${systems.odoo}`,
      `    receivers: [${systems.wms}]`,
      '',
    ].join('\n'),
  );
  return path;
}

export interface LayoutOptions {
  /** Unique system ids (wms-<run>, odoo-<run>) and a generated policy; default: wms and odoo. */
  readonly isolatedSystems?: boolean;
  readonly runId?: string;
}

export async function planHub(options: LayoutOptions = {}): Promise<HubLayout> {
  const runId = options.runId ?? runIdentifier();
  const systems: HubSystems = options.isolatedSystems
    ? { wms: `wms-${runId}`, odoo: `odoo-${runId}` }
    : { wms: 'wms', odoo: 'odoo' };
  const policyPath = options.isolatedSystems
    ? writePolicy(join(root, '.stack', 'demo', runId), systems)
    : defaultPolicyPath;
  const ports = {} as Record<HubApp, number>;
  for (const app of hubApps) ports[app] = await freePort();
  const schema = (part: string): string => `hub_run_${runId}_${part}`;
  return {
    runId,
    systems,
    policyPath,
    ports,
    schemas: {
      ingress: schema('ingress'),
      odoo: schema('odoo'),
      http: schema('http'),
      retry: schema('retry'),
      dlq: schema('dlq'),
    },
    groups: { retry: `retry-scheduler-${runId}`, dlq: `dlq-reviewer-${runId}` },
    secrets: {
      wmsEmit: webhookSecret(),
      wmsReceive: webhookSecret(),
      odooToken: randomToken(),
      operatorToken: randomToken(),
      httpAdminToken: randomToken(),
    },
  };
}
