import { topics } from '@hub/contracts';
import { eventually, testEndpoints, testKafka, TopicCollector } from '@hub/testing';
import { Client } from 'pg';
import {
  ensureIngressTopics,
  ODOO_TOKEN,
  startIngress,
  type RunningIngress,
} from '../testing/ingress-harness';

const HUB_WRITER = 7;
const HUMAN = 2;

/** Each partition's end offset now: every acknowledged publish lies below it. */
async function endOffsets(topic: string): Promise<ReadonlyMap<number, bigint>> {
  const admin = testKafka('echo-offsets').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.offset)]));
  } finally {
    await admin.disconnect();
  }
}

/** Waits until `collector` has read every partition of `topic` up to its end now. */
async function readToEnd(collector: TopicCollector, topic: string): Promise<void> {
  const ends = await endOffsets(topic);
  const readUpTo = (partition: number): bigint =>
    collector.messages
      .filter((m) => m.partition === partition)
      .reduce((max, m) => (BigInt(m.offset) + 1n > max ? BigInt(m.offset) + 1n : max), 0n);
  await eventually(
    () => [...ends].every(([partition, end]) => end === 0n || readUpTo(partition) >= end),
    () => `${topic} not read to its end`,
  );
}

async function recordedKeys(running: RunningIngress): Promise<string[]> {
  const client = new Client({ connectionString: testEndpoints().databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ entity_key: string }>(
      `SELECT entity_key FROM "${running.schema.schema}".reverse_direction_writes`,
    );
    return rows.rows.map((row) => row.entity_key);
  } finally {
    await client.end();
  }
}

function metricValue(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

/** Odoo's automation rule on stock.quant with write_uid among its fields (load=None: an id). */
function quantWebhook(id: number, writeUid: number): string {
  return `{"_action": "Send Webhook Notification(#62)", "_id": ${String(id)}, "_model": "stock.quant", "quantity": 17.0, "write_date": "2026-12-04 23:40:00", "write_uid": ${String(writeUid)}}`;
}

describe("the echo of the hub's own write (INGRESS_SYSTEMS hubWriterUsers; real Kafka, Postgres)", () => {
  let running: RunningIngress;

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress({
      INGRESS_SYSTEMS: JSON.stringify({
        wms: { webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
        odoo: { token: ODOO_TOKEN, hubWriterUsers: [String(HUB_WRITER)] },
      }),
    });
    for (let i = 0; i < 100 && (await fetch(`${running.url}/readyz`)).status !== 200; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
  });

  afterAll(async () => {
    await running.stop();
  });

  const post = async (body: string) => {
    const response = await fetch(`${running.url}/webhooks/odoo/odoo/${ODOO_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers a hub write 200 without a change request or a record; a hand edit stays 403 + one change request', async () => {
    const base = 100_000 + Math.floor(Math.random() * 1_000_000_000);
    const echoKey = `stock.quant/${String(base)}`;
    const handKey = `stock.quant/${String(base + 1)}`;
    const collector = await TopicCollector.start(topics.changeRequest);

    const echo = await post(quantWebhook(base, HUB_WRITER));
    const hand = await post(quantWebhook(base + 1, HUMAN));

    // Both answers came after any publish was acknowledged: the topic's end covers them.
    await readToEnd(collector, topics.changeRequest).finally(() => collector.stop());
    const published = collector.messages.map((m) => m.key);
    const metrics = await (await fetch(`${running.adminUrl}/metrics`)).text();
    const labels = 'system="odoo",entity_type="inventory-level"';
    // One comparison, so that a failure shows every difference at once.
    expect({
      echo: [echo.status, echo.body.status, echo.body.reason],
      hand: [hand.status, hand.body.type, hand.body.changeRequestForwarded],
      changeRequests: {
        echo: published.filter((key) => key === echoKey).length,
        hand: published.filter((key) => key === handKey).length,
      },
      recorded: await recordedKeys(running),
      echoesMetric: metricValue(metrics, 'hub_ingress_echoes_total', labels),
      reverseDirectionMetric: metricValue(metrics, 'hub_reverse_direction_writes_total', labels),
    }).toEqual({
      echo: [200, 'ignored', 'hub-echo'],
      hand: [403, 'urn:hub:problem:reverse-direction-write', true],
      changeRequests: { echo: 0, hand: 1 },
      recorded: [handKey],
      echoesMetric: 1,
      reverseDirectionMetric: 1,
    });
    expect(echo.body.detail).toMatch(/hub's own write/);
  });

  it('refuses a notification that names no writer as before (403, change request forwarded)', async () => {
    const id = 100_000 + Math.floor(Math.random() * 1_000_000_000);
    const answer = await post(
      `{"_action": "Send Webhook Notification(#62)", "_id": ${String(id)}, "_model": "stock.quant", "quantity": 3.0}`,
    );
    expect([answer.status, answer.body.changeRequestForwarded]).toEqual([403, true]);
  });
});
