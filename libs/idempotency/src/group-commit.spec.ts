import { GroupCommit, type Placement, type Settled } from './group-commit';

interface Call {
  readonly id: string;
  readonly group: string;
  readonly slot: string;
}

const place = (call: Call): Placement => ({ group: call.group, slots: [call.slot] });

describe('GroupCommit', () => {
  it('batches calls of one group with distinct slots; a taken slot waits for the batch in flight', async () => {
    const batches: string[][] = [];
    const finished: string[] = [];
    const commit = new GroupCommit<Call, string>(
      async (calls) => {
        batches.push(calls.map((call) => call.id));
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished.push(calls.map((call) => call.id).join('+'));
        return calls.map((call): Settled<string> => ({ ok: true, answer: `done ${call.id}` }));
      },
      place,
      { maxInFlight: 2 },
    );
    const answers = await Promise.all([
      commit.call({ id: 'a1', group: 'g', slot: 'x' }),
      commit.call({ id: 'a2', group: 'g', slot: 'x' }),
      commit.call({ id: 'b1', group: 'g', slot: 'y' }),
      commit.call({ id: 'c1', group: 'h', slot: 'z' }),
    ]);

    expect(answers).toEqual(['done a1', 'done a2', 'done b1', 'done c1']);
    // a2 shares a1's slot: not in a1's batch, and not started before a1's batch finished.
    expect(batches[0]).toEqual(['a1', 'b1']);
    expect(batches[1]).toEqual(['c1']);
    expect(batches[2]).toEqual(['a2']);
    expect(finished.indexOf('a1+b1')).toBeLessThan(finished.indexOf('a2'));
  });

  it('settles each call with its own answer or error; a thrown batch rejects all of it; a bad call fails alone', async () => {
    let fail = false;
    const commit = new GroupCommit<Call, string>((calls) => {
      if (fail) return Promise.reject(new Error('database down'));
      return Promise.resolve(
        calls.map((call): Settled<string> =>
          call.id === 'bad' ? { ok: false, error: new Error('no') } : { ok: true, answer: call.id },
        ),
      );
    }, place);
    const check = (call: Call): void => {
      if (call.id === 'invalid') throw new Error('invalid call');
    };
    const first = await Promise.allSettled(
      ['ok', 'bad', 'invalid'].map((id) => commit.call({ id, group: 'g', slot: id }, check)),
    );
    fail = true;
    const second = await Promise.allSettled([commit.call({ id: 'x', group: 'g', slot: 'x' })]);

    expect(first.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(second[0].status).toBe('rejected');
  });
});
