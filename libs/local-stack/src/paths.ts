/**
 * Where the local stack keeps its state, and which addresses it serves.
 * Everything lives under one state dir (`<repo root>/.stack/`, git-ignored) so that
 * `rm -rf .stack` is a full reset; only Maven's ~/.m2 (the download cache) is shared.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/hub';

/** The workspace root: the nearest folder upward holding nx.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `local-stack: no nx.json found upward from ${from}; set STACK_DIR to choose a state dir`,
      );
    }
    dir = parent;
  }
}

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['STACK_DIR'];
  return override ? resolve(override) : join(repoRoot(), '.stack');
}

/** The Maven pom files shipped with this library (they are inputs, not state). */
export function mavenDir(): string {
  return resolve(__dirname, '..', 'maven');
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`local-stack: ${name} must be a TCP port (1-65535), got "${raw}"`);
  }
  return value;
}

export interface StackSettings {
  readonly stateDir: string;
  readonly kafkaPort: number;
  /** KRaft controller listener; only the broker itself talks to it. */
  readonly kafkaControllerPort: number;
  readonly registryPort: number;
  readonly databaseUrl: string;
}

export function stackSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  const kafkaPort = port(env, 'STACK_KAFKA_PORT', 9092);
  return {
    stateDir: stateDir(env),
    kafkaPort,
    kafkaControllerPort: port(
      env,
      'STACK_KAFKA_CONTROLLER_PORT',
      kafkaPort === 9092 ? 9093 : kafkaPort + 1,
    ),
    registryPort: port(env, 'STACK_REGISTRY_PORT', 8081),
    databaseUrl: env['DATABASE_URL'] || DEFAULT_DATABASE_URL,
  };
}

/** Files of one component of the stack under the state dir. */
export interface ComponentFiles {
  readonly dir: string;
  readonly pidFile: string;
  readonly logFile: string;
}

export function componentFiles(
  settings: Pick<StackSettings, 'stateDir'>,
  name: string,
): ComponentFiles {
  const dir = join(settings.stateDir, name);
  return { dir, pidFile: join(dir, `${name}.pid`), logFile: join(dir, `${name}.log`) };
}
