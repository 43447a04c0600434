/**
 * The retry intake on the real Postgres (Kafka only for the test's writes): a slice of the retry topic is one
 * transaction, nothing of a failed slice is kept, a slice read again inserts nothing twice,
 * and each committed slice wakes the target's loops of every replica once.
 */
import { createLogger } from '@hub/observability';
import { createTestSchema, uniqueName, type TestSchema } from '@hub/testing';
import { Client, escapeIdentifier, type Notification } from 'pg';
import type { DataSource } from 'typeorm';
import { retryTopic } from '@hub/contracts';
import { retrySchedulerConfig } from '../app/retry-scheduler.config';
import { schedulerPolicies } from '../app/target-policies';
import { ensureBreakerRows } from '../store/breaker-store';
import { dueChannel } from '../store/due-notice';
import { openSchedulerDataSource } from '../store/scheduler-data-source';
import { FakeConnector } from '../testing/fake-connector';
import { consumedRetry } from '../testing/retry-messages';
import { RetryIntake } from './retry-intake';

const target = `t-${uniqueName('intake')}`;

describe('retry intake: one transaction per slice', () => {
  let schema: TestSchema;
  let dataSource: DataSource;
  let intake: RetryIntake;
  let listener: Client;
  let connector: FakeConnector;
  const notices: Notification[] = [];
  /** This process's loops woken after a commit (not only through NOTIFY). */
  const wokenHere: string[] = [];

  beforeAll(async () => {
    schema = await createTestSchema('retry_intake');
    // Only for its writes (bytes and hub headers as the main flow carries them).
    connector = await FakeConnector.start();
    dataSource = await openSchedulerDataSource(schema.databaseUrl, schema.schema);
    const policies = schedulerPolicies(
      retrySchedulerConfig.load({
        RETRY_TARGETS: JSON.stringify({ targets: [{ id: target }] }),
        RETRY_SCHEDULE: '1m',
      }),
    );
    await ensureBreakerRows(dataSource, [...policies.targets.values()], Date.now());
    intake = new RetryIntake(
      dataSource,
      policies,
      new Map([[retryTopic(target), target]]),
      { now: () => Date.now() },
      createLogger({ service: 'retry-intake-test', level: 'silent' }),
      (woken) => {
        wokenHere.push(woken);
      },
    );
    listener = new Client({ connectionString: schema.databaseUrl });
    await listener.connect();
    listener.on('notification', (notice) => notices.push(notice));
    await listener.query(`LISTEN ${escapeIdentifier(dueChannel(schema.schema))}`);
  });

  afterAll(async () => {
    await listener.end();
    await connector.close();
    await dataSource.destroy();
    await schema.drop();
  });

  const rowsOf = async (): Promise<{ event_id: string }[]> =>
    dataSource.query(`SELECT event_id FROM retry_schedule WHERE target = $1 ORDER BY id`, [target]);

  /** Until the notices of committed transactions have arrived. */
  const settle = (): Promise<void> =>
    new Promise((resolve) => {
      setTimeout(resolve, 200);
    });

  it('takes in a slice of 20 retries in five round trips (begin, locks, paused time, insert, commit)', async () => {
    const slice = Array.from({ length: 20 }, () => consumedRetry(connector.write(), target));
    const sent = jest.spyOn(Client.prototype, 'query');
    notices.length = 0;
    wokenHere.length = 0;
    try {
      await intake.handleBatch(slice);
      // One message at a time, it was those five per retry: 100.
      expect(sent.mock.calls.length).toBe(5);
    } finally {
      sent.mockRestore();
    }
    const rows = await rowsOf();
    expect(rows.map((row) => row.event_id)).toEqual(
      slice.map((message) => message.headers.eventId),
    );
    await settle();
    expect(notices.map((notice) => notice.payload)).toEqual([target]);
    expect(wokenHere).toEqual([target]);
  });

  it('keeps nothing of a slice whose transaction fails, and the slice again inserts each row once', async () => {
    const slice = Array.from({ length: 5 }, () => consumedRetry(connector.write(), target));
    const doomed = slice[3]?.headers.eventId ?? '';
    const before = (await rowsOf()).length;
    await dataSource.query(`
      CREATE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'disk full'; END $$;
      CREATE TRIGGER refuse_doomed BEFORE INSERT ON retry_schedule
        FOR EACH ROW WHEN (NEW.event_id = '${doomed}') EXECUTE FUNCTION refuse_doomed();`);
    notices.length = 0;
    wokenHere.length = 0;
    await expect(intake.handleBatch(slice)).rejects.toThrow('disk full');
    expect(await rowsOf()).toHaveLength(before);
    await dataSource.query(`DROP TRIGGER refuse_doomed ON retry_schedule`);

    await intake.handleBatch(slice);
    await intake.handleBatch(slice);
    // The same message twice in one slice (a producer's retry) is one row too.
    const again = slice[0];
    if (again !== undefined) await intake.handleBatch([again, { ...again, offset: 'next' }]);

    const events = (await rowsOf()).map((row) => row.event_id);
    expect(events).toHaveLength(before + slice.length);
    expect(events.slice(before)).toEqual(slice.map((message) => message.headers.eventId));
    await settle();
    // The failed slice notified nobody; the slice that inserted did; the no-ops did not.
    expect(notices.map((notice) => notice.payload)).toEqual([target]);
    expect(wokenHere).toEqual([target]);
  });
});
