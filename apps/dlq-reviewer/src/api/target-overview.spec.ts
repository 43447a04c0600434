import type { ItemStore, UnfinishedCount } from '../store/item-store';
import { TargetOverviews } from './target-overview';

const counts: UnfinishedCount[] = [
  { target: 'odoo', errorCode: 'ERP_A', status: 'open', count: 5, oldestAt: Date.UTC(2026, 0, 3) },
  { target: 'odoo', errorCode: 'ERP_B', status: 'open', count: 9, oldestAt: Date.UTC(2026, 0, 2) },
  { target: 'odoo', errorCode: 'ERP_C', status: 'open', count: 1, oldestAt: Date.UTC(2026, 0, 1) },
  { target: 'odoo', errorCode: 'ERP_D', status: 'open', count: 7, oldestAt: Date.UTC(2026, 0, 4) },
  { target: 'odoo', errorCode: 'ERP_A', status: 'retrying', count: 2, oldestAt: 0 },
  { target: null, errorCode: null, status: 'open', count: 1, oldestAt: Date.UTC(2026, 0, 5) },
];
const store = { unfinishedByCode: () => Promise.resolve(counts) } as unknown as ItemStore;
const statusUrl = 'http://scheduler.test/status';

const answering =
  (body: unknown, status = 200): typeof fetch =>
  () =>
    Promise.resolve(new Response(JSON.stringify(body), { status }));

describe('TargetOverviews', () => {
  it('counts open and retrying per target, the oldest open, the top 3 codes, and adds the scheduler', async () => {
    const overview = await new TargetOverviews(
      store,
      statusUrl,
      answering({
        targets: [
          {
            target: 'business-central',
            breaker: { state: 'half-open', since: null, probeInFlight: true },
            pending: 3,
            nextDueAt: '2026-01-06T00:00:00.000Z',
            oldestFirstFailureAt: null,
          },
        ],
      }),
    ).overview();
    expect(overview.scheduler).toEqual({ state: 'reachable', url: statusUrl });
    expect(overview.targets).toEqual([
      {
        target: 'odoo',
        open: 22,
        retrying: 2,
        oldestOpenAt: '2026-01-01T00:00:00.000Z',
        topErrorCodes: [
          { errorCode: 'ERP_B', count: 9 },
          { errorCode: 'ERP_D', count: 7 },
          { errorCode: 'ERP_A', count: 5 },
        ],
        scheduler: null,
        control: null,
        flow: null,
      },
      expect.objectContaining({ target: null, open: 1, scheduler: null }),
      // Known to the scheduler only: pending retries, no dead letters.
      {
        target: 'business-central',
        open: 0,
        retrying: 0,
        oldestOpenAt: null,
        topErrorCodes: [],
        scheduler: {
          breaker: 'half-open',
          pending: 3,
          nextDueAt: '2026-01-06T00:00:00.000Z',
          oldestFirstFailureAt: null,
        },
        control: null,
        flow: null,
      },
    ]);
  });

  it.each([
    ['an HTTP error', answering({ message: 'down' }, 503), 'answered HTTP 503'],
    ['another body', answering({ targets: 'none' }), 'answered something that is not its status'],
    [
      'a refused connection',
      () => Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') })),
      'fetch failed: ECONNREFUSED',
    ],
    [
      'no answer in time',
      () => Promise.reject(new DOMException('timed out', 'TimeoutError')),
      'no answer within 2 s',
    ],
  ])('keeps its own numbers and says why after %s', async (_what, fetchFn, error) => {
    const overview = await new TargetOverviews(store, statusUrl, fetchFn).overview();
    expect(overview.scheduler).toEqual({ state: 'unreachable', url: statusUrl, error });
    expect(overview.targets.map((row) => [row.target, row.open])).toEqual([
      ['odoo', 22],
      [null, 1],
    ]);
  });

  it('does not ask anyone without DLQ_SCHEDULER_STATUS_URL', async () => {
    const fetchFn = jest.fn<ReturnType<typeof fetch>, Parameters<typeof fetch>>();
    const overview = await new TargetOverviews(store, undefined, fetchFn).overview();
    expect([overview.scheduler, fetchFn.mock.calls.length]).toEqual([
      { state: 'not-configured' },
      0,
    ]);
  });
});
