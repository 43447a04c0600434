import { readFileSync } from 'node:fs';
import { ConfigError, defineConfig } from '@hub/config';
import { runtimeSettingsReadme } from './settings-docs';
import { connectorRuntimeSettings } from './connector-runtime-settings';

const definition = defineConfig({ connector: connectorRuntimeSettings });

describe('connectorRuntimeSettings', () => {
  it('has defaults for everything but the system id', () => {
    expect(definition.load({ CONNECTOR_SYSTEM_ID: 'odoo' }).connector).toEqual({
      systemId: 'odoo',
      rateLimitRps: 20,
      rateLimitBurst: 20,
      concurrency: 4,
      keyConcurrency: 8,
      breakerWindow: 60_000,
      breakerMinimumCalls: 10,
      breakerFailureRate: 0.5,
      breakerCoolDown: 30_000,
      leaseDuration: 120_000,
      inDoubtHold: 86_400_000,
      reconcile: 'off',
      reconcileInterval: 86_400_000,
      reconcileGapInterval: 900_000,
      reconcileDeltaInterval: 900_000,
      reconcileBudget: 0.1,
      reconcilePageSize: 500,
      sweepMode: 'catch-up',
      sweepInterval: 600_000,
      sweepMaxPages: 1000,
      notFoundRetry: [500, 1_000, 2_000, 4_000],
      databaseSchema: 'public',
      idempotencySchema: undefined,
    });
  });

  it('names every bad variable', () => {
    const load = () =>
      definition.load({
        CONNECTOR_SYSTEM_ID: 'Odoo Prod',
        CONNECTOR_RATE_LIMIT_RPS: '0',
        CONNECTOR_SWEEP_MODE: 'sometimes',
        CONNECTOR_BREAKER_FAILURE_RATE: '1.5',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /CONNECTOR_SYSTEM_ID[\s\S]*CONNECTOR_RATE_LIMIT_RPS[\s\S]*CONNECTOR_BREAKER_FAILURE_RATE[\s\S]*CONNECTOR_SWEEP_MODE/,
    );
  });

  it('accepts fractional rates and the primary sweep mode', () => {
    const { connector } = definition.load({
      CONNECTOR_SYSTEM_ID: 'odoo',
      CONNECTOR_RATE_LIMIT_RPS: '0.5',
      CONNECTOR_SWEEP_MODE: 'primary',
    });
    expect(connector.rateLimitRps).toBe(0.5);
    expect(connector.sweepMode).toBe('primary');
  });
});

describe('the settings table in the README', () => {
  it('matches the settings (fix: npx tsx libs/connector-runtime/src/settings/settings-docs.ts)', () => {
    const readme = readFileSync(runtimeSettingsReadme.path, 'utf8');
    expect(runtimeSettingsReadme.render(readme)).toBe(readme);
  });
});
