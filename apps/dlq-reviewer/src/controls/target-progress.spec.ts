import { createLogger } from '@hub/observability';
import type { GroupProgress } from '@hub/messaging';
import { TargetProgress } from './target-progress';

describe('TargetProgress', () => {
  it('sums both connector groups, and gives a rate once two readings a second apart exist', async () => {
    let now = 0;
    let finished = 100;
    const reads: string[][] = [];
    const reader = {
      read: (groups: readonly string[]): Promise<GroupProgress[]> => {
        reads.push([...groups]);
        return Promise.resolve([
          { groupId: 'connector-odoo', committed: finished, lag: 7 },
          { groupId: 'connector-odoo-redelivery', committed: 10, lag: 1 },
        ]);
      },
      close: () => Promise.resolve(),
    };
    const progress = new TargetProgress(
      reader,
      () => now,
      createLogger({ service: 't', level: 'silent' }),
    );
    expect((await progress.of(['odoo'])).get('odoo')).toEqual({ lag: 8, ratePerSecond: null });
    expect(reads[0]).toEqual(['connector-odoo', 'connector-odoo-redelivery']);
    now = 500;
    finished = 150;
    expect((await progress.of(['odoo'])).get('odoo')?.ratePerSecond).toBeNull();
    now = 4_000;
    finished = 300;
    // 200 finished in 4 s since the oldest reading kept.
    expect((await progress.of(['odoo'])).get('odoo')?.ratePerSecond).toBe(50);
    now = 63_000;
    finished = 359;
    // Readings older than a minute are dropped: 59 since the one at 4 s, 59 s ago.
    expect((await progress.of(['odoo'])).get('odoo')?.ratePerSecond).toBe(1);
  });
});
