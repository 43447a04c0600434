/**
 * The external tools the stack needs (java, mvn, tar) and Maven as the downloader:
 * artifacts come from Maven Central (or whatever mirror ~/.m2/settings.xml names) and
 * ~/.m2 is the cache, so a second run downloads nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackError } from './errors';
import { runToLog } from './process-control';

const MIN_JAVA = 17;

const installHints: Record<string, string> = {
  java: `Java ${MIN_JAVA}+ (Debian/Ubuntu: apt-get install openjdk-17-jre-headless)`,
  mvn: 'Maven 3.6+ (Debian/Ubuntu: apt-get install maven)',
  tar: 'tar (Debian/Ubuntu: apt-get install tar)',
};

function probe(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `"${command}" is not on the PATH` : result.error.message;
    throw new StackError('tools', `${why}. Install ${installHints[command] ?? command}.`);
  }
  return `${result.stdout}${result.stderr}`;
}

/** Fails with what to install when java (17+) or mvn is missing. */
export function requireTools(): void {
  const java = probe('java', ['-version']);
  // `openjdk version "17.0.15"` or `java version "1.8.0_392"`
  const match = /version "(\d+)(?:\.(\d+))?/.exec(java);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (!(major >= MIN_JAVA)) {
    throw new StackError(
      'tools',
      `java is version ${match?.[1] ?? '?'}; Kafka 4 needs ${installHints['java'] ?? ''}.`,
    );
  }
  probe('mvn', ['--version']);
}

export function requireTar(): void {
  probe('tar', ['--version']);
}

/**
 * Runs `mvn -B -q <args>` in `cwd`, its output appended to `logFile`.
 * `component` names the stack component in the error when Maven fails.
 */
export async function runMaven(
  component: string,
  args: readonly string[],
  cwd: string,
  logFile: string,
): Promise<void> {
  const result = await runToLog('mvn', ['-B', '-q', '-Dstyle.color=never', ...args], cwd, logFile);
  if (result.code !== 0) {
    throw new StackError(
      component,
      `Maven failed (exit ${result.code ?? 'signal'}): mvn ${args.join(' ')}`,
      logFile,
    );
  }
}

/** Maven's local repository as the user's settings define it (usually ~/.m2/repository). */
export async function mavenLocalRepository(component: string, logFile: string): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'local-stack-'));
  try {
    const output = join(scratch, 'local-repository.txt');
    await runMaven(
      component,
      [
        'org.apache.maven.plugins:maven-help-plugin:3.5.1:evaluate',
        '-Dexpression=settings.localRepository',
        `-Doutput=${output}`,
      ],
      scratch,
      logFile,
    );
    return readFileSync(output, 'utf8').trim();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Path of an artifact inside a Maven repository laid out the standard way. */
export function artifactPath(
  repository: string,
  coordinates: {
    groupId: string;
    artifactId: string;
    version: string;
    classifier?: string;
    extension: string;
  },
): string {
  const { groupId, artifactId, version, classifier, extension } = coordinates;
  const file = `${artifactId}-${version}${classifier ? `-${classifier}` : ''}.${extension}`;
  return join(repository, ...groupId.split('.'), artifactId, version, file);
}
