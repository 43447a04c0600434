/**
 * The settings each app reads, from its README's generated settings table (rendered from
 * the app's config declarations by @hub/config's renderConfigReference and drift-checked by
 * the app's own tests; apps may not be imported, module boundaries), compared with what the
 * rendered Deployments give them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderedObject } from './render';
import { podSpecOf } from './invariants';

export interface SettingFacts {
  readonly required: boolean;
  readonly secret: boolean;
}

export function readmeSettings(markdown: string): Map<string, SettingFacts> {
  const start = markdown.indexOf('<!-- config-reference:start -->');
  const end = markdown.indexOf('<!-- config-reference:end -->');
  if (start < 0 || end < start) throw new Error('no config-reference block');
  const settings = new Map<string, SettingFacts>();
  for (const line of markdown.slice(start, end).split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[1] ?? '')?.[1];
    if (name === undefined) continue;
    settings.set(name, { required: cells[3] === '*required*', secret: cells.at(-2) === 'yes' });
  }
  return settings;
}

export function appSettings(workspaceRoot: string, app: string): Map<string, SettingFacts> {
  return readmeSettings(readFileSync(join(workspaceRoot, 'apps', app, 'README.md'), 'utf8'));
}

/** Variables the platform reads, not the app's config: allowed anywhere. */
export const PLATFORM_VARIABLES = new Set(['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS']);

/** A user name, not a credential: Strimzi puts only the password in the KafkaUser's Secret. */
const LITERAL_SECRET_ALLOWED = new Set(['KAFKA_SASL_USERNAME']);

type Source = 'configmap' | 'literal' | 'secret';

interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly secretKeyRef?: unknown; readonly configMapKeyRef?: unknown };
}

interface EnvContainer {
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly {
    readonly configMapRef?: { readonly name: string };
    readonly secretRef?: { readonly name: string };
  }[];
}

/** Every variable a Deployment's first container gets, with where it comes from. */
export function deploymentEnvironment(
  deployment: RenderedObject,
  objects: readonly RenderedObject[],
): Map<string, Source> {
  const container = (podSpecOf(deployment).containers?.[0] ?? {}) as EnvContainer;
  const variables = new Map<string, Source>();
  for (const from of container.envFrom ?? []) {
    if (from.secretRef)
      throw new Error(
        `${deployment.metadata.name}: envFrom secretRef hides which keys come in; name them in env`,
      );
    const configMap = objects.find(
      (object) => object.kind === 'ConfigMap' && object.metadata.name === from.configMapRef?.name,
    );
    if (!configMap)
      throw new Error(
        `${deployment.metadata.name}: ConfigMap ${from.configMapRef?.name ?? '?'} is not in the overlay`,
      );
    for (const key of Object.keys((configMap['data'] as Record<string, string> | undefined) ?? {}))
      variables.set(key, 'configmap');
  }
  for (const variable of container.env ?? []) {
    variables.set(
      variable.name,
      variable.valueFrom?.secretKeyRef
        ? 'secret'
        : variable.valueFrom?.configMapKeyRef
          ? 'configmap'
          : 'literal',
    );
  }
  return variables;
}

export function configKeyProblems(
  deployment: RenderedObject,
  objects: readonly RenderedObject[],
  settings: ReadonlyMap<string, SettingFacts>,
): string[] {
  const name = deployment.metadata.name;
  const given = deploymentEnvironment(deployment, objects);
  const problems: string[] = [];
  for (const [variable, source] of given) {
    const facts = settings.get(variable);
    if (!facts) {
      if (!PLATFORM_VARIABLES.has(variable))
        problems.push(`${name}: ${variable} is not a setting of ${name}`);
    } else if (facts.secret && source !== 'secret' && !LITERAL_SECRET_ALLOWED.has(variable)) {
      problems.push(`${name}: ${variable} is secret but comes from a ${source}`);
    }
  }
  for (const [variable, facts] of settings) {
    if (facts.required && !given.has(variable))
      problems.push(`${name}: required ${variable} is not set`);
  }
  return problems;
}
