// A hub whose reference data (the calendar, the income figures) the district admin installs on the
// command line and an enrolled desk reads over HTTP: the setup the reference tests share. What must
// stay true:
// - The embedded database has one owner at a time: `cli` stops the hub before the command runs, and
//   `start` opens the same database again, as an admin does between installs.
// - The desk reads as a desk does: GET with the bearer credential it was enrolled with over HTTP; an
//   anonymous GET sends none.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OfficeKind } from '../../shared/office';
import { runCli } from '../src/cli';
import { readHubConfig, type HubConfig } from '../src/config';
import { startHub, type RunningHub } from '../src/hub';
import { addDistrict, addOffice } from '../src/registry/registry';
import { freshDatabase, type TestDatabase } from './databases';
import { DISTRICT_CODE, enrolledDesk } from './desks';

export interface ReferenceHub {
  /** What the command line prints, line by line, in Russian. */
  readonly lines: readonly string[];
  /** GET `path` with the desk's credential, or with none: the status and the JSON answer. */
  get(
    path: string,
    as?: 'desk' | 'anonymous',
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Runs `hub <args>` as the admin with the hub stopped: the exit code; the words go to `lines`. */
  cli(args: readonly string[]): Promise<number>;
  /** Starts the hub again on the same database. */
  start(): Promise<void>;
  /** A file of `text` in a folder of the test's own, for `--file`: its path. */
  file(name: string, text: string): Promise<string>;
  /** Stops the hub if it runs and drops its database. */
  dispose(): Promise<void>;
}

/** A hub on a fresh database of `kind` with district AKK, one office, and a desk of it enrolled. */
export async function referenceHub(
  kind: TestDatabase['config']['kind'],
  office: { code: string; kind: OfficeKind },
): Promise<ReferenceHub> {
  const testDb = await freshDatabase(kind);
  const config: HubConfig = {
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
    database: testDb.config,
  };
  let hub: RunningHub | undefined = await startHub(config);
  await addDistrict(hub.db, { code: DISTRICT_CODE, nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
  await addOffice(
    hub.db,
    { districtCode: DISTRICT_CODE, ...office, nameKk: office.code, nameRu: office.code },
    'admin',
  );
  const desk = await enrolledDesk(hub, office.code);
  const dir = await mkdtemp(join(tmpdir(), 'akimat-reference-'));
  const lines: string[] = [];
  const stop = async () => {
    await hub?.stop();
    hub = undefined;
  };
  return {
    lines,
    get: async (path, as = 'desk') => {
      if (hub === undefined) throw new Error('the hub is stopped');
      const r = await fetch(`${hub.url}${path}`, {
        headers: as === 'desk' ? { authorization: `Bearer ${desk.credential}` } : {},
      });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    },
    cli: async (args) => {
      await stop();
      return runCli(args, config, { language: 'ru', actor: 'admin' }, (l) => lines.push(l));
    },
    start: async () => {
      hub ??= await startHub(config);
    },
    file: async (name, text) => {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    dispose: async () => {
      await stop();
      await testDb.dispose();
    },
  };
}
