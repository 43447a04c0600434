/**
 * The local stack as a whole: Postgres checked (not started), then Kafka and the
 * schema registry started side by side, or reused when already running.
 */
import { errorMessage, StackError } from './errors';
import { kafkaSpec } from './kafka';
import { withStackLock } from './lock';
import {
  ensureRunning,
  managedStatus,
  stopManaged,
  type ManagedProcessSpec,
} from './managed-process';
import { requireTools } from './maven';
import { stackSettings, type StackSettings } from './paths';
import { databaseName, ensureDatabase, postgresStatus } from './postgres';
import { ccompatUrl, ensureGlobalCompatibility, schemaRegistrySpec } from './schema-registry';
import type {
  ComponentStatus,
  Log,
  StackDownOptions,
  StackEndpoints,
  StackUpOptions,
} from './types';

const quiet: Log = () => undefined;

function servers(settings: StackSettings): {
  kafka: ManagedProcessSpec;
  registry: ManagedProcessSpec;
} {
  return { kafka: kafkaSpec(settings), registry: schemaRegistrySpec(settings) };
}

export function stackEndpoints(settings: StackSettings = stackSettings()): StackEndpoints {
  return {
    kafkaBrokers: `127.0.0.1:${settings.kafkaPort}`,
    schemaRegistryUrl: ccompatUrl(settings),
    databaseUrl: settings.databaseUrl,
  };
}

/** Settled results, failing with every component's error rather than only the first. */
async function allOrErrors(work: ReadonlyArray<Promise<unknown>>): Promise<void> {
  const failures = (await Promise.allSettled(work)).flatMap((result) =>
    result.status === 'rejected' ? [errorMessage(result.reason)] : [],
  );
  if (failures.length === 1) throw new StackError('stack', `up failed:\n${failures[0] ?? ''}`);
  if (failures.length > 1) throw new StackError('stack', `up failed:\n${failures.join('\n\n')}`);
}

/**
 * Starts whatever of the stack is not running and returns its endpoints. Idempotent:
 * running components (PID file + health probe) are reused.
 */
export async function stackUp(options: StackUpOptions = {}): Promise<StackEndpoints> {
  const log = options.log ?? quiet;
  const settings = stackSettings();
  return withStackLock(
    settings.stateDir,
    (pid) => {
      log(`waiting for another stack up/down (pid ${pid}) to finish`);
    },
    async () => {
      requireTools();
      // The registry stores its schemas in Postgres, so Postgres comes first.
      if (await ensureDatabase(settings.databaseUrl)) {
        log(`postgres: created database ${databaseName(settings.databaseUrl)}`);
      } else {
        log(`postgres: database ${databaseName(settings.databaseUrl)} answers`);
      }
      const { kafka, registry } = servers(settings);
      await allOrErrors([
        ensureRunning(kafka, log),
        ensureRunning(registry, log).then(() => ensureGlobalCompatibility(settings)),
      ]);
      return stackEndpoints(settings);
    },
  );
}

/** Stops the processes stackUp started (by PID file only). Postgres is left alone. */
export async function stackDown(options: StackDownOptions = {}): Promise<void> {
  const log = options.log ?? quiet;
  const settings = stackSettings();
  await withStackLock(
    settings.stateDir,
    (pid) => {
      log(`waiting for another stack up/down (pid ${pid}) to finish`);
    },
    async () => {
      const { kafka, registry } = servers(settings);
      await Promise.all([stopManaged(registry, log), stopManaged(kafka, log)]);
    },
  );
}

export async function stackStatus(): Promise<ComponentStatus[]> {
  const settings = stackSettings();
  const { kafka, registry } = servers(settings);
  return Promise.all([
    managedStatus(kafka),
    managedStatus(registry),
    postgresStatus(settings.databaseUrl),
  ]);
}
