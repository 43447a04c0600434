/**
 * Apicurio Registry 3 (Confluent-compatible API under /apis/ccompat/v7) from its
 * distribution on Maven Central, storing in PostgreSQL: schema ids are written into
 * every Kafka message, so they must survive a registry restart like the messages do.
 */
import { join } from 'node:path';
import { ensureApicurioDistribution } from './apicurio-distribution';
import { cdsArgs } from './cds';
import { StackError, errorMessage } from './errors';
import type { ManagedProcessSpec } from './managed-process';
import { componentFiles, type StackSettings } from './paths';
import { ensureDatabase, jdbcSettings } from './postgres';

/**
 * The newest Apicurio 3.x on Central that runs on Java 17: 3.3.x is built for Java 21
 * (class files v65) and nothing between 3.0.9 and 3.3.2 is published there.
 */
export const APICURIO_VERSION = '3.0.9';
export const REGISTRY_DATABASE = 'apicurio_registry';
const NAME = 'schema-registry';

export function registryBaseUrl(settings: StackSettings): string {
  return `http://127.0.0.1:${settings.registryPort}`;
}

export function ccompatUrl(settings: StackSettings): string {
  return `${registryBaseUrl(settings)}/apis/ccompat/v7`;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Apicurio's global default is NONE, Confluent's is BACKWARD; set BACKWARD so a subject
 * without its own config is checked as it would be in production. Set through the API
 * (stored in the database) rather than apicurio.rules.global.compatibility: with that
 * property GET /config still answers NONE while BACKWARD is enforced.
 */
export async function ensureGlobalCompatibility(
  settings: StackSettings,
  level = 'BACKWARD',
): Promise<void> {
  const url = `${ccompatUrl(settings)}/config`;
  try {
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: level }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  } catch (error: unknown) {
    throw new StackError(
      NAME,
      `could not set global compatibility ${level} at ${url}: ${errorMessage(error)}`,
    );
  }
}

export function schemaRegistrySpec(settings: StackSettings): ManagedProcessSpec {
  const files = componentFiles(settings, NAME);
  const setupLog = join(files.dir, 'setup.log');
  const marker = `-Dhub.local-stack.component=${NAME}@${settings.stateDir}`;
  const jdbc = jdbcSettings(settings.databaseUrl, REGISTRY_DATABASE);
  let runnerJar = '';
  let distDir = '';
  let cds: string[] = [];

  return {
    name: NAME,
    address: ccompatUrl(settings),
    port: settings.registryPort,
    files,
    marker,
    startTimeoutMs: 120_000,
    stopGraceMs: 20_000,
    healthy: () => answers(`${ccompatUrl(settings)}/subjects`),
    async prepare(log) {
      ({ distDir, runnerJar } = await ensureApicurioDistribution(
        APICURIO_VERSION,
        files.dir,
        setupLog,
        log,
      ));
      cds = cdsArgs(files.dir, NAME, APICURIO_VERSION);
      if (await ensureDatabase(settings.databaseUrl, REGISTRY_DATABASE)) {
        log(`${NAME}: created database ${REGISTRY_DATABASE}`);
      }
    },
    command: () => ({
      command: 'java',
      args: [
        marker,
        '-Xmx512m',
        ...cds,
        `-Dquarkus.http.port=${settings.registryPort}`,
        '-Dquarkus.http.host=127.0.0.1',
        '-Dapicurio.storage.kind=sql',
        '-Dapicurio.storage.sql.kind=postgresql',
        `-Dapicurio.datasource.url=${jdbc.url}`,
        `-Dapicurio.datasource.username=${jdbc.user}`,
        // Trust auth ignores it, but the pool wants a value.
        `-Dapicurio.datasource.password=${jdbc.password || 'unused'}`,
        // The default pool keeps 20 connections open; a laptop's Postgres allows 100.
        '-Dapicurio.datasource.jdbc.initial-size=2',
        '-Dapicurio.datasource.jdbc.min-size=2',
        '-Dapicurio.datasource.jdbc.max-size=20',
        // Identical schemas in other whitespace get the same id, as with Confluent's.
        '-Dapicurio.ccompat.use-canonical-hash=true',
        // Tests clean up their subjects; deletion is off by default in Apicurio 3.
        '-Dapicurio.rest.deletion.artifact.enabled=true',
        '-Dapicurio.rest.deletion.artifact-version.enabled=true',
        '-Dapicurio.rest.deletion.group.enabled=true',
        // One INFO line per HTTP request would bury everything else in the log.
        '-Dquarkus.log.category."io.quarkus.http.access-log".level=WARN',
        '-jar',
        runnerJar,
      ],
      cwd: distDir,
    }),
  };
}
