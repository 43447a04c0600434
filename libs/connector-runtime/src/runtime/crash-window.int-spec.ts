import type { ConnectorRuntime } from '../runtime/connector-runtime-options';
import { FakeWriteAdapter } from '../testing/fake-write-adapter';
import { RuntimeHarness } from '../testing/runtime-harness';
import { TopicCollector, eventually } from '@hub/testing';

describe('connector runtime crash window (real stack; fake target)', () => {
  const harness = new RuntimeHarness();
  const adapter = new FakeWriteAdapter();
  let outcomes: TopicCollector | undefined;

  afterAll(async () => {
    await outcomes?.stop();
    await harness.close();
  });

  it('does not write a second document when the process died after the target committed', async () => {
    const started: ConnectorRuntime[] = [];
    let crashed: Promise<void> | undefined;
    adapter.script('WH1:SKU-CRASH', {
      commitThenHang: () => {
        crashed = started[0]?.abort();
      },
    });
    started.push(await harness.start({ write: adapter }));
    // The outcome topic exists once the runtime has ensured its topics.
    const collected = await TopicCollector.start(harness.topics.deliveryOutcome);
    outcomes = collected;
    const event = harness.inventory('SKU-CRASH', '3', 1_000);
    await harness.publish([event]);
    await eventually(
      () => crashed !== undefined,
      () => 'apply was not called',
    );
    await crashed;
    expect(adapter.documents.has(event.correlationId)).toBe(true);
    expect(collected.messages).toHaveLength(0);

    // The replacement takes the write over once the dead process's lease (2 s) expired.
    await harness.start({ write: adapter });
    await eventually(
      () => collected.messages.some((m) => m.headers['hub-correlation-id'] === event.correlationId),
      () => 'no outcome after restart',
    );
    const [message] = collected.messages;
    const payload = (await harness.decode(message?.value ?? null))['payload'];
    expect(payload).toMatchObject({
      outcome: 'succeeded',
      targetReference: adapter.documents.get(event.correlationId),
    });
    expect(adapter.appliesOf(event.correlationId)).toBe(1);
    expect(adapter.findCalls.map((call) => call.correlationId)).toContain(event.correlationId);
  });
});
