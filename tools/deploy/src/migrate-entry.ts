/**
 * The source of the `migrate` entry, generated at bundle time: it imports each app's own
 * configuration and migration code (apps are not libraries, so no workspace module may import
 * them) and hands them to migrate-run.ts. A new app is one row here.
 */
import { join } from 'node:path';

interface MigrateTarget {
  readonly app: string;
  /** [exported name, file under apps/<app>/src/app without .ts] */
  readonly imports: readonly (readonly [string, string])[];
  /** The body of `(env) => …`. */
  readonly call: string;
}

const kitConnector = (app: string, config: string, create: string): MigrateTarget => ({
  app,
  imports: [
    [config, `${app}.config`],
    [create, `create-${app}-app`],
  ],
  call: `${create}(${config}.load(env)).migrate()`,
});

export const MIGRATE_TARGETS: readonly MigrateTarget[] = [
  {
    app: 'ingress',
    imports: [
      ['ingressConfig', 'ingress.config'],
      ['migrateIngress', 'create-ingress-app'],
    ],
    call: 'migrateIngress(ingressConfig.load(env))',
  },
  {
    app: 'retry-scheduler',
    imports: [
      ['retrySchedulerConfig', 'retry-scheduler.config'],
      ['migrateRetryScheduler', 'scheduler-migrations'],
    ],
    call: 'migrateRetryScheduler(retrySchedulerConfig.load(env))',
  },
  {
    app: 'dlq-reviewer',
    imports: [
      ['dlqReviewerConfig', 'dlq-reviewer.config'],
      ['migrateDlqReviewer', 'reviewer-migrations'],
    ],
    call: 'migrateDlqReviewer(dlqReviewerConfig.load(env))',
  },
  kitConnector('connector-odoo', 'connectorOdooConfig', 'createConnectorOdooApp'),
  {
    app: 'connector-http',
    imports: [
      ['connectorHttpConfig', 'connector-http.config'],
      ['connectorHttpProtocol', 'connector-http-protocol'],
    ],
    call: 'createConnectorApp({ config: connectorHttpConfig.load(env), protocol: connectorHttpProtocol }).migrate()',
  },
  kitConnector(
    'connector-business-central',
    'connectorBusinessCentralConfig',
    'createConnectorBusinessCentralApp',
  ),
  kitConnector('connector-sap', 'connectorSapConfig', 'createConnectorSapApp'),
  kitConnector(
    'connector-dynamics-finance',
    'connectorDynamicsFinanceConfig',
    'createConnectorDynamicsFinanceApp',
  ),
];

export function migrateEntrySource(workspaceRoot: string): string {
  const from = (path: string) => JSON.stringify(join(workspaceRoot, path));
  const imports = MIGRATE_TARGETS.flatMap((target) =>
    target.imports.map(
      ([name, file]) => `import { ${name} } from ${from(`apps/${target.app}/src/app/${file}`)};`,
    ),
  );
  return [
    `import { migrateMain } from ${from('tools/deploy/src/migrate-run')};`,
    `import { createConnectorApp } from '@hub/connector-runtime';`,
    ...imports,
    '',
    'migrateMain({',
    ...MIGRATE_TARGETS.map((target) => `  ${JSON.stringify(target.app)}: (env) => ${target.call},`),
    '});',
    '',
  ].join('\n');
}
