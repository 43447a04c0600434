/**
 * `tsx libs/local-stack/src/cli.ts up | down | status`
 * Exit codes: 0 ok; 1 the command failed (up: the failing component's log tail is
 * printed); 2 usage; 3 status found a component not running.
 */
import { stackDown, stackStatus, stackUp } from './stack';
import type { ComponentStatus } from './types';

const log = (line: string): void => {
  console.log(`  ${line}`);
};

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function statusLine(component: ComponentStatus): string {
  const pid = component.pid === undefined ? '' : `  pid ${component.pid}`;
  const detail = component.detail ? `  (${component.detail})` : '';
  return `  ${component.name.padEnd(16)} ${component.address.padEnd(48)} ${component.state}${pid}${detail}`;
}

async function up(): Promise<number> {
  const since = Date.now();
  console.log('Starting the local stack (Kafka, schema registry, Postgres check)...');
  const endpoints = await stackUp({ log });
  console.log(`Stack up in ${seconds(since)}:`);
  console.log(`  KAFKA_BROKERS=${endpoints.kafkaBrokers}`);
  console.log(`  SCHEMA_REGISTRY_URL=${endpoints.schemaRegistryUrl}`);
  console.log(`  DATABASE_URL=${endpoints.databaseUrl}`);
  return 0;
}

async function down(): Promise<number> {
  const since = Date.now();
  console.log('Stopping the local stack (processes it started; Postgres is left alone)...');
  await stackDown({ log });
  console.log(`Stack down in ${seconds(since)}.`);
  return 0;
}

async function status(): Promise<number> {
  const components = await stackStatus();
  for (const component of components) console.log(statusLine(component));
  return components.every((component) => component.state === 'running') ? 0 : 3;
}

const commands: Record<string, () => Promise<number>> = { up, down, status };

async function main(argv: readonly string[]): Promise<number> {
  const name = argv[0];
  const command = name === undefined ? undefined : commands[name];
  if (!command || argv.length > 1) {
    console.error('usage: cli.ts up | down | status');
    return 2;
  }
  return command();
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
