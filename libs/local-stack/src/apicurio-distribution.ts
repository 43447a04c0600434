/**
 * Fetches the Apicurio Registry distribution (io.apicurio:apicurio-registry-app:<v>:
 * tar.gz:all) into ~/.m2 and unpacks it into the state dir, once per version.
 *
 * Why not `dependency:unpack`: the app's parent pom (io.apicurio:apicurio-registry:3.0.9)
 * is missing from Central, so dependency-plugin 3.x refuses the artifact; 2.8 fetches it
 * with -Dtransitive=false but its unpacker truncates the long (PAX) names in the
 * tarball. So: 2.8's `get` to download, help:evaluate to find ~/.m2, and tar to unpack.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './errors';
import { artifactPath, mavenLocalRepository, requireTar, runMaven } from './maven';
import { runToLog } from './process-control';
import type { Log } from './types';

const NAME = 'schema-registry';
const COMPLETE = '.complete';

export interface ApicurioDistribution {
  readonly distDir: string;
  readonly runnerJar: string;
}

/** The jar to run: `quarkus-run.jar` (fast-jar layout, 3.1+) or `*-runner.jar` (3.0). */
function findRunnerJar(distDir: string): string | undefined {
  for (const candidate of [
    join(distDir, 'quarkus-app', 'quarkus-run.jar'),
    join(distDir, 'quarkus-run.jar'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  const runner = readdirSync(distDir).find((file) => file.endsWith('-runner.jar'));
  return runner ? join(distDir, runner) : undefined;
}

export async function ensureApicurioDistribution(
  version: string,
  componentDir: string,
  logFile: string,
  log: Log,
): Promise<ApicurioDistribution> {
  const distDir = join(componentDir, `apicurio-registry-${version}`);
  if (existsSync(join(distDir, COMPLETE))) {
    const runnerJar = findRunnerJar(distDir);
    if (runnerJar) return { distDir, runnerJar };
  }
  requireTar();
  const coordinates = {
    groupId: 'io.apicurio',
    artifactId: 'apicurio-registry-app',
    version,
    classifier: 'all',
    extension: 'tar.gz',
  };
  log(
    `${NAME}: fetching Apicurio Registry ${version} with Maven (about 110 MB once, cached in ~/.m2)`,
  );
  const scratch = join(componentDir, 'maven-scratch');
  mkdirSync(scratch, { recursive: true });
  try {
    await runMaven(
      NAME,
      [
        'org.apache.maven.plugins:maven-dependency-plugin:2.8:get',
        `-Dartifact=${coordinates.groupId}:${coordinates.artifactId}:${version}:tar.gz:all`,
        '-Dtransitive=false',
      ],
      scratch,
      logFile,
    );
    const tarball = artifactPath(await mavenLocalRepository(NAME, logFile), coordinates);
    if (!existsSync(tarball))
      throw new StackError(NAME, `Maven reported success but ${tarball} is missing`, logFile);

    // Unpack beside the target and rename, so a half-unpacked tree is never taken as done.
    const partial = `${distDir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    log(`${NAME}: unpacking ${tarball}`);
    const result = await runToLog('tar', ['-xzf', tarball, '-C', partial], componentDir, logFile);
    if (result.code !== 0) throw new StackError(NAME, `unpacking ${tarball} failed`, logFile);
    const runner = findRunnerJar(partial);
    if (!runner)
      throw new StackError(NAME, `no quarkus-run.jar or *-runner.jar in ${tarball}`, logFile);
    rmSync(distDir, { recursive: true, force: true });
    renameSync(partial, distDir);
    writeFileSync(join(distDir, COMPLETE), `${version}\n`);
    // Other versions' trees (over 100 MB each) are dead weight now. None runs: prepare
    // only happens when the registry is not running.
    for (const entry of readdirSync(componentDir)) {
      if (entry.startsWith('apicurio-registry-') && join(componentDir, entry) !== distDir) {
        rmSync(join(componentDir, entry), { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const runnerJar = findRunnerJar(distDir);
  if (!runnerJar) throw new StackError(NAME, `no runnable jar in ${distDir}`, logFile);
  return { distDir, runnerJar };
}
