/**
 * Bundles one app into dist/apps/<app>/main.js: the workspace code (@hub/* and the app)
 * compiled into one CommonJS file for Node 20, every npm package left external and listed,
 * with its version from the root package.json, in dist/apps/<app>/package.json. So the
 * bundle starts with plain `node dist/apps/<app>/main.js` from the repository (where
 * node_modules is) or from an image that installed only those packages.
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { migrateEntrySource } from './migrate-entry';

export const APPS = [
  'ingress',
  'connector-odoo',
  'connector-http',
  'retry-scheduler',
  'dlq-reviewer',
  'erp-simulator',
  'connector-business-central',
  'connector-sap',
  'connector-dynamics-finance',
] as const;
export type AppName = (typeof APPS)[number];

/**
 * Each app's listen-port variable and its default (its README), and its admin-port variable
 * where it has one (the probes move there when it is set), for the image's health check.
 */
export const APP_PORTS: Readonly<
  Record<AppName, { readonly env: string; readonly default: number; readonly adminEnv?: string }>
> = {
  ingress: { env: 'INGRESS_PORT', default: 3000, adminEnv: 'INGRESS_ADMIN_PORT' },
  'connector-odoo': { env: 'CONNECTOR_ODOO_PORT', default: 3101 },
  'connector-http': { env: 'CONNECTOR_HTTP_PORT', default: 3000 },
  'retry-scheduler': { env: 'RETRY_SCHEDULER_PORT', default: 3300 },
  'dlq-reviewer': { env: 'DLQ_REVIEWER_PORT', default: 3100, adminEnv: 'DLQ_REVIEWER_ADMIN_PORT' },
  'erp-simulator': { env: 'ERP_SIMULATOR_PORT', default: 3200 },
  'connector-business-central': { env: 'CONNECTOR_BUSINESS_CENTRAL_PORT', default: 3105 },
  'connector-sap': { env: 'CONNECTOR_SAP_PORT', default: 3106 },
  'connector-dynamics-finance': { env: 'CONNECTOR_DYNAMICS_FINANCE_PORT', default: 3107 },
};

/** Not an app: the `topics` and `migrate` commands, bundled the same way for their own image. */
export const DEPLOY_TOOLS = 'deploy-tools';
const toolEntries = { topics: 'tools/deploy/src/topics-cli.ts' } as const;

const isApp = (name: string): name is AppName => (APPS as readonly string[]).includes(name);

/** `node healthcheck.js`: exit 0 when /healthz answers 200 on the app's admin port, else its port (Docker HEALTHCHECK). */
export function healthcheckScript(app: AppName): string {
  const { env, default: port, adminEnv } = APP_PORTS[app];
  const admin = adminEnv === undefined ? '' : `process.env.${adminEnv} || `;
  return [
    `const port = ${admin}process.env.${env} || '${port}';`,
    `fetch('http://127.0.0.1:' + port + '/healthz', { signal: AbortSignal.timeout(2500) })`,
    `  .then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1));`,
    '',
  ].join('\n');
}

export interface BundleReport {
  readonly app: string;
  readonly file: string;
  readonly bytes: number;
  readonly externals: Record<string, string>;
}

const builtins = new Set(builtinModules);

/** Packages that load another by name at run time, so the bundle's imports do not show it. */
const RUNTIME_LOADED: Readonly<Record<string, string>> = {
  typeorm: 'pg', // its Postgres driver
  '@nestjs/swagger': '@fastify/static', // serves the Swagger UI on Fastify
};

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Bare imports that are not the workspace's own (@hub/*) stay external. */
function externalPackages(seen: Set<string>): Plugin {
  return {
    name: 'external-packages',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@hub/')) return undefined;
        if (args.path.startsWith('node:') || builtins.has(args.path)) {
          return { path: args.path, external: true };
        }
        seen.add(packageNameOf(args.path));
        return { path: args.path, external: true };
      });
    },
  };
}

interface RootPackage {
  readonly engines: { readonly node: string };
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

/** The versions of the packages a bundle imports; a package only in devDependencies is an error. */
export function externalVersions(
  names: Iterable<string>,
  root: RootPackage,
): Record<string, string> {
  const versions: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of [...names].sort()) {
    const version = root.dependencies?.[name];
    if (version === undefined) missing.push(name);
    else versions[name] = version;
  }
  if (missing.length > 0) {
    throw new Error(
      `imports packages that are not production dependencies of the root package.json: ${missing.join(', ')}`,
    );
  }
  return versions;
}

/** An app (dist/apps/<app>/main.js) or the deploy tools (dist/apps/deploy-tools/<command>.js). */
export async function bundleApp(app: string, workspaceRoot: string): Promise<BundleReport> {
  if (!isApp(app) && app !== DEPLOY_TOOLS) {
    throw new Error(`unknown app "${app}": one of ${[...APPS, DEPLOY_TOOLS].join(', ')}`);
  }
  const outDir = join(workspaceRoot, 'dist/apps', app);
  const entryPoints = isApp(app)
    ? { main: join(workspaceRoot, 'apps', app, 'src/main.ts') }
    : Object.fromEntries(
        Object.entries(toolEntries).map(([name, path]) => [name, join(workspaceRoot, path)]),
      );
  const outfile = join(outDir, isApp(app) ? 'main.js' : 'topics.js');
  const seen = new Set<string>();
  const common = {
    absWorkingDir: workspaceRoot,
    tsconfig: join(workspaceRoot, isApp(app) ? `apps/${app}` : 'tools/deploy', 'tsconfig.lib.json'),
    bundle: true,
    platform: 'node',
    target: 'node20.19',
    format: 'cjs',
    sourcemap: 'linked',
    minifySyntax: true,
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [externalPackages(seen)],
  } satisfies BuildOptions;
  const result = await build({ ...common, entryPoints, outdir: outDir });
  if (!isApp(app)) {
    // `migrate` imports every app's own migration code: its entry is generated (migrate-entry.ts).
    const migrate = await build({
      ...common,
      stdin: {
        contents: migrateEntrySource(workspaceRoot),
        resolveDir: workspaceRoot,
        loader: 'ts',
      },
      outfile: join(outDir, 'migrate.js'),
    });
    Object.assign(result.metafile.outputs, migrate.metafile.outputs);
  }
  const root = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as RootPackage;
  for (const [user, loaded] of Object.entries(RUNTIME_LOADED)) if (seen.has(user)) seen.add(loaded);
  const externals = externalVersions(seen, root);
  mkdirSync(outDir, { recursive: true });
  if (isApp(app)) writeFileSync(join(outDir, 'healthcheck.js'), healthcheckScript(app));
  // @hub/ownership's default policy path is `<dir of the running file>/../policies/default.yaml`.
  mkdirSync(join(outDir, '../policies'), { recursive: true });
  copyFileSync(
    join(workspaceRoot, 'libs/ownership/policies/default.yaml'),
    join(outDir, '../policies/default.yaml'),
  );
  writeFileSync(
    join(outDir, 'package.json'),
    `${JSON.stringify({ name: `@hub-dist/${app}`, private: true, main: 'main.js', engines: root.engines, dependencies: externals }, null, 2)}\n`,
  );
  writeFileSync(join(outDir, 'meta.json'), JSON.stringify(result.metafile satisfies Metafile));
  return { app, file: relative(workspaceRoot, outfile), bytes: statSync(outfile).size, externals };
}
