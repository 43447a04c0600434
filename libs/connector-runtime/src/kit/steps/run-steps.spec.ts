import { runSteps } from './run-steps';

describe('runSteps', () => {
  it('skips completed steps, hands their results on and records each new one', async () => {
    const recorded: [string, unknown][] = [];
    const ran: string[] = [];
    const results = await runSteps(
      {
        completedSteps: { create: { id: 7 } },
        recordStep: (name, result) => {
          recorded.push([name, result]);
          return Promise.resolve();
        },
      },
      [
        { name: 'create', run: () => Promise.resolve({ id: 8 }) },
        {
          name: 'post',
          run: (previous) => {
            ran.push('post');
            return Promise.resolve({ posted: previous['create'] ?? null });
          },
        },
      ],
    );
    expect(ran).toEqual(['post']);
    expect(recorded).toEqual([['post', { posted: { id: 7 } }]]);
    expect(results).toEqual({ create: { id: 7 }, post: { posted: { id: 7 } } });
  });

  it('does not run the next step when recording one fails', async () => {
    const ran: string[] = [];
    const step = (name: string) => ({
      name,
      run: () => {
        ran.push(name);
        return Promise.resolve(null);
      },
    });
    await expect(
      runSteps({ completedSteps: {}, recordStep: () => Promise.reject(new Error('lease lost')) }, [
        step('one'),
        step('two'),
      ]),
    ).rejects.toThrow('lease lost');
    expect(ran).toEqual(['one']);
  });
});
