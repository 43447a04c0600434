// House rules as lint rules. Module boundaries on two axes (scope:, type:), strict
// typed TypeScript, and no focused, skipped or commented-out tests.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const scopes = [
  'ingress',
  'connector-odoo',
  'connector-business-central',
  'connector-sap',
  'connector-dynamics-finance',
  'connector-http',
  'retry-scheduler',
  'dlq-reviewer',
  'erp-simulator',
];

// An app's scope may use its own scope and shared code; connectors never import each other.
const scopeConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...scopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
];

// Layering: contracts depend on nothing but utils; apps are leaves nobody imports.
const typeConstraints = (extraForTests = []) => [
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...extraForTests] },
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:util', ...extraForTests],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util', ...extraForTests],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: [
      'type:data-access',
      'type:domain',
      'type:contracts',
      'type:util',
      ...extraForTests,
    ],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:domain',
      'type:contracts',
      'type:util',
      ...extraForTests,
    ],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:domain',
      'type:contracts',
      'type:util',
      ...extraForTests,
    ],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: [
      'type:testing',
      'type:tooling',
      'type:feature',
      'type:data-access',
      'type:domain',
      'type:contracts',
      'type:util',
    ],
  },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:tooling', 'type:util'] },
];

const boundaries = (extraForTests) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      banTransitiveDependencies: true,
      depConstraints: [...scopeConstraints, ...typeConstraints(extraForTests)],
    },
  ],
});

const testFiles = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/testing/**/*.ts',
  '**/bench/**/*.ts',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.stack/**',
      '.nx/**',
      'coverage/**',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      ...boundaries([]),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: testFiles,
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      ...boundaries(['type:testing', 'type:tooling']),
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-commented-out-tests': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*'] }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Command-line entry points talk to a terminal.
    files: ['**/cli.ts', 'tools/**/*.ts', '**/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
