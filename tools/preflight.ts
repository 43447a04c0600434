/**
 * The first step of `npm test`: what the suite needs from the machine, checked before
 * anything starts, so a newcomer gets one message saying what to install instead of a
 * browser test failing ten minutes in.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const defaultChromiumPath = '/usr/bin/chromium';

export interface Machine {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fileExists: (path: string) => boolean;
  readonly commandExists: (command: string) => boolean;
}

/** What is missing, each with how to get it (Debian package names); empty when all is there. */
export function missingPrerequisites({ env, fileExists, commandExists }: Machine): string[] {
  const missing: string[] = [];
  const chromium = env['CHROMIUM_PATH'] ?? defaultChromiumPath;
  if (!fileExists(chromium))
    missing.push(
      `Chromium at ${chromium} (the DLQ reviewer's console test drives it): apt-get install chromium, or set CHROMIUM_PATH`,
    );
  // The local stack runs Kafka and the registry from Maven Central; not needed when the run
  // is pointed at a running stack.
  const stackGiven = ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'DATABASE_URL'].every(
    (name) => (env[name] ?? '') !== '',
  );
  if (!stackGiven) {
    if (!commandExists('java'))
      missing.push(
        'Java 17+ (the local stack runs Kafka): apt-get install openjdk-17-jre-headless',
      );
    if (!commandExists('mvn'))
      missing.push(
        'Maven 3.8+ (the local stack fetches Kafka and the registry): apt-get install maven',
      );
  }
  return missing;
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (require.main === module) {
  const missing = missingPrerequisites({
    env: process.env,
    fileExists: existsSync,
    commandExists: onPath,
  });
  if (missing.length > 0) {
    console.error(
      `npm test needs what this machine lacks:\n${missing.map((m) => `  - ${m}`).join('\n')}`,
    );
    process.exit(1);
  }
}
