// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
  'module',
  'process',
  'buffer',
  'events',
  'zlib',
  'tls',
  'dns',
  'readline',
];

/** Builds a no-restricted-imports rule: forbidden packages, node builtins, and folder regexes. */
function restrictImports({ packages = [], node = false, folders = [] }) {
  return [
    'error',
    {
      paths: [
        ...packages.map((name) => ({
          name,
          message: 'This folder may not import this package (ARCHITECTURE.md §2).',
        })),
        ...(node
          ? NODE_BUILTINS.map((name) => ({ name, message: 'No Node APIs in this folder.' }))
          : []),
      ],
      patterns: [
        ...(node ? [{ group: ['node:*'], message: 'No Node APIs in this folder.' }] : []),
        ...folders.map((folder) => ({
          regex: `(^|/)${folder}(/|$)`,
          message: `This folder may not import from ${folder}/ (ARCHITECTURE.md §2).`,
        })),
      ],
    },
  ];
}

/** shared/ is pure: the clock and randomness are parameters, never read. */
const NO_CLOCK_NO_RANDOM = [
  'error',
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'shared/ reads no clock: pass `now` in.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'shared/ reads no clock: pass `now` in.',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'shared/ makes no random numbers: pass them in.',
  },
  {
    selector: "MemberExpression[property.name='getRandomValues']",
    message: 'shared/ makes no random numbers: pass them in.',
  },
  {
    selector: "MemberExpression[property.name='randomUUID']",
    message: 'shared/ makes no ids: pass them in.',
  },
  {
    selector: "MemberExpression[object.name='performance'][property.name='now']",
    message: 'shared/ reads no clock.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.tsbuild/**', 'test-results/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        packages: [
          'electron',
          'dexie',
          'react',
          'react-dom',
          'fastify',
          'pg',
          '@electric-sql/pglite',
          'playwright-core',
        ],
        node: true,
        folders: ['renderer', 'electron', 'server', 'e2e', 'scripts'],
      }),
      'no-restricted-syntax': NO_CLOCK_NO_RANDOM,
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'localStorage',
        'indexedDB',
        'fetch',
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrictImports({
        packages: ['electron', 'fastify', 'pg', '@electric-sql/pglite', 'dexie'],
        node: true,
        folders: ['electron', 'server', 'e2e', 'scripts'],
      }),
    },
  },
  {
    // The database layer is the renderer's one importer of Dexie.
    files: ['renderer/src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        packages: ['electron', 'fastify', 'pg', '@electric-sql/pglite'],
        node: true,
        folders: ['electron', 'server', 'e2e', 'scripts'],
      }),
    },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': restrictImports({
        packages: ['dexie', 'react', 'react-dom', 'fastify', 'pg', '@electric-sql/pglite'],
        folders: ['renderer', 'server', 'e2e', 'scripts'],
      }),
    },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': restrictImports({
        packages: ['electron', 'dexie', 'react', 'react-dom'],
        folders: ['renderer', 'electron', 'e2e', 'scripts'],
      }),
    },
  },
  {
    files: [
      'e2e/**/*.ts',
      'scripts/**/*.ts',
      '*.config.{ts,js}',
      'eslint.config.js',
      '.dependency-cruiser.cjs',
    ],
    languageOptions: { globals: globals.node },
  },
);
