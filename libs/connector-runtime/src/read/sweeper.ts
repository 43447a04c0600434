/**
 * The catch-up sweep (or, where a source has no webhooks, the primary source): pages
 * through what changed since the stored watermark, publishes it, and stores each page's
 * watermark once its records are acknowledged. One replica at a time (advisory lock).
 */
import type { Logger } from '@hub/observability';
import type { Clock } from '@hub/resilience';
import type { ReadAdapter } from '../adapter/erp-adapter';
import type { WatermarkStore } from '../persistence/watermark-store';
import type { TargetGate } from '../write/target-gate';
import type { RecordPublisher } from './record-publisher';

export type SweepReport =
  | {
      readonly kind: 'swept';
      readonly pages: number;
      readonly published: number;
      readonly from: number;
      readonly watermark: number;
    }
  | { readonly kind: 'skipped'; readonly reason: 'locked' | 'no-read-adapter' };

export interface SweeperDeps {
  readonly system: string;
  readonly adapter: ReadAdapter;
  readonly gate: Pick<TargetGate, 'call'>;
  readonly publisher: RecordPublisher;
  readonly watermarks: Pick<WatermarkStore, 'read' | 'store' | 'withSweepLock'>;
  readonly maxPages: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

export async function sweepOnce(deps: SweeperDeps, signal: AbortSignal): Promise<SweepReport> {
  const report = await deps.watermarks.withSweepLock(deps.system, () => sweepPages(deps, signal));
  return report ?? { kind: 'skipped', reason: 'locked' };
}

async function sweepPages(deps: SweeperDeps, signal: AbortSignal): Promise<SweepReport> {
  const from = (await deps.watermarks.read(deps.system)) ?? 0;
  let since = from;
  let pages = 0;
  let published = 0;
  while (pages < deps.maxPages) {
    const page = await deps.gate.call('sweep', () => deps.adapter.sweep(since, signal), signal);
    pages += 1;
    published += await deps.publisher.publish(page.records, 'sweep');
    await deps.watermarks.store(deps.system, page.watermark, deps.clock.now());
    if (!page.more) break;
    if (page.watermark <= since) {
      deps.logger.error(
        { since, watermark: page.watermark },
        'Sweep page says more follow but its watermark did not advance; stopping this sweep',
      );
      break;
    }
    since = page.watermark;
  }
  const watermark = Math.max(from, (await deps.watermarks.read(deps.system)) ?? from);
  deps.logger.info({ pages, published, from, watermark }, 'Sweep finished');
  return { kind: 'swept', pages, published, from, watermark };
}
