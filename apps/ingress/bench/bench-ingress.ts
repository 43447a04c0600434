/**
 * The real ingress, in-process, as main.ts builds it: config from the environment (local
 * stack defaults), a private Postgres schema, and its inventory-level topic redirected to
 * a private topic so the run does not flood the shared canonical topic.
 */
import { topics } from '@hub/contracts';
import { Client } from 'pg';
import { createIngressApp } from '../src/app/create-ingress-app';
import { ingressConfig } from '../src/app/ingress.config';

export interface BenchIngress {
  readonly url: string;
  close(): Promise<void>;
}

export function environment(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}

export async function startBenchIngress(
  secret: string,
  topic: string,
  schema: string,
): Promise<BenchIngress> {
  const config = ingressConfig.load({
    ...environment(),
    LOG_LEVEL: 'warn',
    INGRESS_DATABASE_SCHEMA: schema,
    INGRESS_SYSTEMS: JSON.stringify({ wms: { webhookSecret: secret } }),
  });
  const database = new Client({ connectionString: config.database.url });
  await database.connect();
  await database.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const ingress = await createIngressApp(config, {
    topicOverrides: { [topics.inventoryLevel]: topic },
  });
  await ingress.app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await ingress.app.getUrl()).replace('[::1]', '127.0.0.1');
  const deadline = Date.now() + 30_000;
  while ((await fetch(`${url}/readyz`)).status !== 200) {
    if (Date.now() > deadline) throw new Error('the ingress did not become ready within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    close: async () => {
      await ingress.close();
      await database.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await database.end();
    },
  };
}
