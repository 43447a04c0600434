/**
 * The look-up connector-http makes of a requester's store (the owner's key behind an ERP
 * record the hub wrote) is served by write_record_target_reference_idx, not by a walk of
 * every finished record.
 */
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';

let db: MigratedSchema;

beforeAll(async () => {
  db = await migratedSchema('idem-target-reference');
  await db.dataSource.query(`
    INSERT INTO "${db.schema.schema}"."write_record" (target, correlation_id, entity_type,
      entity_key, source_version, state, attempts, steps, result, created_at, updated_at)
    SELECT (ARRAY['odoo', 'business-central'])[1 + i % 2], 'c-' || i, 'inventory-level',
      'WH:SKU-' || i, i, 'succeeded', 1, '{}',
      jsonb_build_object('targetReference', 'stock.quant/' || i),
      now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
    FROM generate_series(1, 20000) AS i`);
  await db.dataSource.query(`ANALYZE "${db.schema.schema}"."write_record"`);
});

afterAll(() => db.close());

it('finds a succeeded write by its target reference through the index', async () => {
  const lookUp = `SELECT "entity_key" FROM "${db.schema.schema}"."write_record"
    WHERE "target" = $1 AND "entity_type" = $2 AND "state" = 'succeeded'
      AND "result"->>'targetReference' = $3
    ORDER BY "updated_at" DESC LIMIT 1`;
  const args = ['odoo', 'inventory-level', 'stock.quant/1234'];
  const plan = await db.dataSource.query<{ 'QUERY PLAN': string }[]>(
    `EXPLAIN (COSTS OFF) ${lookUp}`,
    args,
  );

  expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(
    /Index Scan using write_record_target_reference_idx/,
  );
  expect(await db.dataSource.query(lookUp, args)).toEqual([{ entity_key: 'WH:SKU-1234' }]);
});
