import { buildEnvelope, type SourceNotificationEvent } from '@hub/contracts';
import { PermanentError, TransientError } from '@hub/resilience';
import type { FetchResult, ReadAdapter, SourceRecord } from '../adapter/erp-adapter';
import {
  RecordingSender,
  TARGET,
  fixedIdentity,
  jsonSerde,
  silentLogger,
  unitPolicy,
  unitTopics,
} from '../testing/unit-fakes';
import { handleNotification, type NotificationHandlerDeps } from './notification-flow';
import { RecordPublisher } from './record-publisher';

const order: SourceRecord = {
  entityType: 'purchase-order',
  sourceRecordId: '7',
  sourceVersion: 5_000,
  payload: {
    poNumber: 'PO-7',
    supplierId: 'V1',
    status: 'confirmed',
    currency: 'EUR',
    lines: [],
    company: null,
  },
};

function notification(sourceSystem = TARGET): SourceNotificationEvent {
  const envelope = buildEnvelope(
    {
      correlationId: 'c1-n',
      entityType: 'purchase-order',
      entityKey: '7',
      sourceSystem,
      sourceRecordId: '7',
      sourceVersion: 5_000,
    },
    fixedIdentity,
  );
  return {
    ...envelope,
    payload: {
      changeKind: 'updated',
      resource: 'purchase.order/7',
      sourceEventId: null,
      receivedAt: 5_000,
      attributes: {},
    },
  };
}

function setup(answers: (FetchResult | Error)[]) {
  const sender = new RecordingSender();
  const sleeps: number[] = [];
  const fetch = jest.fn(() => {
    const next = answers.shift() ?? { kind: 'skip', reason: 'none' };
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  });
  const adapter: ReadAdapter = {
    reads: ['purchase-order'],
    fetch,
    sweep: () => Promise.reject(new Error('unused')),
  };
  const deps: NotificationHandlerDeps = {
    system: TARGET,
    adapter,
    gate: { call: (_op, work) => work() },
    publisher: new RecordPublisher({
      system: TARGET,
      policy: unitPolicy(),
      serde: jsonSerde,
      identity: fixedIdentity,
      topics: unitTopics,
      sender,
      logger: silentLogger,
    }),
    notFoundDelays: [10, 20],
    logger: silentLogger,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };
  return { deps, sender, fetch, sleeps };
}

const signal = new AbortController().signal;

describe('handleNotification', () => {
  it('publishes what the fetch found on its canonical topic, keyed by entity key', async () => {
    const { deps, sender } = setup([{ kind: 'found', records: [order] }]);
    await expect(handleNotification(deps, notification(), signal)).resolves.toBe('published');
    const [message] = sender.sent;
    expect(message?.topic).toBe('erp.purchase-order.v1');
    expect(message?.key).toBe('PO-7');
    expect(message?.headers).toMatchObject({
      'hub-source-system': TARGET,
      'hub-entity-type': 'purchase-order',
      'hub-source-version': '5000',
    });
  });

  it('ignores notifications of other systems without fetching', async () => {
    const { deps, fetch } = setup([]);
    await expect(handleNotification(deps, notification('wms'), signal)).resolves.toBe('ignored');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('fetches again after each delay while the record is not visible, then leaves it to the sweep', async () => {
    const found = setup([{ kind: 'not-yet' }, { kind: 'found', records: [order] }]);
    await expect(handleNotification(found.deps, notification(), signal)).resolves.toBe('published');
    expect(found.sleeps).toEqual([10]);
    const never = setup([{ kind: 'not-yet' }, { kind: 'not-yet' }, { kind: 'not-yet' }]);
    await expect(handleNotification(never.deps, notification(), signal)).resolves.toBe('not-found');
    expect(never.sleeps).toEqual([10, 20]);
    expect(never.fetch).toHaveBeenCalledTimes(3);
  });

  it('publishes nothing for a skip, throws a transient failure (retry in place), logs a permanent one', async () => {
    await expect(
      handleNotification(setup([{ kind: 'skip', reason: 'draft' }]).deps, notification(), signal),
    ).resolves.toBe('skipped');
    await expect(
      handleNotification(setup([new TransientError('DOWN', 'down')]).deps, notification(), signal),
    ).rejects.toThrow('down');
    await expect(
      handleNotification(
        setup([new PermanentError('DENIED', 'access')]).deps,
        notification(),
        signal,
      ),
    ).resolves.toBe('failed');
  });

  it('does not publish a type the system does not own', async () => {
    const receipt: SourceRecord = {
      entityType: 'inventory-level',
      sourceRecordId: 'x',
      sourceVersion: 1,
      payload: { sku: 'S', warehouse: 'W', quantityOnHand: '1', unitOfMeasure: 'PCS', asOf: 1 },
    };
    const { deps, sender } = setup([{ kind: 'found', records: [receipt] }]);
    await handleNotification(deps, notification(), signal);
    expect(sender.sent).toHaveLength(0);
  });
});
