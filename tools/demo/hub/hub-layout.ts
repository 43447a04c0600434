/**
 * The names, ports and secrets of one hub run, decided before anything starts, so every
 * app's environment agrees with every other's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  erpApps,
  erpPolicyFiles,
  writeSimulatorSeeds,
  type ErpApp,
  type ErpKind,
} from './erp-under-test';
import { freePort } from './net';
import { randomToken, runIdentifier, webhookSecret } from './secrets';

const root = resolve(__dirname, '../../..');
export const defaultPolicyPath = join(root, 'libs/ownership/policies/default.yaml');

export interface HubSystems {
  readonly wms: string;
  /** Odoo's id; in a run against another ERP, an id nothing uses (connector-odoo not started). */
  readonly odoo: string;
  /** The id of the ERP under test (equal to `odoo` when that ERP is Odoo). */
  readonly erp: string;
}

/** The ERP the run plays against: its kind and its connector app. */
export interface ErpUnderTest {
  readonly kind: ErpKind;
  readonly app: ErpApp;
}

export interface HubLayout {
  readonly runId: string;
  readonly erp: ErpUnderTest;
  /** The apps this run starts, the simulator first. */
  readonly apps: readonly HubApp[];
  /** Run files (generated policy, simulator seeds); removed when the hub stops. */
  readonly runDir: string;
  /** Extra simulator settings (seed files). */
  readonly simulatorFiles: Readonly<Record<string, string>>;
  readonly systems: HubSystems;
  readonly policyPath: string;
  readonly ports: Readonly<Record<HubApp, number>>;
  /** `odoo` and `erp` are the same schema: the ERP connector's. */
  readonly schemas: Readonly<Record<'ingress' | 'odoo' | 'erp' | 'http' | 'retry' | 'dlq', string>>;
  readonly groups: { readonly retry: string; readonly dlq: string };
  readonly secrets: {
    readonly wmsEmit: string;
    readonly wmsReceive: string;
    readonly odooToken: string;
    /** The ERP's credential at the ingress (Odoo: the same as odooToken). */
    readonly erpToken: string;
    readonly operatorToken: string;
    readonly httpAdminToken: string;
    /** connector-odoo's reconciliation routes (the reviewer's /drift calls them). */
    readonly reconcileToken: string;
  };
}

export type HubApp =
  'erp-simulator' | 'ingress' | ErpApp | 'connector-http' | 'retry-scheduler' | 'dlq-reviewer';

/** The apps of a run against Odoo (the default). */
export const hubApps: readonly HubApp[] = appsFor('odoo');

export function appsFor(erp: ErpKind): HubApp[] {
  return [
    'erp-simulator',
    'ingress',
    'retry-scheduler',
    'dlq-reviewer',
    erpApps[erp],
    'connector-http',
  ];
}

const allApps: readonly HubApp[] = [
  ...appsFor('odoo'),
  ...(Object.values(erpApps) as HubApp[]).filter((app) => app !== 'connector-odoo'),
];

/** The ERP's policy with other system ids: same entity types, owners and receivers. */
function writePolicy(dir: string, systems: HubSystems, kind: ErpKind): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'policy.yaml');
  writeFileSync(
    path,
    [
      'systems:',
      `  - id: ${systems.wms}`,
      '    kind: wms',
      `  - id: ${systems.erp}`,
      `    kind: ${kind}`,
      'entityTypes:',
      '  - type: inventory-level',
      `    owner: ${systems.wms}`,
      `    receivers: [${systems.erp}]`,
      '    changeRequests: true',
      '  - type: goods-receipt',
      `    owner: ${systems.wms}`,
      `    receivers: [${systems.erp}]`,
      '  - type: purchase-order',
      `    owner: ${systems.erp}`,
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
  /** The ERP under test; default odoo. */
  readonly erp?: ErpKind;
}

export async function planHub(options: LayoutOptions = {}): Promise<HubLayout> {
  const runId = options.runId ?? runIdentifier();
  const schema = (part: string): string => `hub_run_${runId}_${part}`;
  const kind = options.erp ?? 'odoo';
  const runDir = join(root, '.stack', 'demo', runId);
  const id = (system: string): string => (options.isolatedSystems ? `${system}-${runId}` : system);
  const systems: HubSystems = { wms: id('wms'), odoo: id('odoo'), erp: id(kind) };
  const policyPath = options.isolatedSystems
    ? writePolicy(runDir, systems, kind)
    : join(root, 'libs/ownership/policies', erpPolicyFiles[kind]);
  const ports = {} as Record<HubApp, number>;
  for (const app of allApps) ports[app] = await freePort();
  const erpSchema = schema(kind.replace(/-/g, '_'));
  const odooToken = randomToken();
  return {
    runId,
    erp: { kind, app: erpApps[kind] },
    apps: appsFor(kind),
    runDir,
    simulatorFiles: writeSimulatorSeeds(kind, runDir),
    systems,
    policyPath,
    ports,
    schemas: {
      ingress: schema('ingress'),
      odoo: erpSchema,
      erp: erpSchema,
      http: schema('http'),
      retry: schema('retry'),
      dlq: schema('dlq'),
    },
    groups: { retry: `retry-scheduler-${runId}`, dlq: `dlq-reviewer-${runId}` },
    secrets: {
      wmsEmit: webhookSecret(),
      wmsReceive: webhookSecret(),
      odooToken,
      erpToken: kind === 'odoo' ? odooToken : randomToken(32),
      operatorToken: randomToken(),
      httpAdminToken: randomToken(),
      reconcileToken: randomToken(),
    },
  };
}
