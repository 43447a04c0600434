/**
 * kafkajs 2.2.4 keeps a 1 ms timer running on every broker connection once it has had a
 * response: `RequestQueue.scheduleCheckPendingRequests` schedules a check at
 * `throttledUntil - now`, which is negative when nothing is throttled, and each check
 * schedules the next (kafkajs issues #1556 and #1704; the fix of pull request #1667 was
 * never released, and 2.2.4 is the last release). Each app's main thread woke 800 to 930
 * times a second for nothing (bench/README.md "Idle cost").
 *
 * The replacement is the same method with one early return: nothing pending and nothing
 * throttled schedules no check. Every path that queues a request still schedules one
 * (`push` calls this method after queueing, with the 10 ms fallback kafkajs uses while a
 * request waits), and a request in flight that completes checks the queue itself
 * (`fulfillRequest`), so a queued request is never left waiting (the case kafkajs pull
 * request #1532 fixed: a marginal throttle still schedules, since the queue is not empty).
 * Applied once, and only to the version it was written against: another version keeps its
 * own method, and the test for this file fails until someone reads that version's code.
 */
import { version } from 'kafkajs/package.json';

// kafkajs ships no types for its internals; a require keeps the bundler resolving the very
// module kafkajs's connections use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: object };

/** The kafkajs release installed. */
export const kafkajsVersion: string = version;

/** The kafkajs release whose RequestQueue this replacement was written against. */
export const patchedKafkajsVersion = '2.2.4';

/** kafkajs's CHECK_PENDING_REQUESTS_INTERVAL: how soon a queued request is checked again. */
const checkPendingRequestsIntervalMs = 10;

interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

function scheduleCheckPendingRequests(this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId) return;
  let scheduleAt = this.throttledUntil - Date.now();
  if (this.pending.length > 0) {
    scheduleAt = scheduleAt > 0 ? scheduleAt : checkPendingRequestsIntervalMs;
  } else if (scheduleAt <= 0) {
    return;
  }
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, scheduleAt);
}

let applied = false;

/** Replaces the looping method, once per process; true when the replacement is in place. */
export function applyRequestQueueIdleFix(): boolean {
  if (applied) return true;
  if (kafkajsVersion !== patchedKafkajsVersion) return false;
  (RequestQueue.prototype as unknown as RequestQueueState & Record<string, unknown>)[
    'scheduleCheckPendingRequests'
  ] = scheduleCheckPendingRequests;
  applied = true;
  return true;
}
