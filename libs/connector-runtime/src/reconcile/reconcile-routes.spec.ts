/**
 * POST /reconciliation/run/:level and its scope, on the real routes (Nest on Fastify, body
 * parsing left to Fastify as in a connector app); the reconciliation behind them records
 * what it was asked to run.
 */
import type { KeyScope } from '@hub/reconciliation';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { silentLogger } from '../testing/unit-fakes';
import { ReconcileOperator } from './reconcile-operator';
import { reconcileRoutesModule } from './reconcile-routes';
import type { ReconcileLevel, Reconciliation } from './reconciliation';

const TOKEN = 'reconcile-admin-token-0123456789';

describe('the reconciliation run route', () => {
  const asked: [ReconcileLevel, KeyScope | undefined][] = [];
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const reconciliation = {
      options: {
        system: 'odoo',
        autoRepair: false,
        entityTypes: ['inventory-level'],
        drift: { summary: () => Promise.resolve([]) },
      },
      levels: () => ['L0', 'L3'],
      runAll: (level: ReconcileLevel, _signal: AbortSignal, scope?: KeyScope) => {
        asked.push([level, scope]);
        return Promise.resolve([]);
      },
    } as unknown as Reconciliation;
    const operator = new ReconcileOperator(reconciliation);
    const module = reconcileRoutesModule(
      { operator: () => operator, token: TOKEN, signal: new AbortController().signal },
      silentLogger,
    );
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest types its options bag as a class
    app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
      bodyParser: false,
      logger: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const post = async (level: string, body?: unknown) => {
    const response = await app.inject({
      method: 'POST',
      url: `/reconciliation/run/${level}`,
      headers: { authorization: `Bearer ${TOKEN}` },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    return {
      status: response.statusCode,
      type: response.headers['content-type'],
      detail: String(response.json<Record<string, unknown>>()['detail']),
    };
  };

  it('runs an L3 within a warehouse or a key range, and a whole pass without a body', async () => {
    asked.length = 0;
    expect((await post('L3', { warehouse: 'WH-EAST' })).status).toBe(200);
    expect((await post('L3', { fromKey: 'WH-EAST:SKU-1', toKey: 'WH-EAST:SKU-5' })).status).toBe(
      200,
    );
    expect((await post('L3')).status).toBe(200);
    expect((await post('L0', {})).status).toBe(200);
    expect(asked).toEqual([
      ['L3', { fromKey: 'WH-EAST:', toKey: 'WH-EAST:\uffff' }],
      ['L3', { fromKey: 'WH-EAST:SKU-1', toKey: 'WH-EAST:SKU-5' }],
      ['L3', undefined],
      ['L0', undefined],
    ]);
  });

  it('refuses a bad scope with a 400 problem saying why, and runs nothing', async () => {
    asked.length = 0;
    const both = await post('L3', { warehouse: 'WH-EAST', fromKey: 'A' });
    expect(both.status).toBe(400);
    expect(both.type).toContain('application/problem+json');
    expect(both.detail).toContain('not both');
    expect((await post('L3', { fromKey: 'B', toKey: 'A' })).detail).toContain(
      'toKey must not sort before fromKey',
    );
    expect((await post('L3', { sku: 'SKU-1' })).status).toBe(400);
    expect((await post('L3', ['WH-EAST'])).status).toBe(400);
    const onL0 = await post('L0', { warehouse: 'WH-EAST' });
    expect(onL0.status).toBe(400);
    expect(onL0.detail).toContain('applies to L3 only');
    expect(asked).toEqual([]);
  });
});
