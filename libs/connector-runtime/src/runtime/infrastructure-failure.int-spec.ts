import { Client } from 'pg';
import { FakeWriteAdapter } from '../testing/fake-write-adapter';
import { RuntimeHarness } from '../testing/runtime-harness';
import { TopicCollector, eventually } from '@hub/testing';

describe('connector runtime when Postgres fails (real stack; fake target)', () => {
  const harness = new RuntimeHarness();
  const adapter = new FakeWriteAdapter();
  let outcomes: TopicCollector;
  let sql: Client;

  beforeAll(async () => {
    await harness.start({ write: adapter });
    outcomes = await TopicCollector.start(harness.topics.deliveryOutcome);
    sql = new Client({ connectionString: (await harness.databaseSchema()).databaseUrl });
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    await outcomes.stop();
    await harness.close();
  });

  it('retries the event in place until the store answers again: nothing skipped, nothing written twice', async () => {
    const { schema } = await harness.databaseSchema();
    // The idempotency store "goes away": its table cannot be found.
    await sql.query(`ALTER TABLE "${schema}"."write_record" RENAME TO "write_record_away"`);
    const event = harness.inventory('SKU-PG', '4', 1_000);
    await harness.publish([event]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(adapter.applyCalls).toHaveLength(0);
    expect(outcomes.messages).toHaveLength(0);

    await sql.query(`ALTER TABLE "${schema}"."write_record_away" RENAME TO "write_record"`);
    await eventually(
      () => outcomes.messages.length === 1,
      () => 'no outcome after Postgres came back',
    );
    expect((await harness.decode(outcomes.messages[0]?.value ?? null))['payload']).toMatchObject({
      outcome: 'succeeded',
    });
    expect(adapter.appliesOf(event.correlationId)).toBe(1);
  });
});
