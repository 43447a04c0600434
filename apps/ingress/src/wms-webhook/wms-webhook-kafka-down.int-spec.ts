import { uniqueName } from '@hub/testing';
import { startIngress, WMS_SECRET, type RunningIngress } from '../testing/ingress-harness';
import { inventoryDelivery, post, signDelivery } from '../testing/wms-fixtures';

// Kafka at 127.0.0.1:1: the publisher's broker probe finds nothing listening and never starts
// a kafkajs connect, whose retry timers cannot be cancelled (jest would wait for them).
describe('POST /webhooks/wms/:systemId with Kafka unreachable', () => {
  let running: RunningIngress;

  beforeAll(async () => {
    running = await startIngress({ KAFKA_BROKERS: '127.0.0.1:1' });
  });

  afterAll(async () => {
    await running.stop();
  });

  it('answers 503 with Retry-After and is not ready', async () => {
    const answer = await post(
      `${running.url}/webhooks/wms/wms`,
      signDelivery(WMS_SECRET, JSON.stringify(inventoryDelivery(uniqueName('SKU')))),
    );
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe('5');
    expect(answer.body.type).toBe('urn:hub:problem:kafka-unavailable');
    expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toContain(
      'hub_ingress_rejected_total{system="wms",reason="kafka-unavailable"} 1',
    );
    expect(metrics).not.toContain('hub_ingress_accepted_total{');
  });
});
