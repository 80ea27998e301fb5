import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readHubConfig } from '../server/src/config';
import { startHub, type RunningHub } from '../server/src/hub';
import { addDistrict, addOffice, createEnrollmentCode } from '../server/src/registry/registry';
import { launchChromium, screenshotPath } from './support/browser';
import { KYZYLSAI_OFFICE, logIn, setUpOffice, SPECIALIST } from './support/desk';

// Updates from the district hub (issue 11 §5) in the desk's own interface. The hub serves its update
// feed from a folder (HUB_UPDATES_DIR) to enrolled desks; Electron's main process is not available
// here, so the page gets a stand-in shell (window.akimat) that does what electron/main/updates.ts
// does with electron-updater: it fetches latest.yml and the installer from the hub with the desk's
// credential, and checks the installer's SHA-512 against latest.yml. The prompt, the consent and
// the sync hook are the desk's real ones.

const DESK_DIR =
  process.env['AKIMAT_E2E_DESK_DIR'] ?? join(import.meta.dirname, '..', 'dist', 'renderer');
const INSTALLER = 'Akimat-Desk-Setup-0.2.0.exe';

/** The stand-in shell, run in the page before the desk's scripts. */
function standInShell(): void {
  const w = window as unknown as Record<string, unknown>;
  let offered: { version: string; url: string; sha512: string } | null = null;
  let credential = '';
  w['__updateInstalled'] = false;
  const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
  w['akimat'] = {
    appInfo: () =>
      Promise.resolve({
        name: 'Akimat Desk',
        version: '0.1.0',
        shell: 'electron',
        platform: 'linux',
        hubUrl: location.origin,
      }),
    printToPdf: () => Promise.resolve({ kind: 'printDialog' }),
    setLanguage: () => Promise.resolve(),
    setHubLink: () => Promise.resolve(true),
    saveBackup: () => Promise.resolve({ kind: 'cancelled' }),
    dataKey: () => Promise.resolve({ kind: 'notProtected', reason: 'noSecretStore' }),
    checkForUpdate: async (request: { credential: string }) => {
      credential = request.credential;
      const reply = await fetch('/v1/updates/latest.yml', {
        headers: { authorization: `Bearer ${credential}` },
      });
      if (!reply.ok) return { kind: 'failed', reason: 'unreachable' };
      const text = await reply.text();
      const version = /^version: (.+)$/m.exec(text)?.[1] ?? '';
      const url = /- url: (.+)$/m.exec(text)?.[1] ?? '';
      const sha512 = /^ {4}sha512: (.+)$/m.exec(text)?.[1] ?? '';
      if (version === '0.1.0') return { kind: 'upToDate', version };
      offered = { version, url, sha512 };
      return { kind: 'available', version };
    },
    downloadUpdate: async () => {
      if (!offered) return { kind: 'failed', reason: 'nothingOffered' };
      const reply = await fetch(`/v1/updates/${encodeURIComponent(offered.url)}`, {
        headers: { authorization: `Bearer ${credential}` },
      });
      if (!reply.ok) return { kind: 'failed', reason: 'unreachable' };
      const digest = await crypto.subtle.digest('SHA-512', await reply.arrayBuffer());
      return base64(digest) === offered.sha512
        ? { kind: 'ready', version: offered.version }
        : { kind: 'failed', reason: 'checksum' };
    },
    installUpdate: () => {
      w['__updateInstalled'] = true;
      return Promise.resolve(true);
    },
  };
}

let hub: RunningHub;
let browser: Browser;
let dataDir: string;
let feedDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'akimat-e2e-updates-db-'));
  feedDir = await mkdtemp(join(tmpdir(), 'akimat-e2e-updates-feed-'));
  const installer = randomBytes(512 * 1024);
  const sha512 = createHash('sha512').update(installer).digest('base64');
  await writeFile(join(feedDir, INSTALLER), installer);
  await writeFile(
    join(feedDir, 'latest.yml'),
    `version: 0.2.0\nfiles:\n  - url: ${INSTALLER}\n    sha512: ${sha512}\n    size: ${installer.byteLength}\npath: ${INSTALLER}\nsha512: ${sha512}\nreleaseDate: '2026-01-15T10:00:00.000Z'\n`,
  );
  hub = await startHub(
    {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn', HUB_UPDATES_DIR: feedDir }),
      database: { kind: 'pglite', dataDir },
    },
    { deskDir: DESK_DIR },
  );
  await addDistrict(
    hub.db,
    { code: 'AKK', nameKk: 'Ақкөл ауданы', nameRu: 'Аккольский район' },
    'admin',
  );
  await addOffice(
    hub.db,
    {
      districtCode: 'AKK',
      code: KYZYLSAI_OFFICE.code,
      kind: 'akimat',
      nameKk: KYZYLSAI_OFFICE.nameKk,
      nameRu: KYZYLSAI_OFFICE.nameRu,
    },
    'admin',
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(feedDir, { recursive: true, force: true });
});

async function joinedDesk(language: 'kk' | 'ru'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(standInShell);
  const page = await context.newPage();
  await page.goto(`${hub.url}/`);
  await setUpOffice(page, { language });
  await logIn(page, SPECIALIST.name, SPECIALIST.pin);
  await page.getByRole('link', { name: language === 'kk' ? 'Жүйе туралы' : 'О системе' }).click();
  const made = await createEnrollmentCode(
    hub.db,
    { officeCode: KYZYLSAI_OFFICE.code },
    'admin',
    Date.now(),
  );
  if (!made.ok) throw new Error(made.reason);
  await page
    .getByLabel(language === 'kk' ? 'Қосылу коды' : 'Код подключения')
    .fill(made.value.code);
  await page
    .getByRole('button', { name: language === 'kk' ? 'Қосу' : 'Подключить', exact: true })
    .click();
  return page;
}

describe('updates from the district hub', () => {
  test('ru: after a sync the desk offers the hub’s update, downloads and installs on consent', async () => {
    const page = await joinedDesk('ru');
    const prompt = page.locator('.update-prompt');
    await prompt
      .getByText('Из района пришла новая версия Akimat Desk: 0.2.0.')
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath('update-available-ru') });
    expect(
      await page.evaluate(
        () => (window as unknown as Record<string, unknown>)['__updateInstalled'],
      ),
    ).toBe(false);
    await prompt.getByRole('button', { name: 'Скачать' }).click();
    await prompt.getByText('Обновление 0.2.0 загружено и проверено.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'Обновления', level: 2 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('update-ready-ru') });
    await prompt.getByRole('button', { name: 'Установить и перезапустить' }).click();
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as Record<string, unknown>)['__updateInstalled']),
      )
      .toBe(true);
    await page.context().close();
  });

  test('kk: the offer in Kazakh; an installer changed on the hub after the check is not handed out, nothing installed', async () => {
    const page = await joinedDesk('kk');
    const prompt = page.locator('.update-prompt');
    await prompt
      .getByText('Ауданнан Akimat Desk-тің жаңа нұсқасы келді: 0.2.0.')
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath('update-available-kk') });
    // The admin copies another build over the installer after the desk's check.
    await writeFile(join(feedDir, INSTALLER), randomBytes(512 * 1024));
    await prompt.getByRole('button', { name: 'Жүктеп алу' }).click();
    // The hub no longer vouches for the feed (its latest.yml does not match): the desk gets nothing.
    await page
      .locator('.update-refused')
      .getByText('Ештеңе орнатылған жоқ', { exact: false })
      .waitFor();
    await page.screenshot({ path: screenshotPath('update-refused-kk') });
    expect(
      await page.evaluate(
        () => (window as unknown as Record<string, unknown>)['__updateInstalled'],
      ),
    ).toBe(false);
    await page.context().close();
  });
});
