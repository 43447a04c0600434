import { createLogger, createMetrics, createRegistry } from '@hub/observability';
import type { OutboxBacklog, OutboxRow, RelayRound } from '../store/redelivery-outbox';
import { RedeliveryRelay, type RelayOptions } from './redelivery-relay';

const row = (id: string): OutboxRow => ({
  id,
  itemId: id,
  retryId: `retry-${id}`,
  message: { topic: 'hub.retry.odoo.v1', key: null, value: Buffer.from(id), headers: {} },
});

/** An outbox in memory whose rounds can be held open. */
class FakeOutbox {
  rows: OutboxRow[] = [];
  rounds = 0;
  hold: Promise<void> = Promise.resolve();
  failWith: Error | undefined;

  async relay(
    limit: number,
    publish: (rows: readonly OutboxRow[]) => Promise<void>,
  ): Promise<RelayRound> {
    this.rounds += 1;
    const taken = this.rows.slice(0, limit);
    await this.hold;
    if (taken.length > 0) {
      if (this.failWith !== undefined) throw this.failWith;
      await publish(taken);
      this.rows = this.rows.slice(taken.length);
    }
    return { kind: 'sent', rows: taken };
  }

  backlog(): Promise<OutboxBacklog> {
    return Promise.resolve({
      pending: this.rows.length,
      oldestAt: this.rows.length === 0 ? null : 1_000,
      lastError: this.failWith?.message ?? null,
    });
  }
}

function relayOver(outbox: FakeOutbox, overrides: Partial<RelayOptions> = {}) {
  const sent: string[] = [];
  const relay = new RedeliveryRelay({
    outbox,
    sender: {
      send: (messages) => {
        sent.push(...messages.map((message) => String(message.value)));
        return Promise.resolve();
      },
    },
    ready: () => true,
    intervalMs: 60_000,
    metrics: createMetrics(createRegistry()),
    logger: createLogger({ service: 'relay-spec', level: 'silent' }),
    now: () => 43_000,
    batchSize: 2,
    ...overrides,
  });
  return { relay, sent };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200 && !condition(); turn += 1) await settle();
}

describe('RedeliveryRelay', () => {
  it('drains the outbox in batches, in order, on start', async () => {
    const outbox = new FakeOutbox();
    outbox.rows = ['1', '2', '3', '4', '5'].map(row);
    const { relay, sent } = relayOver(outbox);
    relay.start();
    await until(() => outbox.rounds === 4);
    await relay.stop();
    expect(sent).toEqual(['1', '2', '3', '4', '5']);
    // Three batches of two and a last round that finds nothing.
    expect(outbox.rounds).toBe(4);
  });

  it('runs once more after the round in flight when nudged during it, however often', async () => {
    const outbox = new FakeOutbox();
    let release: () => void = () => undefined;
    outbox.hold = new Promise((resolve) => {
      release = resolve;
    });
    const { relay, sent } = relayOver(outbox);
    relay.start();
    await settle();
    outbox.rows = [row('7')];
    relay.nudge();
    relay.nudge();
    relay.nudge();
    release();
    await until(() => outbox.rounds === 3);
    await relay.stop();
    expect(sent).toEqual(['7']);
    expect(outbox.rounds).toBe(3);
  });

  it('leaves the rows while Kafka is not connected and says how many wait', async () => {
    const outbox = new FakeOutbox();
    outbox.rows = [row('1'), row('2')];
    const { relay, sent } = relayOver(outbox, { ready: () => false });
    expect(await relay.round()).toBe('not-ready');
    relay.start();
    await relay.stop();
    expect([sent, outbox.rounds]).toEqual([[], 0]);
    expect(relay.health()).toEqual({ ok: true, detail: '2 waiting, oldest 42s' });
  });

  it('reports a failed round without throwing, and names the failure', async () => {
    const outbox = new FakeOutbox();
    outbox.rows = [row('1')];
    outbox.failWith = new Error('PRODUCE_FAILED: broker gone');
    const { relay, sent } = relayOver(outbox);
    expect(await relay.round()).toBe('failed');
    relay.start();
    await relay.stop();
    expect(sent).toEqual([]);
    expect(relay.health().detail).toBe(
      '1 waiting, oldest 42s; last failure: PRODUCE_FAILED: broker gone',
    );
  });
});
