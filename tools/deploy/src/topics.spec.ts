/** The topic plan and its idempotent application, against a fake admin (the real broker: verify-bundles.ts). */
import { describe, expect, it } from '@jest/globals';
import { targetControlTopic, topics } from '@hub/contracts';
import { applyTopics } from './topics-apply';
import { DEFAULT_PARTITIONS, changeRequestTargets, topicPlan, writeTargets } from './topic-plan';

type Admin = Parameters<typeof applyTopics>[0];

function fakeAdmin(
  existing: Record<string, { partitions: number; config: Record<string, string> }>,
) {
  const calls: string[] = [];
  const admin = {
    listTopics: () => Promise.resolve(Object.keys(existing)),
    createTopics: (request: { topics: { topic: string }[] }) => {
      calls.push(`create ${request.topics.map((topic) => topic.topic).join(',')}`);
      return Promise.resolve(true);
    },
    fetchTopicOffsets: () => Promise.resolve([]),
    fetchTopicMetadata: ({ topics: names }: { topics: string[] }) =>
      Promise.resolve({
        topics: names.map((name) => ({
          name,
          partitions: Array.from({ length: existing[name]?.partitions ?? 0 }, (_, partitionId) => ({
            partitionId,
            replicas: [1],
          })),
        })),
      }),
    describeConfigs: ({ resources }: { resources: { name: string }[] }) =>
      Promise.resolve({
        resources: resources.map(({ name }) => ({
          resourceName: name,
          configEntries: Object.entries(existing[name]?.config ?? {}).map(
            ([configName, configValue]) => ({ configName, configValue }),
          ),
        })),
      }),
    alterConfigs: ({ resources }: { resources: { name: string }[] }) => {
      calls.push(`alter ${resources.map((resource) => resource.name).join(',')}`);
      return Promise.resolve();
    },
    createPartitions: ({
      topicPartitions,
    }: {
      topicPartitions: { topic: string; count: number }[];
    }) => {
      calls.push(
        `partitions ${topicPartitions.map((entry) => `${entry.topic}=${entry.count}`).join(',')}`,
      );
      return Promise.resolve(true);
    },
  };
  return { admin: admin as unknown as Admin, calls };
}

describe('topicPlan', () => {
  const plan = topicPlan({ targets: ['odoo', 'wms'], replicationFactor: 3 });

  it('has every fixed topic of the contracts and a retry and redelivery topic per target', () => {
    const names = plan.map((topic) => topic.name);
    for (const name of Object.values(topics)) expect(names).toContain(name);
    expect(names).toEqual(expect.arrayContaining(['hub.retry.odoo.v1', 'hub.redelivery.wms.v1']));
    expect(names).toHaveLength(Object.values(topics).length + 5);
  });

  it('keeps the target controls compacted and never deleted by age, on one partition', () => {
    expect(plan.find((topic) => topic.name === targetControlTopic)).toMatchObject({
      partitions: 1,
      config: { 'cleanup.policy': 'compact', 'retention.ms': '-1' },
    });
  });

  it('sizes the main flow for scale-out and asks 2 in-sync replicas of 3', () => {
    expect(plan.find((topic) => topic.name === topics.inventoryLevel)).toMatchObject({
      partitions: DEFAULT_PARTITIONS.main,
      config: { 'cleanup.policy': 'compact,delete', 'min.insync.replicas': '2' },
    });
    expect(plan.find((topic) => topic.name === topics.goodsReceipt)?.config['cleanup.policy']).toBe(
      'delete',
    );
  });

  it('takes one partition count for small clusters', () => {
    expect(
      new Set(
        topicPlan({ targets: ['odoo'], replicationFactor: 1, partitions: 1 }).map(
          (topic) => topic.partitions,
        ),
      ),
    ).toEqual(new Set([1]));
  });

  it('takes the receivers of the policy as targets', () => {
    expect(
      writeTargets({ entityTypes: [{ receivers: ['odoo'] }, { receivers: ['wms', 'odoo'] }] }),
    ).toEqual(['odoo', 'wms']);
  });
  it('gives each owner that may get change requests a retry target of its own', () => {
    expect(
      changeRequestTargets({
        entityTypes: [
          { owners: ['wms'], changeRequests: true },
          { owners: ['odoo'], changeRequests: false },
          { owners: ['wms', 'sap'], changeRequests: true },
        ],
      }),
    ).toEqual(['sap-change-requests', 'wms-change-requests']);
  });
});

describe('applyTopics', () => {
  const plan = topicPlan({ targets: ['odoo'], replicationFactor: 1 });

  it('creates what is missing and leaves a matching topic alone', async () => {
    const first = plan[0]!;
    const { admin, calls } = fakeAdmin({
      [first.name]: { partitions: first.partitions, config: { ...first.config } },
    });
    const report = await applyTopics(admin, plan);
    expect(report.unchanged).toEqual([first.name]);
    expect(report.created).toHaveLength(plan.length - 1);
    expect(calls).toHaveLength(1);
  });

  it('adds partitions and corrects configs, never removes partitions', async () => {
    const [a, b] = [plan[0]!, plan[1]!];
    const { admin, calls } = fakeAdmin({
      [a.name]: { partitions: 1, config: { ...a.config } },
      [b.name]: { partitions: b.partitions + 5, config: { 'retention.ms': '1' } },
    });
    const report = await applyTopics(admin, [a, b]);
    expect(calls).toEqual([`partitions ${a.name}=${a.partitions}`, `alter ${b.name}`]);
    expect(report.updated).toEqual([a.name, b.name]);
    expect(report.warnings).toEqual([
      `${b.name} has ${b.partitions + 5} partitions, more than the planned ${b.partitions} (left as is)`,
    ]);
  });
});
