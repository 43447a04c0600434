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

  // The clock is held still while a request is pushed: a real 1 ms throttle can run out
  // between setting it and the push, and the request would then go out at once.
  it('still sends a request queued while throttled', async () => {
    const target = queue();
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    target.throttledUntil = now + 20;
    const id = push(target);
    clock.mockRestore();
    expect(sent).not.toContain(id);
    await sleep(60);
    expect(sent).toContain(id);
  });

  it('still sends a request whose throttle ran out between queueing it and scheduling the check', async () => {
    const target = queue();
    const now = Date.now();
    // Queued while throttled; by the time the check is scheduled the throttle is over.
    const clock = jest
      .spyOn(Date, 'now')
      .mockImplementation(() => (target.pending.length > 0 ? now + 5 : now));
    target.throttledUntil = now + 1;
    const id = push(target);
    clock.mockRestore();
    expect(sent).not.toContain(id);
    await sleep(40);
    expect(sent).toContain(id);
  });
});
