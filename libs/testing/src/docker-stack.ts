import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { StackEndpoints } from './endpoints';

const run = promisify(execFile);

/** True when a Docker engine answers (the client alone is not enough). */
export async function dockerEngineAnswers(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/** Starts docker/compose.yml (the same stack from official images) and waits for health. */
export async function dockerStackUp(workspaceRoot: string): Promise<StackEndpoints> {
  const composeFile = resolve(workspaceRoot, 'docker/compose.yml');
  await run(
    'docker',
    ['compose', '-f', composeFile, 'up', '-d', '--wait', 'kafka', 'schema-registry', 'postgres'],
    {
      timeout: 300_000,
    },
  );
  return {
    kafkaBrokers: '127.0.0.1:9092',
    schemaRegistryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/hub',
  };
}
