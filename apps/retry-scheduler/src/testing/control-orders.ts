/** Plays the DLQ reviewer's control side: writes a target's orders onto hub.target-control.v1. */
import { controlMessage } from '@hub/connector-runtime';
import { defaultTargetControl, type TargetControl } from '@hub/contracts';
import { createKafkaClient, createProducer, type Producer } from '@hub/messaging';
import { testEndpoints, uniqueName } from '@hub/testing';

export class ControlOrders {
  private readonly last = new Map<string, TargetControl>();

  private constructor(private readonly producer: Producer) {}

  static async start(): Promise<ControlOrders> {
    const client = createKafkaClient({
      brokers: [testEndpoints().kafkaBrokers],
      clientId: uniqueName('control-orders'),
    });
    const producer = createProducer(client);
    await producer.connect();
    return new ControlOrders(producer);
  }

  /** The target's orders so far, changed by `change`, written as one record. */
  async order(target: string, change: Partial<Omit<TargetControl, 'target'>>): Promise<void> {
    const next: TargetControl = {
      ...(this.last.get(target) ?? defaultTargetControl(target)),
      changedAt: Date.now(),
      changedBy: 'test-operator',
      ...change,
    };
    this.last.set(target, next);
    await this.producer.send([controlMessage(next)]);
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
