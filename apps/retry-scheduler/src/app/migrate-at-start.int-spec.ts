import { afterAll, describe, expect, it } from '@jest/globals';
import { testEndpoints } from '@hub/testing';
import { Client } from 'pg';
import { schedulerDeployment, type SchedulerDeployment } from '../testing/scheduler-harness';
import { retrySchedulerConfig } from './retry-scheduler.config';
import { migrateRetryScheduler } from './scheduler-migrations';

async function tablesIn(schema: string): Promise<string[]> {
  const client = new Client({ connectionString: testEndpoints().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
      [schema],
    );
    return rows.map((row) => row.table_name);
  } finally {
    await client.end();
  }
}

describe('retry scheduler with DATABASE_MIGRATE_AT_START=false', () => {
  let deployment: SchedulerDeployment | undefined;
  afterAll(async () => {
    await deployment?.drop();
  });

  it('refuses an empty schema naming the migrate command, and starts once migrate ran', async () => {
    const started = await schedulerDeployment([{ id: 'odoo' }], {
      DATABASE_MIGRATE_AT_START: 'false',
    });
    deployment = started;

    await expect(started.start()).rejects.toThrow(
      /tables in schema "[a-z0-9_]+" are missing or behind \(pending migrations: CreateRetrySchedule1764240000000, OperatorRetries1764900000000, ScheduleStep1796342400000, PulledForward1796428800000\).*`npm run migrate -- retry-scheduler`/,
    );
    expect(await tablesIn(started.schema.schema)).toEqual([]);

    await migrateRetryScheduler(retrySchedulerConfig.load(started.env));
    expect(await tablesIn(started.schema.schema)).toEqual(
      expect.arrayContaining(['retry_schedule', 'retry_scheduler_migrations']),
    );
    const running = await started.start();
    try {
      const ready = await fetch(`${running.url}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      await running.stop();
    }
  });
});
