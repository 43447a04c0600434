/** Settings of the `topics` and `migrate` commands: the shared Kafka and database groups plus their own. */
import {
  databaseSettings,
  defineConfig,
  integer,
  kafkaSettings,
  setting,
  text,
  withDefaults,
} from '@hub/config';

export const deployToolConfig = defineConfig({
  kafka: withDefaults(kafkaSettings, { clientId: 'hub-deploy-tools' }),
  database: databaseSettings,
  policyPath: setting({
    env: 'OWNERSHIP_POLICY_PATH',
    schema: text(),
    description:
      'Ownership policy file (YAML or JSON): its receivers get a retry and a redelivery topic each.',
    default: 'libs/ownership/policies/default.yaml',
    secret: false,
  }),
  topics: {
    replicationFactor: setting({
      env: 'TOPICS_REPLICATION_FACTOR',
      schema: integer({ min: 1, max: 5 }),
      description: 'Replication factor of created topics (3 in production).',
      default: '1',
      secret: false,
    }),
    partitions: setting({
      env: 'TOPICS_PARTITIONS',
      schema: integer({ min: 1, max: 1000 }).optional(),
      description:
        'One partition count for every topic (small dev clusters); unset means the plan sizes.',
      secret: false,
    }),
  },
});
