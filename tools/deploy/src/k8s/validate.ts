/**
 * Schema validation of rendered objects: Kubernetes kinds with kubernetes-models (its
 * bundled OpenAPI schemas, version pinned by package-lock.json), KEDA kinds with
 * @kubernetes-models/keda. Strimzi's npm models need Node 22, so KafkaTopic and KafkaUser
 * get a structural check of the fields the hub uses, written from Strimzi's v1beta2 API
 * reference (kafkaStructureProblems).
 */
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { RenderedObject } from './render';

type Validator = (object: RenderedObject) => void;
// Each model validates its data against the kind's schema; the cast only hands the rendered object over.
const model =
  (Model: new (data: never) => { validate(): void }): Validator =>
  (object) => {
    new Model(object as never).validate();
  };

const validators: Readonly<Record<string, Validator>> = {
  'apps/v1/Deployment': model(Deployment),
  'autoscaling/v2/HorizontalPodAutoscaler': model(HorizontalPodAutoscaler),
  'batch/v1/Job': model(Job),
  'v1/ConfigMap': model(ConfigMap),
  'v1/Service': model(Service),
  'v1/ServiceAccount': model(ServiceAccount),
  'networking.k8s.io/v1/Ingress': model(Ingress),
  'networking.k8s.io/v1/NetworkPolicy': model(NetworkPolicy),
  'policy/v1/PodDisruptionBudget': model(PodDisruptionBudget),
  'keda.sh/v1alpha1/ScaledObject': model(ScaledObject),
  'keda.sh/v1alpha1/TriggerAuthentication': model(TriggerAuthentication),
  'monitoring.coreos.com/v1/PrometheusRule': (object) => {
    assertNone(prometheusRuleProblems(object));
  },
  'kafka.strimzi.io/v1beta2/KafkaTopic': (object) => {
    assertNone(kafkaStructureProblems(object));
  },
  'kafka.strimzi.io/v1beta2/KafkaUser': (object) => {
    assertNone(kafkaStructureProblems(object));
  },
};

function assertNone(problems: readonly string[]): void {
  if (problems.length > 0) throw new Error(problems.join('; '));
}

/** Problems of each object: unknown kind, or what its schema says. */
export function schemaProblems(objects: readonly RenderedObject[]): string[] {
  return objects.flatMap((object) => {
    const key = `${object.apiVersion}/${object.kind}`;
    const validate = validators[key];
    if (!validate) return [`${key} ${object.metadata.name}: no schema for this kind`];
    try {
      validate(object);
      return [];
    } catch (error) {
      return [
        `${key} ${object.metadata.name}: ${error instanceof Error ? error.message : String(error)}`,
      ];
    }
  });
}

const ACL_OPERATIONS = new Set([
  'Read',
  'Write',
  'Create',
  'Delete',
  'Alter',
  'Describe',
  'ClusterAction',
  'AlterConfigs',
  'DescribeConfigs',
  'IdempotentWrite',
  'All',
]);
const ACL_RESOURCES = new Set(['topic', 'group', 'cluster', 'transactionalId']);

interface KafkaSpec {
  readonly topicName?: unknown;
  readonly partitions?: unknown;
  readonly replicas?: unknown;
  readonly config?: unknown;
  readonly authentication?: { readonly type?: unknown };
  readonly authorization?: {
    readonly type?: unknown;
    readonly acls?: readonly {
      readonly resource?: {
        readonly type?: unknown;
        readonly name?: unknown;
        readonly patternType?: unknown;
      };
      readonly operations?: readonly unknown[];
    }[];
  };
}

export function kafkaStructureProblems(object: RenderedObject): string[] {
  const spec = (object['spec'] ?? {}) as KafkaSpec;
  const problems: string[] = [];
  if (object.metadata.labels?.['strimzi.io/cluster'] === undefined)
    problems.push('label strimzi.io/cluster is required');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(object.metadata.name))
    problems.push('metadata.name must be a DNS-1123 label');
  if (object.kind === 'KafkaTopic') {
    if (typeof spec.topicName !== 'string') problems.push('spec.topicName must be a string');
    if (!Number.isInteger(spec.partitions) || (spec.partitions as number) < 1)
      problems.push('spec.partitions must be an integer ≥ 1');
    if (
      !Number.isInteger(spec.replicas) ||
      (spec.replicas as number) < 1 ||
      (spec.replicas as number) > 32767
    )
      problems.push('spec.replicas must be 1..32767');
    if (typeof spec.config !== 'object' || spec.config === null)
      problems.push('spec.config must be an object');
  } else {
    if (!['tls', 'tls-external', 'scram-sha-512'].includes(String(spec.authentication?.type)))
      problems.push('spec.authentication.type must be tls, tls-external or scram-sha-512');
    if (spec.authorization?.type !== 'simple')
      problems.push('spec.authorization.type must be simple');
    for (const acl of spec.authorization?.acls ?? []) {
      if (!ACL_RESOURCES.has(String(acl.resource?.type)))
        problems.push(`acl resource type ${String(acl.resource?.type)}`);
      if (!['literal', 'prefix'].includes(String(acl.resource?.patternType)))
        problems.push('acl patternType must be literal or prefix');
      for (const operation of acl.operations ?? [])
        if (!ACL_OPERATIONS.has(String(operation)))
          problems.push(`acl operation ${String(operation)}`);
    }
  }
  return problems;
}

interface RuleSpec {
  readonly groups?: readonly {
    readonly name?: unknown;
    readonly rules?: readonly Record<string, unknown>[];
  }[];
}

/** PrometheusRule (prometheus-operator v1): groups of named rules, each an alert or a record with an expr. */
export function prometheusRuleProblems(object: RenderedObject): string[] {
  const groups = ((object['spec'] ?? {}) as RuleSpec).groups ?? [];
  const problems: string[] = groups.length === 0 ? ['spec.groups is empty'] : [];
  for (const group of groups) {
    if (typeof group.name !== 'string') problems.push('a group has no name');
    for (const rule of group.rules ?? []) {
      if (typeof rule['expr'] !== 'string') problems.push('a rule has no expr');
      if (typeof rule['alert'] !== 'string' && typeof rule['record'] !== 'string')
        problems.push('a rule is neither alert nor record');
      const wait = rule['for'];
      if (wait !== undefined && (typeof wait !== 'string' || !/^\d+[smhdwy]$/.test(wait))) {
        problems.push(`bad for: ${JSON.stringify(wait)}`);
      }
    }
  }
  return problems;
}
