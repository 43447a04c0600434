/**
 * Apache Kafka 4 in KRaft mode from the official jars on Maven Central, run with the
 * classpath Maven resolves from maven/kafka/pom.xml (the tarball's libs/ folder).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { cdsArgs } from './cds';
import { StackError } from './errors';
import { randomClusterId, log4j2Properties, serverProperties } from './kafka-config';
import type { ManagedProcessSpec } from './managed-process';
import { runMaven } from './maven';
import { componentFiles, mavenDir, type StackSettings } from './paths';
import { runToLog } from './process-control';
import type { Log } from './types';

/** Newest Kafka 4.x on Maven Central when written; its broker runs on Java 17. */
export const KAFKA_VERSION = '4.4.0';
const NAME = 'kafka';

async function healthy(brokers: string): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'local-stack-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * The broker classpath, resolved by Maven once and cached in the state dir; resolved
 * again when the pom or the version changes, or a jar vanished from ~/.m2.
 */
async function classpath(
  dir: string,
  logFile: string,
  log: Log,
): Promise<{ cp: string; key: string }> {
  const pomDir = join(mavenDir(), 'kafka');
  const key = createHash('sha256')
    .update(readFileSync(join(pomDir, 'pom.xml')))
    .update(KAFKA_VERSION)
    .digest('hex');
  const file = join(dir, 'classpath.txt');
  const keyFile = join(dir, 'classpath.key');
  if (existsSync(file) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) {
    const cached = readFileSync(file, 'utf8').trim();
    if (cached && cached.split(delimiter).every((jar) => existsSync(jar)))
      return { cp: cached, key };
  }
  log(`${NAME}: resolving Kafka ${KAFKA_VERSION} jars with Maven (cached in ~/.m2)`);
  await runMaven(
    NAME,
    ['dependency:build-classpath', `-Dkafka.version=${KAFKA_VERSION}`, `-Dmdep.outputFile=${file}`],
    pomDir,
    logFile,
  );
  writeFileSync(keyFile, key);
  return { cp: readFileSync(file, 'utf8').trim(), key };
}

/** What a Kafka broker of the stack needs to know of the stack's settings. */
export type KafkaSettings = Pick<StackSettings, 'stateDir' | 'kafkaPort' | 'kafkaControllerPort'>;

export interface KafkaSpecOptions {
  /**
   * Where the resolved classpath and the class-data archive live (default: the broker's
   * own dir). Brokers that come and go (a test's private broker) share one, so Maven
   * resolves once and later starts use the archive.
   */
  readonly cacheDir?: string;
  /** JVM heap in MiB (default 256 initial, 768 max). */
  readonly heapMb?: { readonly initial: number; readonly max: number };
}

export function kafkaSpec(
  settings: KafkaSettings,
  options: KafkaSpecOptions = {},
): ManagedProcessSpec {
  const files = componentFiles(settings, NAME);
  const cacheDir = options.cacheDir ?? files.dir;
  const heap = options.heapMb ?? { initial: 256, max: 768 };
  const brokers = `127.0.0.1:${settings.kafkaPort}`;
  const dataDir = join(files.dir, 'data');
  const configFile = join(files.dir, 'server.properties');
  const log4jFile = join(files.dir, 'log4j2.properties');
  // Maven and the storage tool log here; kafka.log is the broker's own.
  const setupLog = join(files.dir, 'setup.log');
  const marker = `-Dhub.local-stack.component=${NAME}@${settings.stateDir}`;
  let cp = '';
  let cds: string[] = [];

  const jvm = (main: string, ...args: string[]): string[] => [
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jFile}`,
    `-Dkafka.logs.dir=${files.dir}`,
    '-cp',
    cp,
    main,
    ...args,
  ];

  return {
    name: NAME,
    address: brokers,
    port: settings.kafkaPort,
    files,
    marker,
    startTimeoutMs: 90_000,
    stopGraceMs: 30_000,
    healthy: () => healthy(brokers),
    async prepare(log) {
      mkdirSync(cacheDir, { recursive: true });
      const resolved = await classpath(cacheDir, setupLog, log);
      cp = resolved.cp;
      cds = cdsArgs(cacheDir, NAME, resolved.key);
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(
        configFile,
        serverProperties({
          port: settings.kafkaPort,
          controllerPort: settings.kafkaControllerPort,
          dataDir,
        }),
      );
      writeFileSync(log4jFile, log4j2Properties);
      if (existsSync(join(dataDir, 'meta.properties'))) return;
      log(`${NAME}: formatting storage in ${dataDir}`);
      const clusterId = randomClusterId();
      const args = jvm(
        'kafka.tools.StorageTool',
        'format',
        '--cluster-id',
        clusterId,
        '--config',
        configFile,
      );
      const result = await runToLog('java', args, files.dir, setupLog);
      if (result.code !== 0)
        throw new StackError(
          NAME,
          `formatting storage failed (exit ${result.code ?? 'signal'})`,
          setupLog,
        );
    },
    command: () => ({
      command: 'java',
      args: [
        marker,
        `-Xms${heap.initial}m`,
        `-Xmx${heap.max}m`,
        // The GC settings of kafka-run-class.sh.
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-XX:InitiatingHeapOccupancyPercent=35',
        '-XX:+ExplicitGCInvokesConcurrent',
        ...cds,
        ...jvm('kafka.Kafka', configFile),
      ],
      cwd: files.dir,
    }),
  };
}
