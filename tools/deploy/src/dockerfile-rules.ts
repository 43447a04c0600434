/**
 * The Dockerfile's invariants, as problems found in its syntax tree (dockerfile-ast):
 * pinned bases, a non-root USER, no secrets in ENV/ARG, a HEALTHCHECK, NODE_ENV=production,
 * node as PID 1 (exec-form CMD), npm ci with a cache mount.
 */
import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';

const SECRET_NAME = /(secret|password|passwd|token|api[_-]?key|private[_-]?key|credential|sasl)/i;
const SECRET_VALUE = /(whsec_|-----BEGIN|AKIA[0-9A-Z]{16}|:\/\/[^/\s:@]+:[^/\s@]+@)/;
const EXACT_TAG = /^\d+\.\d+\.\d+(-[a-z0-9.-]+)?$/;

export function parseDockerfile(text: string): Dockerfile {
  return DockerfileParser.parse(text);
}

const keyword = (instruction: Instruction): string => instruction.getKeyword().toUpperCase();

/** FROM images that are neither an earlier stage nor pinned by digest or an exact x.y.z tag. */
export function unpinnedBases(dockerfile: Dockerfile): string[] {
  const stages = new Set<string>();
  const problems: string[] = [];
  for (const from of dockerfile.getFROMs()) {
    const image = from.getImage() ?? '';
    const name = from.getImageName() ?? '';
    if (!stages.has(name)) {
      const digest = from.getImageDigest();
      const tag = from.getImageTag();
      const pinned =
        (digest !== null && /^sha256:[0-9a-f]{64}$/.test(digest)) ||
        (tag !== null && EXACT_TAG.test(tag));
      if (!pinned)
        problems.push(`FROM ${image}: pin it by digest (@sha256:…) or an exact x.y.z tag`);
    }
    const stage = from.getBuildStage();
    if (stage !== null) stages.add(stage);
  }
  return problems;
}

/** ARG and ENV properties whose name or default value looks like a secret. */
export function secretsInBuild(dockerfile: Dockerfile): string[] {
  const problems: string[] = [];
  const check = (kind: string, name: string, value: string | null): void => {
    if (SECRET_NAME.test(name))
      problems.push(`${kind} ${name}: secrets must not be build arguments or image environment`);
    if (value !== null && SECRET_VALUE.test(value))
      problems.push(`${kind} ${name}: the value looks like a secret`);
  };
  for (const arg of [...dockerfile.getInitialARGs(), ...dockerfile.getARGs()]) {
    const property = arg.getProperty();
    if (property) check('ARG', property.getName(), property.getValue());
  }
  for (const env of dockerfile.getENVs()) {
    for (const property of env.getProperties())
      check('ENV', property.getName(), property.getValue());
  }
  return problems;
}

/** The final stage's instructions (what the shipped image is made of). */
export function finalStage(dockerfile: Dockerfile): Instruction[] {
  const instructions = dockerfile.getInstructions();
  const lastFrom = instructions.map(keyword).lastIndexOf('FROM');
  return instructions.slice(lastFrom);
}

export function runtimeProblems(dockerfile: Dockerfile): string[] {
  const stage = finalStage(dockerfile);
  const problems: string[] = [];
  const users = stage.filter((instruction) => keyword(instruction) === 'USER');
  const user = users.at(-1)?.getArgumentsContent()?.trim() ?? '';
  const name = user.split(':')[0] ?? '';
  if (name === '' || name === 'root' || name === '0')
    problems.push(`the final stage must end as a non-root USER (got "${user || 'none'}")`);
  if (!stage.some((instruction) => keyword(instruction) === 'HEALTHCHECK')) {
    problems.push('the final stage has no HEALTHCHECK');
  }
  const envText = stage
    .filter((instruction) => keyword(instruction) === 'ENV')
    .map((instruction) => instruction.getArgumentsContent() ?? '')
    .join(' ');
  if (!/\bNODE_ENV=production\b/.test(envText))
    problems.push('the final stage must set NODE_ENV=production');
  const cmd = stage.filter((instruction) => keyword(instruction) === 'CMD').at(-1);
  const cmdText = cmd?.getArgumentsContent()?.trim() ?? '';
  if (!cmdText.startsWith('["node"'))
    problems.push(
      'CMD must be the exec form starting with "node", so node is PID 1 and gets SIGTERM',
    );
  if (stage.some((instruction) => keyword(instruction) === 'ENTRYPOINT'))
    problems.push('no ENTRYPOINT: a shell wrapper would swallow signals');
  return problems;
}

export function buildProblems(dockerfile: Dockerfile): string[] {
  const runs = dockerfile
    .getInstructions()
    .filter((instruction) => keyword(instruction) === 'RUN')
    .map((instruction) => instruction.getTextContent());
  const problems: string[] = [];
  if (
    !runs.some(
      (run) => /--mount=type=cache,target=\/root\/\.npm/.test(run) && /\bnpm ci\b/.test(run),
    )
  ) {
    problems.push('npm ci must run with a cache mount on /root/.npm');
  }
  if (!runs.some((run) => /--omit=dev/.test(run)))
    problems.push('the runtime dependencies must be installed with --omit=dev');
  return problems;
}
