import { readdirSync, readFileSync } from 'node:fs';
import {
  brokerJitName,
  CpuTracker,
  hubTotalName,
  processCpuSeconds,
  threadCpuSeconds,
  threadsNamed,
} from './cpu-meter';

/** Spins this thread until it has spent `seconds` of CPU. */
function burn(seconds: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const spent = process.cpuUsage(start);
    if ((spent.user + spent.system) / 1e6 >= seconds) return;
  }
}

const mainThreadName = readFileSync(`/proc/${process.pid}/task/${process.pid}/comm`, 'utf8');

describe('the CPU meter', () => {
  it("reads one thread's CPU, not its whole process's", () => {
    // Another thread of this process (V8's and libuv's workers), idle while this one spins.
    const other = Number(
      readdirSync(`/proc/${process.pid}/task`).find((tid) => tid !== String(process.pid)),
    );
    const threadBefore = threadCpuSeconds(process.pid) ?? NaN;
    const otherBefore = threadCpuSeconds(other) ?? NaN;
    burn(0.3);
    const threadAfter = threadCpuSeconds(process.pid) ?? NaN;
    const otherAfter = threadCpuSeconds(other) ?? NaN;
    const processNow = processCpuSeconds(process.pid) ?? NaN;

    expect(threadAfter - threadBefore).toBeGreaterThanOrEqual(0.2);
    expect(otherAfter - otherBefore).toBeLessThan(0.1);
    // The process's figure includes the other threads (V8's, libuv's): never below the one thread.
    expect(processNow).toBeGreaterThanOrEqual(threadAfter);
  });

  it('finds the threads of a process by the start of their name', () => {
    expect(threadsNamed(process.pid, [mainThreadName.trim()])).toContain(process.pid);
    expect(threadsNamed(process.pid, ['no thread is called this'])).toEqual([]);
    expect(threadsNamed(2 ** 22 + 1, ['anything'])).toEqual([]);
  });

  it("shows the broker's JIT threads beside the broker without counting them in the hub's total twice", () => {
    const tracker = new CpuTracker(
      {
        'kafka broker': () => [process.pid],
        [brokerJitName]: { threads: () => [process.pid] },
      },
      60_000,
    );
    burn(0.3);
    const sample = tracker.finish(1_000);

    expect(sample[brokerJitName]).toBeGreaterThan(0.2);
    // Read one after the other, the two may be a clock tick (10 ms) apart.
    expect(sample['kafka broker']).toBeGreaterThanOrEqual(
      (sample[brokerJitName] ?? Infinity) - 0.02,
    );
    expect(sample[hubTotalName]).toBe(sample['kafka broker']);
  });
});
