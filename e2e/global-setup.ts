import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { readHubConfig } from '../server/src/config';
import { startHub } from '../server/src/hub';

declare module 'vitest' {
  export interface ProvidedContext {
    deskUrl: string;
    /** The folder served at deskUrl: the built desk and its fixtures page, for a test's own hub. */
    deskDir: string;
  }
}

const ROOT = join(import.meta.dirname, '..');
// AKIMAT_E2E_DESK_DIR lets a build made elsewhere be tested without rebuilding dist/.
const DESK_DIR = process.env['AKIMAT_E2E_DESK_DIR'] ?? join(ROOT, 'dist', 'renderer');

/**
 * A real hub on a free port, on a fresh embedded database, serving the built desk plus the fixtures
 * page (renderer/e2e-fixtures.html: the desk's own commands, for bringing the desk to a given day),
 * which is built here into the served copy only, never into dist/.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(DESK_DIR, 'index.html'))) {
    throw new Error('The desk is not built: run `npx vite build` (npm test does it first).');
  }
  const served = await mkdtemp(join(tmpdir(), 'akimat-e2e-desk-'));
  await cp(DESK_DIR, served, { recursive: true });
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    root: join(ROOT, 'renderer'),
    logLevel: 'warn',
    build: {
      outDir: served,
      emptyOutDir: false,
      sourcemap: false,
      rolldownOptions: { input: { fixtures: join(ROOT, 'renderer', 'e2e-fixtures.html') } },
    },
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'akimat-e2e-hub-'));
  const config = {
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn' }),
    database: { kind: 'pglite' as const, dataDir },
  };
  const hub = await startHub(config, { deskDir: served });
  project.provide('deskUrl', `${hub.url}/`);
  project.provide('deskDir', served);
  return async () => {
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(served, { recursive: true, force: true });
  };
}
