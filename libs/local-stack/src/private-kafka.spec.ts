import { kafkaSpec } from './kafka';
import { privateKafkaHeapMb, privateKafkaSettings } from './private-kafka';

describe('private kafka', () => {
  const settings = privateKafkaSettings('/tmp/hub-kafka-x', { broker: 41001, controller: 41002 });
  const spec = kafkaSpec(settings, { cacheDir: '/tmp/cache', heapMb: privateKafkaHeapMb });
  const { args } = spec.command();

  it('lives in its own state dir on its own ports', () => {
    expect(spec.address).toBe('127.0.0.1:41001');
    expect(spec.port).toBe(41001);
    expect(spec.files).toEqual({
      dir: '/tmp/hub-kafka-x/kafka',
      pidFile: '/tmp/hub-kafka-x/kafka/kafka.pid',
      logFile: '/tmp/hub-kafka-x/kafka/kafka.log',
    });
  });

  it('carries a marker of its own, so stopping it never touches the shared broker', () => {
    expect(spec.marker).toBe('-Dhub.local-stack.component=kafka@/tmp/hub-kafka-x');
    expect(args[0]).toBe(spec.marker);
  });

  it('runs with the heap it is given', () => {
    expect(args).toEqual(expect.arrayContaining(['-Xms128m', '-Xmx512m']));
    expect(args).not.toContain('-Xmx768m');
  });

  it('refuses one port for broker and controller', () => {
    expect(() => privateKafkaSettings('/d', { broker: 4000, controller: 4000 })).toThrow(
      /two ports/,
    );
  });

  it('keeps the shared broker as it was', () => {
    const shared = kafkaSpec({ stateDir: '/s', kafkaPort: 9092, kafkaControllerPort: 9093 });
    expect(shared.command().args).toEqual(expect.arrayContaining(['-Xms256m', '-Xmx768m']));
  });
});
