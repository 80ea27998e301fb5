// Backups that restore and durable storage (issue 11 §2, §3), in Chromium against a real hub on its
// embedded database serving the built desk:
// - Desk A (ru) joins the hub, registers a case; its akim sets the recovery passphrase and makes a
//   backup (a browser download). A fresh browser context (a new laptop) restores it from the
//   wizard's "restore from a backup": a wrong passphrase is refused and changes nothing; the right
//   one gives the same case state hash (db deskCaseStateHash over the events store). The restored
//   desk numbers nothing (intake blocked) until it enrolls with the hub again, which gives it
//   laptop number 2; then a new case is numbered KZL01-2-….
// - The desk opened at another port of the same computer finds no office and says where the data is
//   (the origin the cookie names) instead of offering a new setup straight away.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { build } from 'vite';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deskStateHash } from './support/fixtures';
import { readHubConfig } from '../server/src/config';
import { startHub, type RunningHub } from '../server/src/hub';
import { addDistrict, addOffice, createEnrollmentCode } from '../server/src/registry/registry';
import { launchChromium, screenshotPath } from './support/browser';
import {
  AKIM,
  KYZYLSAI_OFFICE,
  logIn,
  registerApplication,
  setUpOffice,
  SPECIALIST,
  switchUser,
} from './support/desk';

const DESK_DIR =
  process.env['AKIMAT_E2E_DESK_DIR'] ?? join(import.meta.dirname, '..', 'dist', 'renderer');
const PASSPHRASE = 'Қызылсай мектебі 1978 жыл';
/** Monday 23.11.2026, 10:00 at the office: inside intake hours. */
const OFFICE_TIME = new Date('2026-11-23T10:00:00+05:00');

let hub: RunningHub;
let hubData: string;
let browser: Browser;
let work: string;
let proxy: Server;
let proxyUrl: string;
let served: string;

beforeAll(async () => {
  hubData = await mkdtemp(join(tmpdir(), 'akimat-e2e-backup-hub-'));
  work = await mkdtemp(join(tmpdir(), 'akimat-e2e-backup-'));
  // The built desk plus its fixtures page (as e2e/global-setup.ts serves it), for the state hash.
  served = await mkdtemp(join(tmpdir(), 'akimat-e2e-backup-desk-'));
  await cp(DESK_DIR, served, { recursive: true });
  const root = join(import.meta.dirname, '..');
  await build({
    configFile: join(root, 'vite.config.ts'),
    root: join(root, 'renderer'),
    logLevel: 'warn',
    build: {
      outDir: served,
      emptyOutDir: false,
      sourcemap: false,
      rolldownOptions: { input: { fixtures: join(root, 'renderer', 'e2e-fixtures.html') } },
    },
  });
  hub = await startHub(
    {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn' }),
      database: { kind: 'pglite', dataDir: hubData },
    },
    { deskDir: served },
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
  // The same desk at another port of this computer: another origin, the same cookies.
  const target = new URL(hub.url);
  proxy = createServer((req, res) => {
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, target.hostname, resolve));
  const address = proxy.address();
  if (address === null || typeof address === 'string') throw new Error('no proxy port');
  proxyUrl = `http://${target.hostname}:${address.port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await hub?.stop();
  await rm(served, { recursive: true, force: true });
  await rm(hubData, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

async function enrollmentCode(): Promise<string> {
  const made = await createEnrollmentCode(
    hub.db,
    { officeCode: KYZYLSAI_OFFICE.code },
    'admin',
    Date.now(),
  );
  if (!made.ok) throw new Error(made.reason);
  return made.value.code;
}

async function newDesk(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.clock.install({ time: OFFICE_TIME });
  await page.goto(`${hub.url}/`);
  return { context, page };
}

async function toSystem(page: Page) {
  await page.evaluate(() => {
    window.location.hash = '#/system';
  });
}

async function enroll(page: Page, labels: { code: string; join: string; joined: RegExp }) {
  await toSystem(page);
  await page.getByLabel(labels.code).fill(await enrollmentCode());
  await page.getByRole('button', { name: labels.join, exact: true }).click();
  await page.getByText(labels.joined).waitFor({ timeout: 30_000 });
}

describe('backups that restore (issue 11 §2) and durable storage (§3)', () => {
  let backupPath = '';
  let hashA = '';
  let deskA: { context: BrowserContext; page: Page };

  test('a backup made on one desk restores on a new laptop with the same state hash; numbering waits for a new enrollment', async () => {
    deskA = await newDesk();
    const { page } = deskA;
    await setUpOffice(page, { language: 'ru', office: KYZYLSAI_OFFICE, users: [SPECIALIST, AKIM] });
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
    await enroll(page, {
      code: 'Код подключения',
      join: 'Подключить',
      joined: /Рабочее место подключено к хабу/,
    });
    const first = await registerApplication(page, 'ru', {
      iin: '850315400124',
      lastName: 'Ахметова',
      firstName: 'Әлия',
    });
    expect(first.number).toMatch(/^KZL01-1-/);

    // Without a passphrase nobody can make a backup; the akim sets one (typed twice, long enough).
    await switchUser(page, 'ru', AKIM);
    await toSystem(page);
    const card = page.getByRole('article', { name: 'Резервная копия' });
    await expect
      .poll(() => card.getByRole('button', { name: 'Сделать резервную копию' }).isDisabled())
      .toBe(true);
    await card.getByLabel('Фраза восстановления', { exact: true }).fill('короткая');
    await card.getByLabel('Ещё раз').fill('короткая');
    await card.getByRole('button', { name: 'Сохранить фразу' }).click();
    await card.getByText('Фраза слишком короткая').waitFor();
    await card.getByLabel('Фраза восстановления', { exact: true }).fill(PASSPHRASE);
    await card.getByLabel('Ещё раз').fill(PASSPHRASE);
    await card.getByRole('button', { name: 'Сохранить фразу' }).click();
    await card.getByText('Фраза восстановления задана.').waitFor({ timeout: 30_000 });

    const downloading = page.waitForEvent('download');
    await card.getByRole('button', { name: 'Сделать резервную копию' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^KZL01-1-20261123-\d{4}\.akimat-backup$/);
    backupPath = join(work, download.suggestedFilename());
    await download.saveAs(backupPath);
    await card.getByText(/сохранён в «Загрузки»/).waitFor();
    await card.getByText('23.11.2026', { exact: false }).first().waitFor();
    await page.screenshot({ path: screenshotPath('backup-card-ru') });
    hashA = await deskStateHash(page, `${hub.url}/`);

    // A new laptop: a fresh profile. The wizard offers the restore.
    const { page: b } = await newDesk();
    await b.getByRole('button', { name: 'Сақтық көшірмеден қалпына келтіру' }).click();
    await b.getByRole('heading', { name: 'Сақтық көшірмеден қалпына келтіру', level: 1 }).waitFor();
    await b.locator('input[type="file"]').setInputFiles(backupPath);
    await b
      .getByText('Аппарат акима Кызылсайского сельского округа')
      .or(b.getByText(KYZYLSAI_OFFICE.nameKk))
      .waitFor();
    // A wrong passphrase: refused, said plainly, nothing written.
    await b.getByLabel('Қалпына келтіру сөзі').fill('Қызылсай мектебі 1979 жыл');
    await b.getByRole('button', { name: 'Қалпына келтіру', exact: true }).click();
    await b
      .getByText('Қалпына келтіру сөзі қате. Ештеңе қалпына келтірілмеді.')
      .waitFor({ timeout: 30_000 });
    await b.screenshot({ path: screenshotPath('backup-restore-wrong-kk') });
    expect(await deskStateHash(b, `${hub.url}/`)).not.toBe(hashA);
    await b.getByLabel('Қалпына келтіру сөзі').fill(PASSPHRASE);
    await b.getByRole('button', { name: 'Қалпына келтіру', exact: true }).click();
    await b.getByRole('button', { name: SPECIALIST.name }).waitFor({ timeout: 30_000 });
    expect(await deskStateHash(b, `${hub.url}/`)).toBe(hashA);

    // Numbering waits: the intake says why, and the command refuses.
    await logIn(b, SPECIALIST.name, SPECIALIST.pin);
    await b
      .getByRole('navigation')
      .getByRole('link', { name: /^(Өтініш қабылдау|Приём заявления)$/ })
      .click();
    const hold = b.getByRole('alert').filter({ hasText: /хабына қосыңыз|к хабу/ });
    await hold.first().waitFor();
    await b.screenshot({ path: screenshotPath('backup-restored-intake-hold-kk') });
    await b.getByRole('button', { name: 'Русский' }).click();
    await b
      .getByText('Рабочее место восстановлено из копии и пока не присваивает номера')
      .waitFor();
    await b.screenshot({ path: screenshotPath('backup-restored-intake-hold-ru') });

    // Enrolling again gives this laptop a number of its own; numbering resumes with it.
    await enroll(b, {
      code: 'Код подключения',
      join: 'Подключить',
      joined: /Рабочее место подключено к хабу, его номер в учреждении — 2/,
    });
    const next = await registerApplication(b, 'ru', {
      iin: '900101300126',
      lastName: 'Серікова',
      firstName: 'Дана',
    });
    expect(next.number).toMatch(/^KZL01-2-/);
  });

  test('a damaged backup is refused and the desk stays new', async () => {
    const { readFile, writeFile } = await import('node:fs/promises');
    const bytes = await readFile(backupPath);
    bytes[bytes.length - 30] = (bytes[bytes.length - 30] ?? 0) ^ 0xff;
    const damaged = join(work, 'damaged.akimat-backup');
    await writeFile(damaged, bytes);
    const { page } = await newDesk();
    await page
      .getByRole('button', { name: 'Русский' })
      .click()
      .catch(() => undefined);
    await page.getByRole('button', { name: /Сақтық көшірмеден|Восстановить из резервной/ }).click();
    await page.locator('input[type="file"]').setInputFiles(damaged);
    await page.getByLabel(/Қалпына келтіру сөзі|Фраза восстановления/).fill(PASSPHRASE);
    await page.getByRole('button', { name: /^(Қалпына келтіру|Восстановить)$/ }).click();
    await page
      .getByText(/Файл копии повреждён|Көшірме файлы бүлінген/)
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath('backup-restore-damaged-ru') });
    await page.getByRole('button', { name: /^(Артқа|Назад)$/ }).click();
    await page.getByRole('button', { name: /^(Әрі қарай|Далее)$/ }).waitFor();
  });

  test('the desk at another port says where the office data is (§3); the system page shows storage', async () => {
    const { page, context } = deskA;
    const other = await context.newPage();
    await other.clock.install({ time: OFFICE_TIME });
    await other.goto(`${proxyUrl}/`);
    await other
      .getByRole('heading', {
        name: /Осы компьютердегі мекеме деректері басқа мекенжай|Данные учреждения на этом компьютере/,
      })
      .waitFor();
    expect(await other.getByText(hub.url, { exact: true }).count()).toBeGreaterThan(0);
    expect(await other.getByText(proxyUrl, { exact: true }).count()).toBeGreaterThan(0);
    await other.screenshot({ path: screenshotPath('origin-note-kk') });
    // The wizard is still there if the person insists.
    await other
      .getByRole('button', { name: /Бәрібір жаңа мекемені баптау|Всё равно настроить/ })
      .click();
    await other.getByRole('button', { name: /^(Әрі қарай|Далее)$/ }).waitFor();

    await toSystem(page);
    const storage = page.getByRole('article', { name: 'Хранение данных' });
    await storage.getByText(hub.url).waitFor();
    await storage.getByText(/разрешено|не разрешено|не сообщает/).waitFor();
    await page.screenshot({ path: screenshotPath('system-storage-ru'), fullPage: true });
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByRole('article', { name: 'Деректерді сақтау' }).waitFor();
    await page.screenshot({ path: screenshotPath('system-backup-kk'), fullPage: true });

    // Eight days later the frame reminds.
    await page.clock.setSystemTime(new Date(OFFICE_TIME.getTime() + 8 * 86_400_000));
    await page.reload();
    await logIn(page, AKIM.name, AKIM.pin).catch(() => undefined);
    await page.getByText(/Соңғы сақтық көшірме — 23\.11\.2026/).waitFor();
    await page.screenshot({ path: screenshotPath('backup-reminder-kk') });
  });
});
