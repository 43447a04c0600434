/**
 * What one idle consumer costs its process: a kafkajs consumer on an empty topic, after it
 * joined, for --seconds; prints its fetch requests and the process's CPU time. Compares fetch
 * waits, e.g. `--waits 100,500` (bench/README.md, "Idle cost"). Needs the local stack.
 */
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { stackEndpoints } from '@hub/local-stack';

async function idleConsumer(brokers: string, waitMs: number, seconds: number) {
  const kafka = new Kafka({
    clientId: 'idle-consumer-bench',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `idle-consumer-bench-${Date.now()}-${waitMs}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const consumer = kafka.consumer({ groupId: topic, maxWaitTimeInMs: waitMs });
  let fetches = 0;
  consumer.on(consumer.events.FETCH, () => {
    fetches += 1;
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: () => Promise.resolve() });
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // joined and fetching
    const fetchesBefore = fetches;
    const cpuBefore = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
    const cpu = process.cpuUsage(cpuBefore);
    return {
      waitMs,
      seconds,
      fetches: fetches - fetchesBefore,
      cpuMs: (cpu.user + cpu.system) / 1_000,
    };
  } finally {
    await consumer.disconnect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      waits: { type: 'string', default: '100,500' },
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '2' },
    },
  });
  const brokers = stackEndpoints().kafkaBrokers;
  for (let round = 0; round < Number(values.rounds); round += 1)
    for (const wait of values.waits.split(',').map(Number)) {
      const result = await idleConsumer(brokers, wait, Number(values.seconds));
      const [load] = (await import('node:os')).loadavg();
      process.stdout.write(`${JSON.stringify({ ...result, loadAverage1m: load })}\n`);
    }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
