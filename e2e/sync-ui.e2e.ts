import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readHubConfig } from '../server/src/config';
import { startHub, type RunningHub } from '../server/src/hub';
import { addDistrict, addOffice, createEnrollmentCode } from '../server/src/registry/registry';
import { startThrowawayCluster, type ThrowawayCluster } from '../server/test/postgres-cluster';
import { launchChromium, screenshotPath } from './support/browser';
import {
  KYZYLSAI_OFFICE,
  logIn,
  registerApplication,
  setUpOffice,
  type DeskOffice,
  type DeskUser,
} from './support/desk';

// The desk's sync in its own interface: a desk joins the district hub from the system page with a
// one-time code, its status area says what waits and when it last synced, and each okrug's desk gets
// only its own office's data back. A hub on PostgreSQL of its own serves the built desk.

const DESK_DIR =
  process.env['AKIMAT_E2E_DESK_DIR'] ?? join(import.meta.dirname, '..', 'dist', 'renderer');

const BATYR_OFFICE: DeskOffice = {
  ...KYZYLSAI_OFFICE,
  nameKk: 'Батыр ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Батырского сельского округа',
  code: 'BTR02',
  address: 'Батыр ауылы, Абай көшесі, 3',
};
const A_SPECIALIST: DeskUser = { name: 'Сейітова Әйгерім', role: 'specialist', pin: '4826' };
const A_AKIM: DeskUser = { name: 'Жұмабаев Серік', role: 'akim', pin: '739146' };
const B_SPECIALIST: DeskUser = { name: 'Омарова Гүлнар', role: 'specialist', pin: '5173' };
const B_AKIM: DeskUser = { name: 'Тоқтаров Ерлан', role: 'akim', pin: '926417' };

let cluster: ThrowawayCluster;
let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database sync_ui');
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = '/sync_ui';
  hub = await startHub(
    {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn' }),
      database: { kind: 'postgresql', url: url.toString() },
    },
    { deskDir: DESK_DIR },
  );
  await addDistrict(
    hub.db,
    { code: 'AKK', nameKk: 'Ақкөл ауданы', nameRu: 'Аккольский район' },
    'admin',
  );
  for (const office of [KYZYLSAI_OFFICE, BATYR_OFFICE]) {
    await addOffice(
      hub.db,
      {
        districtCode: 'AKK',
        code: office.code,
        kind: 'akimat',
        nameKk: office.nameKk,
        nameRu: office.nameRu,
      },
      'admin',
    );
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await cluster?.stop();
});

async function code(officeCode: string): Promise<string> {
  const made = await createEnrollmentCode(hub.db, { officeCode }, 'admin', Date.now());
  if (!made.ok) throw new Error(made.reason);
  return made.value.code;
}

async function deskOf(office: DeskOffice, users: readonly DeskUser[], language: 'kk' | 'ru') {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1366, height: 768 },
  });
  const page: Page = await context.newPage();
  await page.goto(`${hub.url}/`);
  await setUpOffice(page, { language, office, users });
  await logIn(page, users[0]?.name ?? '', users[0]?.pin ?? '');
  return { context, page };
}

async function hubEventsOf(officeCode: string): Promise<number> {
  const { rows } = await hub.db.query<{ n: string }>(
    `select count(*)::text as n from hub_events e join offices o
       on o.id = e.office_id and o.district_id = e.district_id where o.code = $1`,
    [officeCode],
  );
  return Number(rows[0]?.n ?? 0);
}

describe('sync in the desk', () => {
  test('okrug A joins with a code from the system page (kk); its people reach the hub', async () => {
    const { page } = await deskOf(KYZYLSAI_OFFICE, [A_SPECIALIST, A_AKIM], 'kk');
    const area = page.locator('.frame-tools');
    await area.getByText('Хабқа қосылмаған').click();
    await page.getByRole('heading', { name: 'Синхрондау', level: 2 }).waitFor();

    // A mistyped code is caught on the form, a used-up one by the hub: each said in Kazakh.
    await page.getByLabel('Қосылу коды').fill('ABCD-12');
    await page.getByRole('button', { name: 'Қосу', exact: true }).click();
    await page.getByText('Код төрт таңбадан тұратын төрт топтан тұрады').waitFor();
    await page.getByLabel('Қосылу коды').fill('ABCD-EFGH-JKLM-NPQR');
    await page.getByRole('button', { name: 'Қосу', exact: true }).click();
    await page.getByText('Мұндай қосылу коды жоқ', { exact: false }).waitFor();

    await page.getByLabel('Қосылу коды').fill((await code('KZL01')).toLowerCase());
    await page.getByRole('button', { name: 'Қосу', exact: true }).click();
    await page.getByText('Жұмыс орны хабқа қосылды, оның мекемедегі нөмірі — 1.').waitFor();
    await expect.poll(() => hubEventsOf('KZL01'), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    await area.locator('summary').waitFor();
    await expect
      .poll(() => area.locator('summary').innerText(), { timeout: 20_000 })
      .toMatch(/синхрондалды/);
    await area.locator('summary').click();
    const panel = page.getByRole('region', { name: 'Аудандық хабпен синхрондау' });
    await panel.getByText('Соңғы сәтті синхрондау').waitFor();
    expect(await panel.locator('dd').nth(1).innerText()).toBe('0');
    await page.screenshot({ path: screenshotPath('sync-joined-kk') });
  });

  test('okrug B joins (ru) and sees its own people only, never okrug A’s', async () => {
    const { page, context } = await deskOf(BATYR_OFFICE, [B_SPECIALIST, B_AKIM], 'ru');
    await page.evaluate(() => {
      window.location.hash = '#/system';
    });
    await page.getByRole('heading', { name: 'Синхронизация', level: 2 }).waitFor();
    await page.getByLabel('Код подключения').fill(await code('BTR02'));
    await page.getByRole('button', { name: 'Подключить', exact: true }).click();
    await page.getByText('Рабочее место подключено к хабу').waitFor();
    await expect.poll(() => hubEventsOf('BTR02'), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await page.locator('.frame-tools summary').click();
    await page.getByText('Последняя успешная синхронизация').waitFor();
    await page.screenshot({ path: screenshotPath('sync-joined-ru') });

    // After a sync, the login screen of B lists B's people and none of A's.
    const again = await context.newPage();
    await again.goto(`${hub.url}/`);
    await again.getByRole('button', { name: B_SPECIALIST.name }).waitFor();
    expect(await again.getByRole('button', { name: A_SPECIALIST.name }).count()).toBe(0);
    expect(await again.getByRole('button', { name: A_AKIM.name }).count()).toBe(0);

    // A case registered now reaches the hub on "sync now"; its timeline says when the hub took it in.
    const { caseId } = await registerApplication(page, 'ru', {
      iin: '850315400124',
      lastName: 'Сейітова',
      firstName: 'Әйгерім',
      patronymic: 'Қайратқызы',
    });
    const before = await hubEventsOf('BTR02');
    await page.evaluate(() => {
      window.location.hash = '#/system';
    });
    await page.getByRole('button', { name: 'Синхронизировать сейчас' }).first().click();
    await expect.poll(() => hubEventsOf('BTR02'), { timeout: 20_000 }).toBeGreaterThan(before);
    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}`;
    }, caseId);
    const received = page.locator('.cp-event-hub').first();
    await received.waitFor({ timeout: 20_000 });
    expect(await received.innerText()).toMatch(
      /^Принято районным хабом: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/,
    );
    await received.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('sync-case-received-ru') });
    // The same line in Kazakh.
    await page.getByRole('button', { name: 'Қазақша' }).click();
    const receivedKk = page.locator('.cp-event-hub').first();
    await expect
      .poll(() => receivedKk.innerText(), { timeout: 10_000 })
      .toMatch(/^Аудан хабы қабылдады: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    await receivedKk.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('sync-case-received-kk') });
  });
});
