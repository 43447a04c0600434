/**
 * Steps the change-request integration tests share, on the real stack: the connector's
 * verdict counts from its /metrics, waiting for the owner's state of a key, and the hub's
 * own write of a requester's record (what connector-odoo records when it writes a count to
 * an Odoo quant), through which a thin notification is resolved to the owner's key.
 */
import { changeRequestTarget, type CanonicalEvent } from '@hub/contracts';
import { testEndpoints } from '@hub/testing';
import { Client } from 'pg';
import type { RunningConnector } from '../../testing/connector-http-harness';

async function query(sql: string, values: readonly unknown[]): Promise<unknown[]> {
  const client = new Client({ connectionString: testEndpoints().databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, [...values])).rows as unknown[];
  } finally {
    await client.end();
  }
}

/** hub_change_requests_total of the connector's change-request target, by outcome. */
export async function changeRequestCounts(
  running: RunningConnector,
): Promise<Record<string, number>> {
  const text = await (await fetch(`${running.url}/metrics`)).text();
  const target = changeRequestTarget(running.system);
  const line = /^hub_change_requests_total\{target="([^"]+)",outcome="([^"]+)"\} (\d+)$/;
  const counts: Record<string, number> = {};
  for (const found of text.split('\n').map((l) => line.exec(l)))
    if (found?.[1] === target) counts[found[2] ?? ''] = Number(found[3]);
  return counts;
}

export async function ownerStateRecorded(schema: string, key: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rows = await query(`SELECT 1 FROM "${schema}"."owner_ledger" WHERE entity_key = $1`, [
      key,
    ]);
    if (rows.length > 0) return;
    if (Date.now() > deadline) throw new Error(`owner state of ${key} never recorded`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The hub's succeeded write of `count` to the requester's record `quant` (target odoo). */
export async function hubWroteRecord(
  schema: string,
  count: CanonicalEvent<'inventory-level'>,
  quant: string,
): Promise<void> {
  await query(
    `INSERT INTO "${schema}"."write_record" ("target", "correlation_id", "entity_type",
       "entity_key", "source_version", "state", "attempts", "steps", "result", "created_at", "updated_at")
     VALUES ('odoo', $1, 'inventory-level', $2, $3, 'succeeded', 1, '{}', $4, now(), now())`,
    [
      count.correlationId,
      count.entityKey,
      count.sourceVersion,
      JSON.stringify({ targetReference: quant }),
    ],
  );
}
