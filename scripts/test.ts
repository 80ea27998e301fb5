import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { npx, run } from './run';

// `npm test`: every check of the project in one run, each step reported, and one closing line
// `N passed, N failed`. It starts by making sure the Debian packages the tests need are there
// (scripts/system-packages.sh) and stops with `0 passed, 1 failed` if they are not. A check step
// (system packages, format, lint, types, boundaries, build) counts as one test; Vitest reports its
// own tests (shared, renderer, electron, hub on PostgreSQL and PGlite, e2e).

const ROOT = join(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'test-results');
const VITEST_JSON = join(RESULTS, 'vitest.json');

interface StepResult {
  name: string;
  ok: boolean;
}

const steps: Array<{ name: string; run: () => Promise<number> }> = [
  {
    name: 'format (prettier)',
    run: () => npx('prettier', ['--check', '--log-level', 'warn', '.']),
  },
  { name: 'lint (eslint)', run: () => npx('eslint', ['--max-warnings', '0', '.']) },
  { name: 'types (tsc -b)', run: () => npx('tsc', ['-b']) },
  {
    name: 'boundaries (dependency-cruiser)',
    run: () =>
      npx('depcruise', [
        '--config',
        '.dependency-cruiser.cjs',
        'shared',
        'renderer',
        'electron',
        'server',
        'e2e',
        'scripts',
      ]),
  },
  {
    name: 'build (renderer and electron)',
    run: async () => {
      for (const args of [
        ['build'],
        ['build', '--config', 'vite.electron.config.ts', '--mode', 'main'],
        ['build', '--config', 'vite.electron.config.ts', '--mode', 'preload'],
      ]) {
        const code = await npx('vite', [...args, '--logLevel', 'warn']);
        if (code !== 0) return code;
      }
      return 0;
    },
  },
];

const results: StepResult[] = [];

// First the Debian packages the tests need (installed here as root or with passwordless sudo);
// without them nothing else is worth running, so a failure ends `npm test` at once.
console.log('\n▶ system packages (scripts/system-packages.sh)');
if ((await run('bash', [join(ROOT, 'scripts', 'system-packages.sh')])) !== 0) {
  console.log(
    '✘ system packages: install the missing ones as shown above, then run npm test again',
  );
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log('✔ system packages');
results.push({ name: 'system packages', ok: true });

for (const step of steps) {
  console.log(`\n▶ ${step.name}`);
  const ok = (await step.run()) === 0;
  console.log(ok ? `✔ ${step.name}` : `✘ ${step.name}`);
  results.push({ name: step.name, ok });
}

console.log('\n▶ tests (vitest: shared, renderer, electron, server, e2e)');
mkdirSync(RESULTS, { recursive: true });
rmSync(VITEST_JSON, { force: true });
const vitestCode = await npx('vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${VITEST_JSON}`,
]);

function readVitestCounts(): { passed: number; failed: number } {
  try {
    const report = JSON.parse(readFileSync(VITEST_JSON, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    return { passed: report.numPassedTests, failed: report.numFailedTests };
  } catch {
    return { passed: 0, failed: 0 };
  }
}

const counts = readVitestCounts();
const testsPassed = counts.passed;
// A suite that fails to load (e.g. the database would not start) has no failed test but is a failure,
// and so is a run that found no test at all.
const testsFailed =
  counts.failed > 0 ? counts.failed : vitestCode !== 0 || testsPassed === 0 ? 1 : 0;

const checksPassed = results.filter((r) => r.ok).length;
const checksFailed = results.length - checksPassed;
console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? '✔' : '✘'} ${r.name}`);
console.log(
  `  ${testsFailed === 0 ? '✔' : '✘'} vitest: ${testsPassed} passed, ${testsFailed} failed`,
);
const passed = checksPassed + testsPassed;
const failed = checksFailed + testsFailed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
