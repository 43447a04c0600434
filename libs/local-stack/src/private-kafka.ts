/**
 * A Kafka broker of the caller's own: the stack's single-node KRaft broker in a temp state
 * dir on free ports, so a test can stop and start it while the shared broker, used by
 * other suites, keeps running. Stop and start keep the ports and the data dir.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSpec, type KafkaSettings } from './kafka';
import { ensureRunning, stopManaged } from './managed-process';
import { requireTools } from './maven';
import { stateDir } from './paths';
import { ownedPid } from './process-control';
import type { Log } from './types';

export interface PrivateKafkaOptions {
  /** Receives progress lines (default: discarded). */
  readonly log?: Log;
  /** Parent of the broker's temp state dir (default: the OS temp dir). */
  readonly parentDir?: string;
  /** JVM heap in MiB; modest by default, tests share the machine with the hub. */
  readonly heapMb?: { readonly initial: number; readonly max: number };
}

export interface PrivateKafka {
  /** `127.0.0.1:<port>`, for KAFKA_BROKERS. */
  readonly brokers: string;
  /** The broker's state dir: kafka/kafka.log, kafka/data/. */
  readonly dir: string;
  /** Starts the broker again (same ports, same data) and waits until it serves. */
  start(): Promise<void>;
  /** Clean shutdown (SIGTERM; SIGKILL after 30 s). */
  stop(): Promise<void>;
  /** Stops it when running and removes its state dir. */
  destroy(): Promise<void>;
}

export const privateKafkaHeapMb = { initial: 128, max: 512 } as const;

/** The settings of a private broker: its own state dir and ports, nothing shared. */
export function privateKafkaSettings(
  dir: string,
  ports: { readonly broker: number; readonly controller: number },
): KafkaSettings {
  if (ports.broker === ports.controller) {
    throw new Error(`private kafka: broker and controller need two ports, got ${ports.broker}`);
  }
  return { stateDir: dir, kafkaPort: ports.broker, kafkaControllerPort: ports.controller };
}

/** Two distinct ports free right now, held together so the OS cannot hand out one twice. */
async function freePorts(): Promise<{ broker: number; controller: number }> {
  const servers = [createServer(), createServer()];
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            resolve(typeof address === 'object' && address ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) =>
          server.close(() => {
            resolve();
          }),
        ),
    ),
  );
  return { broker: ports[0] ?? 0, controller: ports[1] ?? 0 };
}

export async function startPrivateKafka(options: PrivateKafkaOptions = {}): Promise<PrivateKafka> {
  const log = options.log ?? (() => undefined);
  requireTools();
  const dir = await mkdtemp(join(options.parentDir ?? tmpdir(), 'hub-kafka-'));
  const settings = privateKafkaSettings(dir, await freePorts());
  const spec = kafkaSpec(settings, {
    // Shared by all private brokers: Maven resolves once, later starts use the CDS archive.
    cacheDir: join(stateDir(), 'kafka-private-cache'),
    heapMb: options.heapMb ?? privateKafkaHeapMb,
  });
  // A broker outliving its test would hold 0.5 GB and two ports; best effort on exit.
  const killOnExit = (): void => {
    const pid = ownedPid(spec.files.pidFile, spec.marker);
    try {
      if (pid !== undefined) process.kill(pid, 'SIGTERM');
    } catch {
      // gone in between
    }
  };
  process.once('exit', killOnExit);
  const broker: PrivateKafka = {
    brokers: spec.address,
    dir,
    async start() {
      await ensureRunning(spec, log);
    },
    async stop() {
      await stopManaged(spec, log);
    },
    async destroy() {
      process.removeListener('exit', killOnExit);
      await stopManaged(spec, log);
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await broker.start();
  } catch (error) {
    await broker.destroy().catch(() => undefined);
    throw error;
  }
  return broker;
}
