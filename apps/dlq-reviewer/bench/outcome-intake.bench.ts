/**
 * The reviewer's outcome intake on the local Postgres, in a fresh schema (dropped
 * afterwards): N outcomes of the main flow (no item matches them, as nearly every outcome on
 * the topic) handed over one at a time (--slice 1: an UPDATE each, as before) or in slices
 * (one lookup each). Prints this process's and Postgres's CPU per 1,000 outcomes.
 *
 *   npx tsx apps/dlq-reviewer/bench/outcome-intake.bench.ts [--count 5000] [--slice 100]
 */
import { systemEventIdentity, type DeliveryOutcomeEvent } from '@hub/contracts';
import { deliveryOutcomeEvent } from '@hub/delivery-protocol';
import type { ConsumedMessage, RawHeaders } from '@hub/messaging';
import { createLogger } from '@hub/observability';
import { createTestSchema, postgresCpuMs } from '@hub/testing';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  outcomeBatchHandler,
  outcomeHandler,
  retryingItems,
} from '../src/ingestion/outcome-following';
import { ItemStore } from '../src/store/item-store';
import { createReviewerDataSource } from '../src/store/reviewer-data-source';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5000' },
    slice: { type: 'string', default: '100' },
  },
});
const count = Number(values.count);
const slice = Number(values.slice);
// The schema helper reads the stack's endpoints as the test tiers' global setup leaves them.
process.env['KAFKA_BROKERS'] ??= '127.0.0.1:9092';
process.env['SCHEMA_REGISTRY_URL'] ??= 'http://127.0.0.1:8081/apis/ccompat/v7';
process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/hub';

function outcome(offset: number): ConsumedMessage<DeliveryOutcomeEvent, RawHeaders> {
  const delivered = {
    eventId: randomUUID(),
    correlationId: `c1-${randomUUID()}`,
    entityType: 'inventory-level' as const,
    entityKey: `WH1:SKU-${offset}`,
    sourceSystem: 'wms',
    sourceRecordId: String(offset),
    sourceVersion: Date.now(),
    publishedAt: Date.now(),
  };
  const value = deliveryOutcomeEvent(
    { delivered, target: 'odoo', outcome: 'succeeded', attempt: 1, targetCalled: true },
    systemEventIdentity,
  );
  return {
    topic: 'hub.delivery-outcome.v1',
    partition: 0,
    offset: String(offset),
    key: delivered.entityKey,
    headers: {},
    value,
    rawHeaders: {},
    timestamp: String(Date.now()),
  };
}

async function main(): Promise<void> {
  const schema = await createTestSchema('bench_reviewer_outcomes');
  const dataSource = createReviewerDataSource(schema.databaseUrl, schema.schema);
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
    const store = new ItemStore(dataSource);
    const logger = createLogger({ service: 'reviewer-outcome-bench', level: 'silent' });
    const now = (): number => Date.now();
    const one = outcomeHandler(store, () => undefined, logger, now);
    const many = outcomeBatchHandler(
      store,
      retryingItems(dataSource),
      () => undefined,
      logger,
      now,
    );
    const outcomes = Array.from({ length: count }, (_, offset) => outcome(offset));
    const signal = new AbortController().signal;
    const cpuBefore = process.cpuUsage();
    const postgresBefore = postgresCpuMs();
    const started = performance.now();
    if (slice === 1) for (const message of outcomes) await one(message);
    else
      for (let start = 0; start < count; start += slice)
        await many(outcomes.slice(start, start + slice), { signal });
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const postgresMs = postgresCpuMs() - postgresBefore;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'dlq-reviewer outcome intake',
        count,
        slice,
        outcomesPerSecond: Math.round((count / elapsedMs) * 1000),
        cpuMsPer1000: Math.round(((cpu.user + cpu.system) / 1000 / count) * 1000),
        postgresCpuMsPer1000: Math.round((postgresMs / count) * 1000),
      })}\n`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await schema.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
