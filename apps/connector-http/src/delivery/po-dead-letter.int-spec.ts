/**
 * End to end on the real stack: an endpoint that refuses a purchase order with a 4xx other
 * than 408/410/425/429 → the dead-letter topic with a readable reason, and an outcome. The
 * simulator's WMS has no "400" fault, so a small Standard Webhooks receiver answers here.
 */
import { systemEventIdentity } from '@hub/contracts';
import { uniqueName } from '@hub/testing';
import { startConnector, type RunningConnector } from '../testing/connector-http-harness';
import { about, decoders } from '../testing/outcomes';
import { purchaseOrderEvent } from '../testing/purchase-orders';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver';
import { readTopic, type TopicReader } from '../testing/topic-reader';

const SECRET = 'whsec_dGVzdC13bXMtcmVjZWl2ZS1zZWNyZXQtMTIz';
const decode = decoders();

let receiver: TestReceiver;
let running: RunningConnector;
let deadLetters: TopicReader;
let outcomes: TopicReader;

beforeAll(async () => {
  receiver = await startTestReceiver(SECRET);
  running = await startConnector({
    wms: { url: receiver.url, secret: SECRET, timeout: '2s', entityTypes: ['purchase-order'] },
  });
  deadLetters = await readTopic(running.topics.deadLetters);
  outcomes = await readTopic(running.topics.outcomes);
});

afterAll(async () => {
  await deadLetters.close();
  await outcomes.close();
  await running.stop();
  await receiver.close();
});

describe('purchase orders the endpoint refuses', () => {
  it('400 → dead letter with the endpoint answer, outcome failed_permanent, no retry', async () => {
    receiver.script({ status: 400, body: 'unknown supplier V-300' });
    const order = purchaseOrderEvent(uniqueName('PO').toUpperCase(), {
      identity: systemEventIdentity,
    });
    await running.publish(order);

    const letters = await deadLetters.until((all) => about(all, order.correlationId).length > 0);
    const [letter] = await Promise.all(about(letters, order.correlationId).map(decode.deadLetter));
    expect(letter?.payload).toMatchObject({
      target: running.system,
      reason: 'permanent_failure',
      originalEventId: order.eventId,
      attempts: [
        {
          attempt: 1,
          failure: {
            code: 'HTTP_CLIENT_ERROR',
            errorClass: 'permanent',
            httpStatus: 400,
            message: 'Endpoint wms: HTTP 400: unknown supplier V-300',
          },
        },
      ],
    });

    const reported = await outcomes.until((all) => about(all, order.correlationId).length > 0);
    const [outcome] = await Promise.all(about(reported, order.correlationId).map(decode.outcome));
    expect(outcome?.payload).toMatchObject({
      outcome: 'failed_permanent',
      failure: { code: 'HTTP_CLIENT_ERROR', httpStatus: 400 },
    });
    expect(receiver.attempts.filter((a) => a.webhookId === order.correlationId)).toEqual([
      { webhookId: order.correlationId, status: 400 },
    ]);
  });
});
