/**
 * The import boundaries of ARCHITECTURE.md §2, as failing checks. ESLint catches the same mistakes
 * file by file; dependency-cruiser sees the whole graph (cycles, indirect crossings).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Type-only imports erase at build time; a cycle made only of them is harmless.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'shared-imports-nothing',
      comment:
        'shared/ is pure TypeScript: no other folder, no Node, no DOM libraries; only pure-JS libraries that run unchanged in the desk and the hub (zod for schemas, fflate for the sync wire, papaparse for the TSA register CSV, read the same way at both ends).',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: [
          '^shared/',
          '^node_modules/zod/',
          '^node_modules/fflate/',
          '^node_modules/papaparse/',
        ],
      },
    },
    {
      name: 'shared-tests-stay-in-shared',
      comment: 'Tests of shared/ run in Node and may use it, but test shared/ alone.',
      severity: 'error',
      from: { path: '^shared/.*\\.test\\.ts$' },
      to: { path: ['^renderer/', '^electron/', '^server/', '^e2e/', '^scripts/'] },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-stays-in-the-page',
      comment: 'The renderer never imports electron, node:*, electron/ or server/.',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '\\.test\\.tsx?$' },
      to: { path: ['^electron/', '^server/', '^e2e/', '^scripts/', '^node_modules/electron/'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'only-db-imports-dexie',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '^renderer/src/db/' },
      to: { path: '^node_modules/dexie/' },
    },
    {
      name: 'features-talk-through-index',
      comment: "A feature uses another feature only through that feature's index.ts.",
      severity: 'error',
      from: { path: '^renderer/src/(features/[^/]+|app|db|platform|i18n)/' },
      to: {
        path: '^renderer/src/(features/[^/]+|db|platform|i18n)/',
        pathNot: [
          '^renderer/src/$1/',
          '^renderer/src/(features/[^/]+|db|platform|i18n)/index\\.tsx?$',
        ],
      },
    },
    {
      name: 'server-imports-only-shared',
      severity: 'error',
      from: { path: '^server/' },
      to: {
        path: [
          '^renderer/',
          '^electron/',
          '^e2e/',
          '^scripts/',
          '^node_modules/(electron|dexie|react|react-dom)/',
        ],
      },
    },
    {
      name: 'electron-no-renderer-or-server',
      severity: 'error',
      from: { path: '^electron/' },
      to: {
        path: [
          '^renderer/',
          '^server/',
          '^e2e/',
          '^scripts/',
          '^node_modules/(dexie|react|react-dom)/',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^\\.tsbuild/', '^test-results/'] },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
