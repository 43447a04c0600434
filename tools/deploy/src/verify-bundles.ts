/**
 * Starts every bundle with plain `node dist/apps/<app>/main.js` against the running stack
 * (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL or the local stack's addresses), each in
 * throwaway Postgres schemas, with its own system ids, consumer groups and ports, and reports
 * per app: bundle size, time to /healthz 200, time to /readyz 200, and the exit after SIGTERM.
 * A script, not a test: it needs the real stack. `npx tsx tools/deploy/src/verify-bundles.ts`
 * (after `npx tsx tools/deploy/src/bundle-cli.ts`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { APPS } from './bundle';
import { applyTopics } from './topics-apply';
import { topicPlan } from './topic-plan';

const root = resolve(__dirname, '../../..');
const run = `bchk${Date.now().toString(36)}`;
const stack = {
  KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
  SCHEMA_REGISTRY_URL:
    process.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
  DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/hub',
};
const systems = { wms: `wms-${run}`, odoo: `odoo-${run}` };
const schemas = ['ingress', 'odoo', 'http', 'retry', 'dlq'].map((part) => `${run}_${part}`);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        done(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

function policy(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'policy.yaml');
  const { wms, odoo } = systems;
  writeFileSync(
    path,
    `systems:\n  - id: ${wms}\n    kind: wms\n  - id: ${odoo}\n    kind: odoo\nentityTypes:\n` +
      `  - type: inventory-level\n    owner: ${wms}\n    receivers: [${odoo}]\n    changeRequests: true\n` +
      `  - type: goods-receipt\n    owner: ${wms}\n    receivers: [${odoo}]\n` +
      `  - type: purchase-order\n    owner: ${odoo}\n    receivers: [${wms}]\n`,
  );
  return path;
}

/** The apps this check starts: the ones the simulator bundle can serve. */
const STARTED = new Set<string>([
  'erp-simulator',
  'ingress',
  'connector-odoo',
  'connector-http',
  'retry-scheduler',
  'dlq-reviewer',
]);

function environment(
  app: string,
  port: number,
  policyPath: string,
  odooUrl: string,
): Record<string, string> {
  const common = { ...stack, LOG_LEVEL: 'warn', OWNERSHIP_POLICY_PATH: policyPath };
  const secret = `whsec_${Buffer.from(run.padEnd(32, 'x')).toString('base64')}`;
  switch (app) {
    case 'erp-simulator':
      return {
        LOG_LEVEL: 'warn',
        ERP_SIMULATOR_PORT: String(port),
        SIM_HOST: '127.0.0.1',
        ODOO_SIM_CUSTOM_FIELDS:
          'stock.picking:x_hub_correlation_id,stock.quant:x_hub_correlation_id',
      };
    case 'ingress':
      return {
        ...common,
        INGRESS_PORT: String(port),
        INGRESS_DATABASE_SCHEMA: `${run}_ingress`,
        INGRESS_SYSTEMS: JSON.stringify({
          [systems.wms]: { webhookSecret: secret },
          [systems.odoo]: { token: 'tok-1234567890abcdef' },
        }),
      };
    case 'connector-odoo':
      return {
        ...common,
        CONNECTOR_SYSTEM_ID: systems.odoo,
        CONNECTOR_ODOO_PORT: String(port),
        CONNECTOR_DATABASE_SCHEMA: `${run}_odoo`,
        ODOO_URL: odooUrl,
        ODOO_ALLOW_INSECURE_HTTP: 'true', // the local simulator speaks plain http
        ODOO_DB: 'odoo',
        ODOO_LOGIN: 'admin',
        ODOO_PASSWORD: 'admin',
        CONNECTOR_SWEEP_MODE: 'off',
      };
    case 'connector-http':
      return {
        ...common,
        HTTP_CONNECTOR_SYSTEM_ID: systems.wms,
        CONNECTOR_HTTP_PORT: String(port),
        CONNECTOR_DATABASE_SCHEMA: `${run}_http`,
        HTTP_CONNECTOR_ADMIN_TOKEN: 'admin-token-1234567890abcdefgh',
        HTTP_CONNECTOR_ENDPOINTS: JSON.stringify({
          wms: { url: 'http://127.0.0.1:9/po', secret, entityTypes: ['purchase-order'] },
        }),
      };
    case 'retry-scheduler':
      return {
        ...common,
        RETRY_SCHEDULER_PORT: String(port),
        RETRY_DATABASE_SCHEMA: `${run}_retry`,
        RETRY_GROUP_ID: `retry-scheduler-${run}`,
        RETRY_TARGETS: JSON.stringify({ targets: [{ id: systems.odoo }, { id: systems.wms }] }),
        RETRY_TOPIC_PARTITIONS: '1',
      };
    default:
      return {
        ...common,
        DLQ_REVIEWER_PORT: String(port),
        DLQ_DATABASE_SCHEMA: `${run}_dlq`,
        DLQ_IDEMPOTENCY_SCHEMA: `${run}_odoo`,
        DLQ_CONSUMER_GROUP: `dlq-reviewer-${run}`,
        DLQ_API_TOKENS: JSON.stringify([
          { name: 'check', token: 'operator-token-1234567890', role: 'operator' },
        ]),
      };
  }
}

function residentMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 1024);
  } catch {
    return null;
  }
}

async function until(url: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return true;
    await new Promise((done) => setTimeout(done, 50));
  }
  return false;
}

interface Result {
  app: string;
  kib: number;
  healthzMs: number | null;
  readyzMs: number | null;
  /** Resident memory once ready (Linux /proc), MiB. */
  rssMiB: number | null;
  exit: string;
}

interface Started {
  readonly result: Result;
  readonly stop: () => Promise<string>;
  readonly base: string;
}

async function check(app: string, policyPath: string, odooUrl: string): Promise<Result> {
  const started = await start(app, policyPath, odooUrl);
  const exit = await started.stop();
  return { ...started.result, exit };
}

async function start(app: string, policyPath: string, odooUrl: string): Promise<Started> {
  const port = await freePort();
  const file = join(root, 'dist/apps', app, 'main.js');
  process.stderr.write(`starting ${app} on ${port}\n`);
  const started = Date.now();
  const child = spawn(process.execPath, [file], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', ...environment(app, port, policyPath, odooUrl) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string>((done) =>
    child.once('exit', (code, signal) => {
      done(`code ${code} signal ${signal}`);
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const healthy = await until(`${base}/healthz`, started + 60_000);
  const healthzMs = healthy ? Date.now() - started : null;
  // The simulator has no /readyz: live is ready.
  const readyPath = app === 'erp-simulator' ? '/healthz' : '/readyz';
  const ready = healthy && (await until(`${base}${readyPath}`, started + 60_000));
  const readyzMs = ready ? Date.now() - started : null;
  const rssMiB = ready ? residentMiB(child.pid) : null;
  if (!ready) process.stderr.write(`${app} stderr:\n${stderr.slice(-2000)}\n`);
  const stop = async (): Promise<string> => {
    child.kill('SIGTERM');
    return Promise.race([
      exited,
      new Promise<string>((done) => {
        setTimeout(() => {
          done('no exit in 30 s');
        }, 30_000);
      }),
    ]);
  };
  return {
    result: {
      app,
      kib: Math.round(statSync(file).size / 1024),
      healthzMs,
      readyzMs,
      rssMiB,
      exit: '',
    },
    stop,
    base,
  };
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: stack.DATABASE_URL });
  await db.connect();
  for (const schema of schemas) await db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const policyPath = policy(join(root, '.stack/bundle-check', run));
  const results: Result[] = [];
  const kafka = new Kafka({
    clientId: 'bundle-check',
    brokers: stack.KAFKA_BROKERS.split(','),
    logLevel: logLevel.WARN,
  });
  const admin = kafka.admin();
  await admin.connect();
  // The throwaway systems' retry and redelivery topics, as the topics command makes them.
  const own = topicPlan({
    targets: [systems.odoo, systems.wms],
    replicationFactor: 1,
    partitions: 1,
  }).filter((topic) => topic.role === 'retry' || topic.role === 'redelivery');
  await applyTopics(admin, own);
  try {
    // The simulator first, kept running: connector-odoo checks Odoo's fields at start.
    const simulator = await start('erp-simulator', policyPath, '');
    for (const app of APPS.filter((name) => STARTED.has(name) && name !== 'erp-simulator')) {
      results.push(await check(app, policyPath, simulator.base));
    }
    const notStarted = APPS.filter((name) => !STARTED.has(name));
    process.stdout.write(
      `bundled, not started here (the simulator image serves Odoo and the WMS only; their int tests run them against their simulators): ${notStarted.join(', ')}\n`,
    );
    results.push({ ...simulator.result, exit: await simulator.stop() });
  } finally {
    for (const schema of schemas) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.end();
    await admin.deleteTopics({ topics: own.map((topic) => topic.name) });
    await admin.disconnect();
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  if (results.some((result) => result.readyzMs === null)) process.exit(1);
}

void main();
