/**
 * The processes a pipeline run is charged to: each hub app (looked up on every sample,
 * since a restarted app has a new pid; connector-odoo with its extra replicas), the Kafka
 * broker JVM (its PID file in the local stack's state dir), the Postgres backends of the
 * hub's apps (postgres-backends.ts), together and per app, and every Postgres process (shown, but shared with
 * whoever else uses it).
 */
import type { Hub, HubApp } from '@hub/demo';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  brokerJitName,
  pidsNamed,
  postgresAllName,
  postgresOfPrefix,
  threadsNamed,
  type CpuSubjects,
  type ThreadSubject,
} from './cpu-meter';
import { postgresBackendsPerGroup } from './postgres-backends';
import { extraReplicas } from './replicas';

const apps: readonly HubApp[] = [
  'erp-simulator',
  'ingress',
  'connector-odoo',
  'connector-http',
  'retry-scheduler',
  'dlq-reviewer',
];

function kafkaPid(): number[] {
  const stateDir = process.env['STACK_DIR'] ?? resolve(__dirname, '../../.stack');
  try {
    const pid = Number(readFileSync(join(stateDir, 'kafka', 'kafka.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? [pid] : [];
  } catch {
    return [];
  }
}

/** `find` at most every `ms` (scanning /proc for Postgres backends takes tens of ms). */
function everyFew(find: () => number[], ms = 10_000): () => number[] {
  let found: number[] = [];
  let at = 0;
  return () => {
    if (Date.now() - at >= ms) {
      found = find();
      at = Date.now();
    }
    return found;
  };
}

/** HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1", …; more start under load. */
const jitCompilerThreads = ['C1 CompilerThre', 'C2 CompilerThre'];

export function benchSubjects(hub: Hub): CpuSubjects {
  const subjects: Record<string, (() => readonly number[]) | ThreadSubject> = {};
  const appPids: Record<string, () => readonly number[]> = {};
  for (const app of apps) {
    appPids[app] = subjects[app] = () => {
      const pid = hub.apps.get(app)?.process.pid;
      // The scale-out phase's extra connector-odoo replicas are charged to connector-odoo.
      const extra = app === 'connector-odoo' ? extraReplicas.map((child) => child.pid) : [];
      return [pid, ...extra].filter((found): found is number => found !== undefined);
    };
  }
  subjects['kafka broker'] = kafkaPid;
  subjects[brokerJitName] = {
    threads: everyFew(
      () => kafkaPid().flatMap((pid) => threadsNamed(pid, jitCompilerThreads)),
      5_000,
    ),
  };
  const postgresPort = Number(new URL(hub.stack.databaseUrl).port || '5432');
  const hubApps = apps.filter((app) => app !== 'erp-simulator');
  // Whose statements the Postgres time serves: each app's own backends, and their sum.
  let backends: Record<string, number[]> = {};
  const findBackends = everyFew(() => {
    backends = postgresBackendsPerGroup(
      Object.fromEntries(hubApps.map((app) => [app, [...(appPids[app]?.() ?? [])]])),
      postgresPort,
    );
    return Object.values(backends).flat();
  });
  subjects["postgres (the hub's backends)"] = findBackends;
  for (const app of hubApps)
    subjects[`${postgresOfPrefix}${app}`] = () => {
      findBackends();
      return backends[app] ?? [];
    };
  subjects[postgresAllName] = everyFew(() => pidsNamed('postgres'));
  return subjects;
}

/** The connector's throughput settings as the hub started it (tools/demo/hub/hub-env.ts). */
export function connectorSettings(hub: Hub): Record<string, string> {
  const pid = hub.apps.get('connector-odoo')?.process.pid;
  const wanted = [
    'CONNECTOR_RATE_LIMIT_RPS',
    'CONNECTOR_RATE_LIMIT_BURST',
    'CONNECTOR_CONCURRENCY',
  ];
  const found: Record<string, string> = {};
  try {
    for (const pair of readFileSync(`/proc/${String(pid)}/environ`, 'utf8').split('\0')) {
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      if (wanted.includes(name)) found[name] = pair.slice(at + 1);
    }
  } catch {
    // gone: nothing to tell
  }
  return found;
}
