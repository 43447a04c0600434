import { defineConfig, hubServiceSettings, withDefaults } from '@hub/config';
import { defaultTargetControl } from '@hub/contracts';
import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import type {
  ConnectorRuntime,
  ConnectorRuntimeOptions,
} from '../runtime/connector-runtime-options';
import { connectorRuntimeSettings } from '../settings/connector-runtime-settings';
import { FakeWriteAdapter } from '../testing/fake-write-adapter';
import { unitPolicy } from '../testing/unit-fakes';
import type { ConnectorProtocol } from './connector-app-options';
import { connectorAppSettings } from './connector-app-settings';
import { createConnectorApp } from './create-connector-app';

const definition = defineConfig({
  ...hubServiceSettings('connector-test'),
  connector: withDefaults(connectorRuntimeSettings, { systemId: 'odoo' }),
  ...connectorAppSettings({ env: 'TEST_PORT', default: '3999', description: 'port' }),
});
const config = definition.load({ LOG_LEVEL: 'silent', KAFKA_BROKERS: '127.0.0.1:1' });

function fakeRuntime(steps: string[], options: { failStart?: Error } = {}) {
  const seen: ConnectorRuntimeOptions[] = [];
  let running = false;
  const create = (runtimeOptions: ConnectorRuntimeOptions): ConnectorRuntime => {
    seen.push(runtimeOptions);
    return {
      start: () => {
        steps.push('runtime.start');
        if (options.failStart !== undefined) return Promise.reject(options.failStart);
        running = true;
        return Promise.resolve();
      },
      stop: () => {
        steps.push('runtime.stop');
        running = false;
        return Promise.resolve();
      },
      abort: () => {
        steps.push('runtime.abort');
        return Promise.resolve();
      },
      readinessChecks: { consumers: () => running },
      sweepNow: () => Promise.resolve({ kind: 'skipped', reason: 'no-read-adapter' }),
      reconcileNow: () => Promise.resolve([]),
      status: () => ({
        system: runtimeOptions.system,
        state: running ? 'running' : 'created',
        breaker: 'closed',
        writeTopics: [],
        readsNotifications: false,
        sweepMode: runtimeOptions.settings.sweepMode,
        control: defaultTargetControl(runtimeOptions.system),
      }),
    };
  };
  return { create, seen };
}

@Controller('own')
class OwnController {
  @Get()
  get(): { readonly own: boolean } {
    return { own: true };
  }
}

@Module({})
class OwnModule {
  static register(): DynamicModule {
    return { module: OwnModule, controllers: [OwnController] };
  }
}

function app(steps: string[], protocol: Partial<ConnectorProtocol>, failStart?: Error) {
  const runtime = fakeRuntime(steps, failStart === undefined ? {} : { failStart });
  const connector = createConnectorApp({
    config,
    policy: unitPolicy(),
    createRuntime: runtime.create,
    protocol: (kit) => {
      steps.push(`protocol(${kit.system})`);
      return { write: new FakeWriteAdapter(), ...protocol };
    },
  });
  return { connector, runtime };
}

describe('createConnectorApp', () => {
  it('runs the start-up checks before the runtime and serves probes, /status and own routes', async () => {
    const steps: string[] = [];
    const { connector, runtime } = app(steps, {
      startupChecks: [
        {
          name: 'fields',
          run: () => {
            steps.push('check');
            return Promise.resolve();
          },
        },
      ],
      status: () => ({ odoo: { db: 'demo' } }),
      module: OwnModule.register(),
    });
    await connector.start();
    const get = (url: string) => connector.server.inject({ method: 'GET', url });
    const [live, ready, metrics, status, own] = await Promise.all(
      ['/healthz', '/readyz', '/metrics', '/status', '/own'].map(get),
    );
    await connector.close();

    expect(steps).toEqual(['protocol(odoo)', 'check', 'runtime.start', 'runtime.stop']);
    expect([live, ready, metrics, status, own].map((r) => r?.statusCode)).toEqual([
      200, 200, 200, 200, 200,
    ]);
    expect(metrics?.body).toContain('hub_breaker_state');
    expect(status?.json()).toMatchObject({
      system: 'odoo',
      state: 'running',
      odoo: { db: 'demo' },
    });
    expect(own?.json()).toEqual({ own: true });
    expect(runtime.seen[0]?.settings.sweepMode).toBe('catch-up');
  });

  it('refuses the start when a check fails, without starting the runtime, and closes what it opened', async () => {
    const steps: string[] = [];
    const { connector } = app(steps, {
      startupChecks: [{ name: 'fields', run: () => Promise.reject(new Error('field missing')) }],
    });
    await expect(connector.start()).rejects.toThrow('field missing');
    await connector.close();
    expect(steps).toEqual(['protocol(odoo)', 'runtime.abort']);
  });

  it('aborts the runtime when it fails to start', async () => {
    const steps: string[] = [];
    const { connector } = app(steps, {}, new Error('broker down'));
    expect(() => connector.app).toThrow('not started');
    await expect(connector.listen(0, '127.0.0.1')).rejects.toThrow('broker down');
    expect(steps).toEqual(['protocol(odoo)', 'runtime.start', 'runtime.abort']);
  });

  it('fills the read-side settings with "off" when the configuration has none', () => {
    const {
      sweepMode: _m,
      sweepInterval: _i,
      sweepMaxPages: _p,
      notFoundRetry: _n,
      ...writeOnly
    } = config.connector;
    const runtime = fakeRuntime([]);
    createConnectorApp({
      config: { ...config, connector: writeOnly },
      policy: unitPolicy(),
      createRuntime: runtime.create,
      protocol: () => ({ write: new FakeWriteAdapter() }),
    });
    expect(runtime.seen[0]?.settings).toMatchObject({ sweepMode: 'off', notFoundRetry: [] });
  });
});
