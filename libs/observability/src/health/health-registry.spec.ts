import { connectedCheck, pingCheck } from './check-factories';
import { HealthRegistry } from './health-registry';

const never = () => new Promise<boolean>(() => undefined);

describe('HealthRegistry', () => {
  it('is live whatever its dependencies say', () => {
    const health = new HealthRegistry();
    health.register('kafka', () => false);
    expect(health.liveness()).toEqual({ status: 'up' });
  });

  it('is ready when every check passes, and with no checks at all', async () => {
    const health = new HealthRegistry();
    expect(await health.readiness()).toEqual({ status: 'ready', checks: {} });
    health.register('kafka', () => true);
    health.register('postgres', () => Promise.resolve({ ok: true, detail: 'select 1' }));
    expect(await health.readiness()).toEqual({
      status: 'ready',
      checks: { kafka: { ok: true }, postgres: { ok: true, detail: 'select 1' } },
    });
  });

  it('reports a failing, throwing or rejecting check as not ready, with its reason', async () => {
    const health = new HealthRegistry();
    health.register('kafka', () => true);
    health.register('flag', () => false);
    health.register('throws', () => {
      throw new Error('pool exhausted');
    });
    health.register('rejects', () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:5432')));
    expect(await health.readiness()).toEqual({
      status: 'not-ready',
      checks: {
        kafka: { ok: true },
        flag: { ok: false },
        throws: { ok: false, detail: 'pool exhausted' },
        rejects: { ok: false, detail: 'ECONNREFUSED 127.0.0.1:5432' },
      },
    });
  });

  it('bounds a slow check by its timeout while the others still report', async () => {
    const health = new HealthRegistry();
    health.register('erp', never, { timeoutMs: 20 });
    health.register('postgres', () => true);
    expect(await health.readiness()).toEqual({
      status: 'not-ready',
      checks: { erp: { ok: false, detail: 'timed out after 20ms' }, postgres: { ok: true } },
    });
  });

  it('uses the default timeout when none is given', async () => {
    const health = new HealthRegistry(15);
    health.register('hung', never);
    expect((await health.readiness()).checks.hung).toEqual({
      ok: false,
      detail: 'timed out after 15ms',
    });
  });

  it('refuses a second check under the same name and a non-positive timeout', () => {
    const health = new HealthRegistry();
    health.register('kafka', () => true);
    expect(() => {
      health.register('kafka', () => true);
    }).toThrow(expect.objectContaining({ code: 'HEALTH_CHECK_DUPLICATE' }) as Error);
    expect(() => {
      health.register('pg', () => true, { timeoutMs: 0 });
    }).toThrow(expect.objectContaining({ code: 'HEALTH_CHECK_INVALID' }) as Error);
  });

  it('turns not-ready once shutdown begins', async () => {
    const health = new HealthRegistry();
    health.register('kafka', () => true);
    health.beginShutdown();
    expect(await health.readiness()).toEqual({
      status: 'not-ready',
      checks: { kafka: { ok: true }, shutdown: { ok: false, detail: 'shutting down' } },
    });
  });
});

describe('check factories', () => {
  it('connectedCheck follows the flag it is given', async () => {
    let connected = false;
    const health = new HealthRegistry();
    health.register(
      'kafka',
      connectedCheck(() => connected, 'connected to the brokers'),
    );
    expect((await health.readiness()).checks.kafka).toEqual({
      ok: false,
      detail: 'not connected to the brokers',
    });
    connected = true;
    expect((await health.readiness()).checks.kafka).toEqual({
      ok: true,
      detail: 'connected to the brokers',
    });
  });

  it('pingCheck passes when the ping resolves and reports its rejection', async () => {
    let fail = true;
    const query = (sql: string) =>
      fail
        ? Promise.reject(new Error(`${sql}: connection terminated`))
        : Promise.resolve([{ '?column?': 1 }]);
    const health = new HealthRegistry();
    health.register(
      'postgres',
      pingCheck(() => query('select 1')),
    );
    expect((await health.readiness()).checks.postgres).toEqual({
      ok: false,
      detail: 'select 1: connection terminated',
    });
    fail = false;
    expect((await health.readiness()).checks.postgres).toEqual({ ok: true });
  });
});
