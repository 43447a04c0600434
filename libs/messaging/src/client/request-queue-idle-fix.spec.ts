import {
  applyRequestQueueIdleFix,
  kafkajsVersion,
  patchedKafkajsVersion,
} from './request-queue-idle-fix';

interface Queue {
  pending: unknown[];
  inflight: Map<number, unknown>;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  push(request: object): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void;
  destroy(): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const QueueClass = require('kafkajs/src/network/requestQueue') as new (options: object) => Queue;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let nextCorrelationId = 1;
const sent: number[] = [];
const queues: Queue[] = [];

function queue(maxInFlightRequests: number | null = null): Queue {
  const made = new QueueClass({
    maxInFlightRequests,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: 'localhost:9092',
    logger: silent,
  });
  queues.push(made);
  return made;
}

/** Pushes a request that expects a response; returns its correlation id. */
function push(target: Queue): number {
  const correlationId = nextCorrelationId++;
  target.push({
    entry: {
      correlationId,
      apiName: 'Fetch',
      apiKey: 1,
      apiVersion: 11,
      resolve() {},
      reject() {},
    },
    expectResponse: true,
    sendRequest: () => sent.push(correlationId),
  });
  return correlationId;
}

const answer = (target: Queue, correlationId: number): void => {
  target.fulfillRequest({ correlationId, payload: Buffer.alloc(0), size: 0 });
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let applied = false;
beforeAll(() => {
  applied = applyRequestQueueIdleFix();
});

afterEach(() => {
  for (const made of queues.splice(0)) {
    clearTimeout(made.throttleCheckTimeoutId ?? undefined);
    made.destroy();
  }
  sent.length = 0;
});

describe('the kafkajs request queue with the idle fix', () => {
  it('is applied to the kafkajs version installed (another version needs its code read again)', () => {
    expect([kafkajsVersion, applied]).toEqual([patchedKafkajsVersion, true]);
  });

  it('leaves no timer behind once a request is answered and nothing waits', () => {
    const target = queue();
    const id = push(target);
    answer(target, id);
    expect(sent).toEqual([id]);
    expect(target.throttleCheckTimeoutId).toBeNull();
  });

  it('still sends a request queued behind a full in-flight window when the first is answered', async () => {
    const target = queue(1);
    const first = push(target);
    const second = push(target);
    expect(sent).toEqual([first]);
    answer(target, first);
    expect(sent).toEqual([first, second]);
    answer(target, second);
    // The 10 ms check scheduled while the second waited runs once and schedules no other.
    await sleep(40);
    expect(target.throttleCheckTimeoutId).toBeNull();
  });

  it('still sends a request queued while throttled, however short the throttle', async () => {
    for (const throttleMs of [1, 20]) {
      const target = queue();
      target.throttledUntil = Date.now() + throttleMs;
      const id = push(target);
      expect(sent).not.toContain(id);
      await sleep(throttleMs + 40);
      expect(sent).toContain(id);
    }
  });
});
