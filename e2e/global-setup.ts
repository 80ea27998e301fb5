import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { readHubConfig } from '../server/src/config';
import { startHub } from '../server/src/hub';

declare module 'vitest' {
  export interface ProvidedContext {
    deskUrl: string;
  }
}

// AKIMAT_E2E_DESK_DIR lets a build made elsewhere be tested without rebuilding dist/.
const DESK_DIR =
  process.env['AKIMAT_E2E_DESK_DIR'] ?? join(import.meta.dirname, '..', 'dist', 'renderer');

/** A real hub on a free port, on a fresh embedded database, serving the built desk. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(DESK_DIR, 'index.html'))) {
    throw new Error('The desk is not built: run `npx vite build` (npm test does it first).');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'akimat-e2e-hub-'));
  const config = {
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn' }),
    database: { kind: 'pglite' as const, dataDir },
  };
  const hub = await startHub(config, { deskDir: DESK_DIR });
  project.provide('deskUrl', `${hub.url}/`);
  return async () => {
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
