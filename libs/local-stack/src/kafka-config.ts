/**
 * The single-node KRaft broker's configuration, kept pure so it can be unit tested.
 * Settings mirror docker/compose.yml so tests see the same broker either way.
 */
import { randomBytes } from 'node:crypto';

export interface KafkaConfigInput {
  readonly port: number;
  readonly controllerPort: number;
  readonly dataDir: string;
}

export function serverProperties({ port, controllerPort, dataDir }: KafkaConfigInput): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    // A static voter set: one node, nothing to bootstrap, no `--standalone` needed.
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': dataDir,
    // One broker: every internal topic must make do with one replica.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'min.insync.replicas': 1,
    // Tests start consumers often; the 3 s default would slow every one of them.
    'group.initial.rebalance.delay.ms': 0,
    'num.partitions': 3,
    // Topics are created on purpose (topic admin), as in production.
    'auto.create.topics.enable': false,
  };
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${String(value)}`);
  return `# Written by libs/local-stack on every start; edits are overwritten.\n${lines.join('\n')}\n`;
}

/** Log4j 2 configuration: everything to stdout, which the stack sends to kafka.log. */
export const log4j2Properties = `# Written by libs/local-stack.
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = STDOUT
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
`;

/**
 * A cluster id as Kafka's Uuid.randomUuid() makes it: 16 random bytes, base64url
 * without padding, never starting with '-' (the CLI would read that as an option).
 * Made here to save a JVM start for `kafka-storage random-uuid`.
 */
export function randomClusterId(): string {
  for (;;) {
    const bytes = randomBytes(16);
    const id = bytes.toString('base64url');
    if (!id.startsWith('-') && bytes.some((byte) => byte !== 0)) return id;
  }
}
