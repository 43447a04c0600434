/** What every rendered overlay must hold, beyond the schemas (issue 18's invariants). */
import type { RenderedObject } from './render';

interface Container {
  readonly name: string;
  readonly image?: string;
  readonly livenessProbe?: unknown;
  readonly readinessProbe?: unknown;
  readonly resources?: {
    readonly requests?: Record<string, string>;
    readonly limits?: Record<string, string>;
  };
  readonly securityContext?: {
    readonly runAsNonRoot?: boolean;
    readonly readOnlyRootFilesystem?: boolean;
    readonly allowPrivilegeEscalation?: boolean;
  };
}

interface PodSpec {
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly topologySpreadConstraints?: readonly unknown[];
  readonly securityContext?: { readonly runAsNonRoot?: boolean };
}

export const podSpecOf = (object: RenderedObject): PodSpec =>
  (object['spec'] as { template?: { spec?: PodSpec } } | undefined)?.template?.spec ?? {};

const byKind = (objects: readonly RenderedObject[], kind: string): RenderedObject[] =>
  objects.filter((object) => object.kind === kind);

const DIGEST = /@sha256:[0-9a-f]{64}$/;
// x.y.z, or x.y for images whose releases are numbered so (Postgres 16.11), then a variant.
const EXACT_TAG = /:\d+\.\d+(\.\d+)?(-[a-z0-9.]+)?$/;

/** An image is pinned by a digest or an exact version tag (never :latest, a major alone or a bare name). */
export function isPinned(image: string): boolean {
  return DIGEST.test(image) || EXACT_TAG.test(image);
}

export function deploymentProblems(objects: readonly RenderedObject[]): string[] {
  const problems: string[] = [];
  for (const deployment of byKind(objects, 'Deployment')) {
    const pod = podSpecOf(deployment);
    const name = deployment.metadata.name;
    if (pod.securityContext?.runAsNonRoot !== true)
      problems.push(`${name}: pod securityContext.runAsNonRoot`);
    if ((pod.topologySpreadConstraints ?? []).length === 0)
      problems.push(`${name}: no topologySpreadConstraints`);
    for (const container of pod.containers ?? []) {
      const where = `${name}/${container.name}`;
      if (!container.livenessProbe) problems.push(`${where}: no livenessProbe`);
      if (!container.readinessProbe) problems.push(`${where}: no readinessProbe`);
      const { requests, limits } = container.resources ?? {};
      if (!requests?.['cpu'] || !requests['memory'] || !limits?.['memory'])
        problems.push(`${where}: cpu/memory requests and a memory limit`);
      const security = container.securityContext;
      if (security?.runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot`);
      if (security?.readOnlyRootFilesystem !== true)
        problems.push(`${where}: readOnlyRootFilesystem`);
      if (security?.allowPrivilegeEscalation !== false)
        problems.push(`${where}: allowPrivilegeEscalation must be false`);
    }
  }
  return problems;
}

export function imageProblems(objects: readonly RenderedObject[]): string[] {
  return objects
    .filter((object) => object.kind === 'Deployment' || object.kind === 'Job')
    .flatMap((object) =>
      [...(podSpecOf(object).containers ?? []), ...(podSpecOf(object).initContainers ?? [])]
        .filter((container) => !isPinned(container.image ?? ''))
        .map(
          (container) =>
            `${object.kind} ${object.metadata.name}: image "${container.image ?? ''}" is not pinned`,
        ),
    );
}

export function pdbProblems(objects: readonly RenderedObject[]): string[] {
  const selected = new Set(
    byKind(objects, 'PodDisruptionBudget').map(
      (pdb) =>
        (pdb['spec'] as { selector?: { matchLabels?: Record<string, string> } }).selector
          ?.matchLabels?.['app.kubernetes.io/name'],
    ),
  );
  return byKind(objects, 'Deployment')
    .filter((deployment) => !selected.has(deployment.metadata.name))
    .map((deployment) => `${deployment.metadata.name}: no PodDisruptionBudget`);
}

interface KafkaTrigger {
  readonly type: string;
  readonly metadata: { readonly topic?: string; readonly consumerGroup?: string };
}

/**
 * No consumer scales past its topics' partitions (extra members would idle). Partitions come
 * from the overlay's KafkaTopics when it has them, else from `partitionsOf` (the topic plan).
 */
export function replicaProblems(
  objects: readonly RenderedObject[],
  partitionsOf: (topic: string) => number | undefined,
): string[] {
  const fromTopics = new Map(
    byKind(objects, 'KafkaTopic').map((topic) => {
      const spec = topic['spec'] as { topicName: string; partitions: number };
      return [spec.topicName, spec.partitions] as const;
    }),
  );
  const problems: string[] = [];
  for (const scaled of byKind(objects, 'ScaledObject')) {
    const spec = scaled['spec'] as { maxReplicaCount?: number; triggers?: readonly KafkaTrigger[] };
    for (const trigger of (spec.triggers ?? []).filter((item) => item.type === 'kafka')) {
      const topic = trigger.metadata.topic ?? '';
      const partitions = fromTopics.get(topic) ?? partitionsOf(topic);
      if (partitions === undefined)
        problems.push(`${scaled.metadata.name}: topic ${topic} is not in the plan`);
      else if ((spec.maxReplicaCount ?? 100) > partitions) {
        problems.push(
          `${scaled.metadata.name}: maxReplicaCount ${spec.maxReplicaCount ?? 100} > ${partitions} partitions of ${topic}`,
        );
      }
    }
  }
  return problems;
}
