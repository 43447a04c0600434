/**
 * The listening connection needs a session: behind a transaction-mode PgBouncer the pool's
 * URL cannot carry it, so RETRY_LISTEN_DATABASE_URL names another one. Which URL the app
 * used is seen in Postgres itself: the backend whose last statement is the LISTEN on this
 * deployment's channel, and the application_name its URL gave it.
 */
import { testEndpoints, uniqueName } from '@hub/testing';
import { Client } from 'pg';
import { dueChannel } from '../store/due-notice';
import { schedulerDeployment, type SchedulerDeployment } from '../testing/scheduler-harness';

interface Listener {
  readonly application_name: string;
}

async function listenersOn(channel: string): Promise<Listener[]> {
  const client = new Client({ connectionString: testEndpoints().databaseUrl });
  await client.connect();
  try {
    const result = await client.query<Listener>(
      `SELECT application_name FROM pg_stat_activity WHERE query = $1`,
      [`LISTEN "${channel}"`],
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

function withApplicationName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', name);
  return url.toString();
}

describe('retry-scheduler: the listening connection', () => {
  const deployments: SchedulerDeployment[] = [];
  afterAll(async () => {
    await Promise.all(deployments.map((deployment) => deployment.drop()));
  });

  async function listenersOf(env: Record<string, string>): Promise<Listener[]> {
    const deployment = await schedulerDeployment([{ id: uniqueName('listen') }], env);
    deployments.push(deployment);
    const running = await deployment.start();
    try {
      const channel = dueChannel(deployment.schema.schema);
      // The LISTEN is sent once the app has started; allow it a moment on a busy machine.
      for (let tries = 0; tries < 50; tries += 1) {
        const found = await listenersOn(channel);
        if (found.length > 0) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [];
    } finally {
      await running.stop();
    }
  }

  it('LISTENs on RETRY_LISTEN_DATABASE_URL when it is set', async () => {
    const name = uniqueName('retry-listen');
    const listeners = await listenersOf({
      RETRY_LISTEN_DATABASE_URL: withApplicationName(testEndpoints().databaseUrl, name),
    });
    expect(listeners).toEqual([{ application_name: name }]);
  });

  it('LISTENs on DATABASE_URL when RETRY_LISTEN_DATABASE_URL is not set', async () => {
    const name = uniqueName('retry-pool');
    const listeners = await listenersOf({
      DATABASE_URL: withApplicationName(testEndpoints().databaseUrl, name),
    });
    expect(listeners).toEqual([{ application_name: name }]);
  });
});
