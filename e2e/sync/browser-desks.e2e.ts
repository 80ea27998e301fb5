// Two akimat desks in Chromium and a real hub on PostgreSQL (issue 8, its first e2e): the scenario of
// e2e/sync/desks-and-hub.e2e.ts, driven through the built desk's own screens as the specialist and
// the akim would, each desk in its own browser context at 1366×768. What it shows:
// - Each desk is set up with the wizard, loses its network (context.setOffline), registers cases at
//   intake and has its akim resolve one; back online, it joins from the system page with a one-time
//   code the district admin made, syncs with "sync now", and its status area says nothing waits.
// - Each desk's journal shows only its own office's cases, and the hub holds each case in its office.
// - Desk A reinstalled (a fresh context, an empty IndexedDB), set up again and joined with a new code,
//   gets its cases back in the journal, and numbers a new case with the laptop number the hub gave it,
//   so no earlier number is used again.
// - At the end the hub's case state hash of each okrug equals each of its desks' (printed, for the
//   issue's note). The desk's hash is the desk's own deskCaseStateHash over the events its IndexedDB
//   holds, read through the desk's at-rest layer by the fixtures page of the same origin (the
//   payloads in the store are sealed under the desk's data key).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { deskStateHash } from '../support/fixtures';
import { readHubConfig } from '../../server/src/config';
import { startHub, type RunningHub } from '../../server/src/hub';
import { addDistrict, addOffice, createEnrollmentCode } from '../../server/src/registry/registry';
import { startThrowawayCluster, type ThrowawayCluster } from '../../server/test/postgres-cluster';
import { launchChromium, screenshotPath } from '../support/browser';
import {
  imposeResolution,
  KYZYLSAI_OFFICE,
  logIn,
  registerApplication,
  setUpOffice,
  switchUser,
  type DeskApplicant,
  type DeskLanguage,
  type DeskOffice,
  type DeskUser,
} from '../support/desk';
import { hubStateHash } from '../support/sync-desks';

const BATYR_OFFICE: DeskOffice = {
  ...KYZYLSAI_OFFICE,
  nameKk: 'Батыр ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Батырского сельского округа',
  code: 'BTR02',
  address: 'Батыр ауылы, Абай көшесі, 3',
};

interface Okrug {
  office: DeskOffice;
  language: DeskLanguage;
  specialist: DeskUser;
  akim: DeskUser;
  /** Registered offline, before the desk ever joins. */
  applicants: readonly DeskApplicant[];
}

const A: Okrug = {
  office: KYZYLSAI_OFFICE,
  language: 'kk',
  specialist: { name: 'Сейітова Әйгерім', role: 'specialist', pin: '4826' },
  akim: { name: 'Жұмабаев Серік', role: 'akim', pin: '739146' },
  applicants: [
    { iin: '850315400124', lastName: 'Сейітова', firstName: 'Әйгерім', patronymic: 'Қайратқызы' },
    { iin: '790622300450', lastName: 'Нұрланов', firstName: 'Ерболат' },
    { iin: '850101301003', lastName: 'Әбенов', firstName: 'Нұрлан', patronymic: 'Қайратұлы' },
  ],
};
const B: Okrug = {
  office: BATYR_OFFICE,
  language: 'ru',
  specialist: { name: 'Омарова Гүлнар', role: 'specialist', pin: '5173' },
  akim: { name: 'Тоқтаров Ерлан', role: 'akim', pin: '926417' },
  applicants: [
    { iin: '880704401003', lastName: 'Иванова', firstName: 'Елена', patronymic: 'Сергеевна' },
    { iin: '910220300442', lastName: 'Ыбыраев', firstName: 'Ерлан' },
    { iin: '820130401002', lastName: 'Үсенова', firstName: 'Гүлнар' },
  ],
};
/** Registered on desk A after its reinstall. */
const A_AFTER_REINSTALL: DeskApplicant = {
  iin: '790512301004',
  lastName: 'Ахметов',
  firstName: 'Бақыт',
};

/** What the sync screens say, in each language (locales/{kk,ru}/sync.json). */
const SYNC_UI = {
  kk: {
    system: 'Жүйе туралы',
    hubHeading: 'Синхрондау',
    code: 'Қосылу коды',
    join: 'Қосу',
    joined: /^Жұмыс орны хабқа қосылды, оның мекемедегі нөмірі — (\d+)\./,
    syncNow: 'Қазір синхрондау',
    synced: /синхрондалды$/,
    panel: 'Аудандық хабпен синхрондау',
    journal: 'Тіркеу журналы',
  },
  ru: {
    system: 'О системе',
    hubHeading: 'Синхронизация',
    code: 'Код подключения',
    join: 'Подключить',
    joined: /^Рабочее место подключено к хабу, его номер в учреждении — (\d+)\./,
    syncNow: 'Синхронизировать сейчас',
    synced: /^Синхронизировано в /,
    panel: 'Синхронизация с районным хабом',
    journal: 'Журнал регистрации',
  },
} as const;

let cluster: ThrowawayCluster;
let hub: RunningHub;
let browser: Browser;
/** The built desk, copied: another build of dist/ during the run cannot pull files from under it. */
let deskDir: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  deskDir = await mkdtemp(join(tmpdir(), 'akimat-e2e-two-desks-'));
  await cp(inject('deskDir'), deskDir, { recursive: true });
  cluster = await startThrowawayCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database two_desks');
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = '/two_desks';
  hub = await startHub(
    {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn' }),
      database: { kind: 'postgresql', url: url.toString() },
    },
    { deskDir },
  );
  await addDistrict(
    hub.db,
    { code: 'AKK', nameKk: 'Ақкөл ауданы', nameRu: 'Аккольский район' },
    'admin',
  );
  for (const { office } of [A, B]) {
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

afterEach(async ({ task }) => {
  // A failed run leaves a picture of where each desk stopped.
  if (task.result?.state !== 'fail') return;
  for (const [i, context] of contexts.entries()) {
    for (const page of context.pages()) {
      await page
        .screenshot({ path: screenshotPath(`failed-two-desks-${i}`), fullPage: true })
        .catch(() => undefined);
    }
  }
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await cluster?.stop();
  if (deskDir) await rm(deskDir, { recursive: true, force: true });
});

/** A one-time enrollment code the district admin makes for an office. */
async function enrollmentCode(officeCode: string): Promise<string> {
  const made = await createEnrollmentCode(hub.db, { officeCode }, 'admin', Date.now());
  if (!made.ok) throw new Error(made.reason);
  return made.value.code;
}

/** A laptop with the desk loaded from the hub and set up with the wizard; the specialist logged in. */
async function installDesk(okrug: Okrug): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${hub.url}/`);
  await setUpOffice(page, {
    language: okrug.language,
    office: okrug.office,
    users: [okrug.specialist, okrug.akim],
  });
  await logIn(page, okrug.specialist.name, okrug.specialist.pin);
  return { context, page };
}

/** Joins the hub from the system page with a fresh code; returns the laptop number the hub gave. */
async function joinHub(page: Page, okrug: Okrug): Promise<number> {
  const l = SYNC_UI[okrug.language];
  await page.getByRole('navigation').getByRole('link', { name: l.system, exact: true }).click();
  await page.getByRole('heading', { name: l.hubHeading, level: 2 }).waitFor();
  await page.getByLabel(l.code, { exact: true }).fill(await enrollmentCode(okrug.office.code));
  await page.getByRole('button', { name: l.join, exact: true }).click();
  const joined = page.getByText(l.joined);
  await joined.waitFor({ timeout: 20_000 });
  return Number(l.joined.exec(await joined.innerText())?.[1]);
}

/**
 * "Sync now" in the hub card, then the frame's status area: it must come to say the desk synced and
 * nothing waits, with no failure and nothing refused.
 */
async function syncNow(page: Page, language: DeskLanguage): Promise<void> {
  const l = SYNC_UI[language];
  await page.getByRole('navigation').getByRole('link', { name: l.system, exact: true }).click();
  await page.getByRole('button', { name: l.syncNow, exact: true }).click();
  const area = page.locator('.frame-tools .sync-area');
  const summary = area.locator('summary');
  await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toMatch(l.synced);
  await summary.click();
  const panel = page.getByRole('region', { name: l.panel });
  // Events waiting: none.
  expect(await panel.locator('dd').nth(1).innerText()).toBe('0');
  expect(await panel.getByRole('alert').count()).toBe(0);
  expect(await area.locator('.sync-rejected-count').count()).toBe(0);
  await summary.click();
}

/** The registration numbers and applicants the journal lists, once it lists `count` rows. */
async function journalRows(page: Page, language: DeskLanguage, count: number): Promise<string[]> {
  const l = SYNC_UI[language];
  await page.getByRole('navigation').getByRole('link', { name: l.journal, exact: true }).click();
  await page.getByRole('heading', { name: l.journal, level: 1 }).waitFor();
  const lines = page.locator('.journal-line');
  await expect.poll(() => lines.count(), { timeout: 15_000 }).toBe(count);
  return lines.allInnerTexts();
}

/** Offline: the specialist registers the okrug's applications and the akim resolves the first. */
async function workOffline(page: Page, context: BrowserContext, okrug: Okrug) {
  await context.setOffline(true);
  const cases = [];
  for (const applicant of okrug.applicants) {
    cases.push(await registerApplication(page, okrug.language, applicant));
  }
  await switchUser(page, okrug.language, okrug.akim);
  await imposeResolution(page, okrug.language, cases[0]?.caseId ?? '', okrug.akim.pin);
  await switchUser(page, okrug.language, okrug.specialist);
  return cases;
}

describe('two akimat desks in the browser and a hub on PostgreSQL', () => {
  test('offline cases reach the hub, each desk sees only its okrug, a reinstalled desk gets its cases back and numbers on, and every state hash agrees', async () => {
    const deskA = await installDesk(A);
    const deskB = await installDesk(B);
    const casesA = await workOffline(deskA.page, deskA.context, A);
    const casesB = await workOffline(deskB.page, deskB.context, B);
    const numbersA = casesA.map((c) => c.number);
    const numbersB = casesB.map((c) => c.number);
    // Offline, each laptop numbers its office's cases with the laptop number typed at setup (1).
    expect(numbersA).toEqual(
      numbersA.map((_, i) => expect.stringMatching(`^KZL01-1-000${i + 1}/`)),
    );
    expect(numbersB).toEqual(
      numbersB.map((_, i) => expect.stringMatching(`^BTR02-1-000${i + 1}/`)),
    );
    // Nothing reached the hub while the desks were offline.
    expect((await hubStateHash(hub.db, 'AKK', 'KZL01')).events).toBe(0);

    // Online: each joins with its own one-time code and syncs.
    for (const [desk, okrug] of [
      [deskA, A],
      [deskB, B],
    ] as const) {
      await desk.context.setOffline(false);
      expect(await joinHub(desk.page, okrug)).toBe(1);
      await syncNow(desk.page, okrug.language);
    }

    // The hub holds each case in its own office: 3 registrations each, and A's and B's resolution.
    const hubA = await hubStateHash(hub.db, 'AKK', 'KZL01');
    const hubB = await hubStateHash(hub.db, 'AKK', 'BTR02');
    expect(hubA.caseIds).toEqual(casesA.map((c) => c.caseId).sort());
    expect(hubB.caseIds).toEqual(casesB.map((c) => c.caseId).sort());

    // Each desk's journal lists its own cases and none of the other okrug's.
    for (const [desk, okrug, own, other] of [
      [deskA, A, numbersA, B],
      [deskB, B, numbersB, A],
    ] as const) {
      const rows = (await journalRows(desk.page, okrug.language, own.length)).join('\n');
      for (const number of own) expect(rows).toContain(number);
      for (const applicant of okrug.applicants) expect(rows).toContain(applicant.lastName);
      expect(rows).not.toMatch(other.office.code);
      for (const applicant of other.applicants) expect(rows).not.toContain(applicant.lastName);
    }
    await deskA.page.screenshot({ path: screenshotPath('sync-two-desks-a-kk') });
    await deskB.page.screenshot({ path: screenshotPath('sync-two-desks-b-ru') });

    // Desk A reinstalled: a fresh laptop profile, the wizard again (laptop 1 typed again), a new
    // code. The hub gives it laptop number 2, and its office's cases come back.
    const again = await installDesk(A);
    expect(await joinHub(again.page, A)).toBe(2);
    await syncNow(again.page, A.language);
    const back = (await journalRows(again.page, A.language, casesA.length)).join('\n');
    for (const number of numbersA) expect(back).toContain(number);
    expect(back).not.toMatch(B.office.code);

    // A new case on the reinstalled desk takes a number no case of the district ever had.
    const fresh = await registerApplication(again.page, A.language, A_AFTER_REINSTALL);
    expect(fresh.number).toMatch(/^KZL01-2-0001\//);
    expect([...numbersA, ...numbersB]).not.toContain(fresh.number);
    await syncNow(again.page, A.language);
    // And the act names the device the hub enrolled, not the laptop the first install was.
    const { rows: acts } = await hub.db.query<{ caseId: string; deviceId: string }>(
      `select body->>'caseId' as "caseId", body->'actor'->>'deviceId' as "deviceId"
       from hub_events where district_id = 'AKK' and stream = 'case'`,
    );
    const devicesOf = (ids: readonly string[]) =>
      new Set(acts.filter((a) => ids.includes(a.caseId)).map((a) => a.deviceId));
    expect(devicesOf([fresh.caseId]).size).toBe(1);
    for (const device of devicesOf([fresh.caseId])) {
      expect(devicesOf(casesA.map((c) => c.caseId))).not.toContain(device);
    }
    // The first install of A hears of it too, and lists four distinct numbers.
    await syncNow(deskA.page, A.language);
    const allA = await journalRows(deskA.page, A.language, casesA.length + 1);
    expect(allA.join('\n')).toContain(fresh.number);
    await syncNow(deskB.page, B.language);

    // Every party agrees on every case of its scope.
    const endA = await hubStateHash(hub.db, 'AKK', 'KZL01');
    const endB = await hubStateHash(hub.db, 'AKK', 'BTR02');
    const hashes = {
      hubA: endA.hash,
      deskA: await deskStateHash(deskA.page, `${hub.url}/`),
      deskAReinstalled: await deskStateHash(again.page, `${hub.url}/`),
      hubB: endB.hash,
      deskB: await deskStateHash(deskB.page, `${hub.url}/`),
    };
    console.log(
      `case state hashes in the browser (okrug A: ${endA.caseIds.length} cases, ${endA.events} events; okrug B: ${endB.caseIds.length} cases, ${endB.events} events)`,
      hashes,
    );
    expect(endA.caseIds).toEqual([...casesA.map((c) => c.caseId), fresh.caseId].sort());
    expect(hashes.deskA).toBe(hashes.hubA);
    expect(hashes.deskAReinstalled).toBe(hashes.hubA);
    expect(hashes.deskB).toBe(hashes.hubB);
    expect(hashes.hubA).not.toBe(hashes.hubB);
  });
});
