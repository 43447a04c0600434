import { finishedPrefix, groupIndexesByKey, runKeyGroups } from './key-groups';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('key groups', () => {
  it('groups indexes by key in first-seen order; messages without a key form one group', () => {
    expect(groupIndexesByKey(['a', 'b', 'a', null, 'c', null, 'b'])).toEqual([
      [0, 2],
      [1, 6],
      [3, 5],
      [4],
    ]);
  });

  it('runs at most `limit` groups at once, each in order, and stops a group at its first unfinished message', async () => {
    const groups = groupIndexesByKey(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const done = await runKeyGroups(
      groups,
      2,
      async (index) => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
        return index !== 4;
      },
      () => false,
    );
    expect(most).toBe(2);
    expect(started.filter((index) => [0, 3, 6].includes(index))).toEqual([0, 3, 6]);
    expect(Array.from({ length: 7 }, (_, i) => done[i] === true)).toEqual([
      true,
      true,
      true,
      true,
      false,
      true,
      true,
    ]);
    expect(finishedPrefix(done, 7)).toBe(4);
  });

  it('starts nothing new once stopped, and rethrows the first failure after the others settle', async () => {
    const groups = groupIndexesByKey(['a', 'b', 'a', 'b']);
    let settled = 0;
    await expect(
      runKeyGroups(
        groups,
        2,
        async (index) => {
          await tick();
          if (index === 1) throw new Error('boom');
          await tick();
          settled += 1;
          return true;
        },
        () => false,
      ),
    ).rejects.toThrow('boom');
    expect(settled).toBe(1);
    const none = await runKeyGroups(
      groups,
      2,
      () => Promise.resolve(true),
      () => true,
    );
    expect(finishedPrefix(none, 4)).toBe(0);
  });
});
