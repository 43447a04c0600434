import { groupOfFile, summarizeProfile, type CpuProfile, type Locate } from './cpu-profile';

const frame = (functionName: string, url: string) => ({
  functionName,
  url,
  lineNumber: 0,
  columnNumber: 0,
});

/**
 * root ─ handle (app) ─ query (pg) ─ writev (native)
 *      │              └ encode (app, recursive: encode ─ encode)
 *      ├ (idle)
 *      └ (garbage collector)
 */
const profile: CpuProfile = {
  startTime: 0,
  endTime: 10_000,
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 6, 7] },
    { id: 2, callFrame: frame('handle', 'file:///repo/apps/app/src/handle.ts'), children: [3, 4] },
    {
      id: 3,
      callFrame: frame('query', 'file:///repo/node_modules/pg/lib/client.js'),
      children: [8],
    },
    { id: 4, callFrame: frame('encode', 'file:///repo/apps/app/src/encode.ts'), children: [5] },
    { id: 5, callFrame: frame('encode', 'file:///repo/apps/app/src/encode.ts') },
    { id: 6, callFrame: frame('(idle)', '') },
    { id: 7, callFrame: frame('(garbage collector)', '') },
    { id: 8, callFrame: frame('writev', '') },
  ],
  // 1 ms each: writev 4, recursive encode 2, handle 1, idle 2, gc 1.
  samples: [8, 8, 8, 8, 5, 5, 2, 6, 6, 7],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

const locate: Locate = (callFrame) => {
  const file = callFrame.url.replace('file:///repo/', '');
  return { file: file === '' ? '(native)' : file, line: 1, group: groupOfFile(file) };
};

describe('summarizeProfile', () => {
  const summary = summarizeProfile(profile, locate);
  const self = (name: string) => summary.topSelf.find((row) => row.function === name);
  const inclusive = (name: string) => summary.topInclusive.find((row) => row.function === name);

  it('takes shares of the busy time (idle left out)', () => {
    expect(summary.sampledMs).toBe(10);
    expect(summary.busyMs).toBe(8);
    expect(self('writev')?.selfPercent).toBe(50);
    expect(self('(garbage collector)')?.selfPercent).toBe(12.5);
    expect(self('(idle)')).toBeUndefined();
  });

  it('counts a function once per sample in its inclusive time, recursion included', () => {
    expect(self('encode')).toMatchObject({ selfMs: 2, inclusiveMs: 2 });
    expect(inclusive('handle')).toMatchObject({
      selfMs: 1,
      inclusiveMs: 7,
      inclusivePercent: 87.5,
    });
    expect(inclusive('query')).toMatchObject({ selfMs: 0, inclusiveMs: 4 });
  });

  it('charges native time to the package that called it', () => {
    const group = (name: string) => summary.groups.find((row) => row.group === name);
    expect(group('native')).toMatchObject({ selfPercent: 50, chargedPercent: 0 });
    expect(group('pg')).toMatchObject({ selfPercent: 0, chargedPercent: 50, inclusivePercent: 50 });
    expect(group('apps/app')).toMatchObject({ selfPercent: 37.5, inclusivePercent: 87.5 });
  });
});

describe('summarizeProfile from a point in time', () => {
  it('leaves out the samples taken before it (the start-up)', () => {
    // Samples of 1 ms: the first three (writev) end before 4 ms, the fourth exactly at it.
    const later = summarizeProfile(profile, locate, 25, 4);
    expect(later).toMatchObject({ fromMs: 4, profileMs: 10, samples: 7, sampledMs: 7, busyMs: 5 });
    expect(later.topSelf.find((row) => row.function === 'writev')).toMatchObject({
      selfMs: 1,
      selfPercent: 20,
    });
    expect(later.topSelf.find((row) => row.function === 'encode')?.selfPercent).toBe(40);
  });
});

describe('groupOfFile', () => {
  it('names packages, workspace projects and Node', () => {
    expect(groupOfFile('node_modules/@nestjs/core/index.js')).toBe('@nestjs/core');
    expect(groupOfFile('/x/node_modules/kafkajs/src/a.js')).toBe('kafkajs');
    expect(groupOfFile('libs/messaging/src/a.ts')).toBe('@hub/messaging');
    expect(groupOfFile('apps/connector-odoo/src/a.ts')).toBe('apps/connector-odoo');
    expect(groupOfFile('node:net')).toBe('node');
    expect(groupOfFile('')).toBe('native');
  });
});
