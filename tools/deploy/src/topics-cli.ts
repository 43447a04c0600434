/**
 * `topics`: creates or updates every topic of the plan (tools/deploy/src/topic-plan.ts) on
 * the brokers of the Kafka settings (KAFKA_BROKERS, KAFKA_SSL, KAFKA_SASL_*), for the
 * systems of OWNERSHIP_POLICY_PATH (and the change-request targets of its owners). TOPICS_REPLICATION_FACTOR (default 1) and
 * TOPICS_PARTITIONS (unset: the plan's sizes) adjust it. `--dry-run` prints the plan only.
 * Run as `node dist/tools/topics.js` in the image, `npx tsx tools/deploy/src/topics-cli.ts` here.
 */
import { loadPolicyFile } from '@hub/ownership';
import { Kafka, logLevel } from 'kafkajs';
import { deployToolConfig } from './deploy-tool.config';
import { applyTopics } from './topics-apply';
import { changeRequestTargets, topicPlan, writeTargets } from './topic-plan';

async function main(): Promise<void> {
  const config = deployToolConfig.load();
  const policy = loadPolicyFile(config.policyPath);
  const plan = topicPlan({
    targets: [...writeTargets(policy), ...changeRequestTargets(policy)],
    replicationFactor: config.topics.replicationFactor,
    ...(config.topics.partitions === undefined ? {} : { partitions: config.topics.partitions }),
  });
  if (process.argv.includes('--dry-run')) {
    for (const topic of plan)
      console.log(
        `${topic.name} partitions=${topic.partitions} rf=${topic.replicationFactor} ${JSON.stringify(topic.config)}`,
      );
    return;
  }
  const { kafka } = config;
  const client = new Kafka({
    clientId: 'hub-topics',
    brokers: [...kafka.brokers],
    ssl: kafka.ssl,
    logLevel: logLevel.WARN,
    ...(kafka.saslMechanism === undefined
      ? {}
      : {
          sasl: {
            mechanism: kafka.saslMechanism,
            username: kafka.saslUsername ?? '',
            password: kafka.saslPassword ?? '',
          },
        }),
  } as ConstructorParameters<typeof Kafka>[0]);
  const admin = client.admin();
  await admin.connect();
  try {
    const report = await applyTopics(admin, plan);
    console.log(
      `topics: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged`,
    );
    for (const name of report.created) console.log(`  created ${name}`);
    for (const name of report.updated) console.log(`  updated ${name}`);
    for (const warning of report.warnings) console.log(`  warning: ${warning}`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
