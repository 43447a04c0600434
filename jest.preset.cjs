// One jest setup for every project. JEST_TIER picks the tier:
//   unit (default): *.spec.ts, pure and fast, no I/O.
//   int:            *.int-spec.ts, against the real broker, registry and Postgres (in e2e/,
//                   the whole hub as processes).
// A tier that finds no test file fails the project's target (a misnamed file or project would
// otherwise pass silently), unless the project declares that tier empty:
//   forProject(__dirname, { withoutTests: ['int'] })
const path = require('node:path');
const { mkdirSync, readFileSync } = require('node:fs');

const root = __dirname;
// The test targets write jest's JSON results here (see nx.json); tools/test-summary.ts totals them.
mkdirSync(path.join(root, 'dist/test-results'), { recursive: true });
const tsPaths = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'))
  .compilerOptions.paths;
const moduleNameMapper = Object.fromEntries(
  Object.entries(tsPaths).map(([alias, [target]]) => [`^${alias}$`, path.join(root, target)]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// Nest 12 and a few of its dependencies ship ESM only; jest on Node 20 cannot require()
// ESM, so those packages are compiled to CommonJS for tests.
const esmOnlyPackages = [
  '@nestjs',
  'cookie',
  'uid',
  'load-esm',
  'file-type',
  'iterare',
  'jose',
  'content-disposition',
];
const esmToCommonJs = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];

const tiers = {
  unit: { testMatch: ['**/*.spec.ts'], testTimeout: 10_000 },
  int: {
    testMatch: ['**/*.int-spec.ts'],
    testTimeout: 60_000,
    globalSetup: path.join(root, 'libs/testing/src/global-setup.ts'),
    // A suite whose beforeAll failed half-way can leave a Kafka consumer or a child process
    // behind; a failing run must still end, with its failures reported.
    forceExit: true,
  },
};

/**
 * @param {string} projectDir
 * @param {{ withoutTests?: ReadonlyArray<keyof typeof tiers> }} [options] tiers in which the
 *   project has no tests on purpose: only there does finding none pass.
 */
function forProject(projectDir, options = {}) {
  const tier = process.env.JEST_TIER ?? 'unit';
  const tierConfig = tiers[tier];
  if (!tierConfig)
    throw new Error(`JEST_TIER must be one of ${Object.keys(tiers).join(', ')}, got "${tier}"`);
  const withoutTests = options.withoutTests ?? [];
  const unknown = withoutTests.filter((name) => !(name in tiers));
  if (unknown.length > 0) throw new Error(`withoutTests: unknown tier(s) ${unknown.join(', ')}`);
  return {
    displayName: `${path.relative(root, projectDir)} (${tier})`,
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': esmToCommonJs },
    transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper,
    passWithNoTests: withoutTests.includes(tier),
    ...tierConfig,
  };
}

module.exports = { forProject };
