import { readSheet } from 'read-excel-file/node';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { sampleApplicant, sampleRegistered, sampleRegistrationDraft } from '../shared/case/testing';
import { AKIM, logIn, setUpOffice, SPECIALIST } from './support/desk';
import { openFixtures, type DeskFixtures, type RegistrationDraft } from './support/fixtures';

// The deadlines dashboard and the registration journal, at a fixed office time: Monday 23.11.2026,
// 10:00 in Kazakhstan. The working days after it are 24, 25, 26 and 27.11, so a case due 26.11 is
// "due within 3 working days" and one due 27.11 is not. The office's earlier cases are made through
// the desk's own commands (support/fixtures), so their rows are the desk's own projection.

let browser: Browser;
let context: BrowserContext;
let page: Page;

const TSA = 'targeted-social-assistance';
const CHILD = 'child-benefit-under-18';
const FUEL = 'fuel-aid-rural-social-specialists';

/** Where an earlier case has got to by the test's day, and how it got there. */
type Path =
  | 'registered'
  | 'resolutionImposed'
  | 'atCommission'
  | 'forwarded'
  | 'returned'
  | 'issued'
  | 'withdrawn'
  | 'suspended';

interface EarlierCase {
  n: number;
  name: readonly [string, string, string?];
  iin: string;
  serviceId: string;
  /** The day the office accepted the package (10:00); the store works out the due date. */
  received: string;
  path: Path;
}

// Due dates as the store counts them (22 working days for TSA, 30 calendar days for child benefit,
// 15 working days for fuel aid), against Monday 23.11.2026.
const CASES: readonly EarlierCase[] = [
  // Due Fri 20.11: overdue by 1 working day.
  {
    n: 1,
    name: ['Әбенов', 'Нұрлан', 'Қайратұлы'],
    iin: '850101300115',
    serviceId: TSA,
    received: '2026-10-20',
    path: 'atCommission',
  },
  // Due Mon 23.11 (30 days end on Sunday 22.11): due today.
  {
    n: 2,
    name: ['Сейітова', 'Әйгерім', 'Қайратқызы'],
    iin: '850315400124',
    serviceId: CHILD,
    received: '2026-10-23',
    path: 'registered',
  },
  // Due Thu 26.11: within 3 working days.
  {
    n: 3,
    name: ['Ахметов', 'Бақыт'],
    iin: '790512300227',
    serviceId: FUEL,
    received: '2026-11-05',
    path: 'forwarded',
  },
  // Due Thu 10.12: on time.
  {
    n: 4,
    name: ['Иванова', 'Елена', 'Сергеевна'],
    iin: '880704400331',
    serviceId: TSA,
    received: '2026-11-10',
    path: 'returned',
  },
  {
    n: 5,
    name: ['Ыбыраев', 'Ерлан'],
    iin: '910220300442',
    serviceId: TSA,
    received: '2026-10-02',
    path: 'issued',
  },
  {
    n: 6,
    name: ['Ісаев', 'Ілияс'],
    iin: '930911300553',
    serviceId: TSA,
    received: '2026-10-15',
    path: 'withdrawn',
  },
  // Due Thu 19.11: overdue by 2 working days.
  {
    n: 7,
    name: ['Үсенова', 'Гүлнар'],
    iin: '820130400664',
    serviceId: TSA,
    received: '2026-10-19',
    path: 'resolutionImposed',
  },
  // Due Fri 27.11: 4 working days left, on time.
  {
    n: 8,
    name: ['Ким', 'Виктор'],
    iin: '750615300775',
    serviceId: CHILD,
    received: '2026-10-28',
    path: 'forwarded',
  },
  // Fuel aid due 11.11, suspended on 30.10: the applicant moved away (001:9284 / 3107). Never overdue.
  {
    n: 9,
    name: ['Жақыпов', 'Медет'],
    iin: '800808300889',
    serviceId: FUEL,
    received: '2026-10-20',
    path: 'suspended',
  },
];
const FILLER = 2400;

const at = (day: string, time: string) => `${day}T${time}`;

function draftOf(c: EarlierCase): RegistrationDraft {
  const draft = sampleRegistrationDraft({
    serviceId: c.serviceId,
    receivedAt: at(c.received, '10:00'),
    applicant: {
      ...sampleApplicant,
      iin: c.iin,
      lastName: c.name[0],
      firstName: c.name[1],
      patronymic: c.name[2],
      inMobileCitizensDb: false,
    },
  });
  return draft;
}

/** The office's earlier cases, registered and moved on by the desk's own commands. */
async function seedEarlierCases(fixtures: DeskFixtures, specialistId: string): Promise<void> {
  for (const c of CASES) {
    const caseId = `e2e-case-${c.n}`;
    const S = SPECIALIST.name;
    await fixtures.register(caseId, S, draftOf(c));
    const day = c.received;
    const resolve = () =>
      fixtures.append(
        caseId,
        AKIM.name,
        'ResolutionImposed',
        { executorUserId: specialistId, text: 'Қарап, шара қолдансын' },
        at(day, '10:30'),
      );
    const forward = () =>
      fixtures.append(
        caseId,
        S,
        'ForwardedToDistrict',
        { registerId: `r-${c.n}`, registerNumber: `KZL01-1-R${c.n}/2026` },
        at(day, '15:00'),
      );
    switch (c.path) {
      case 'registered':
        break;
      case 'resolutionImposed':
        await resolve();
        break;
      case 'atCommission':
        await resolve();
        await fixtures.append(caseId, S, 'SentToCommission', {}, at(day, '11:00'));
        break;
      case 'forwarded':
        await resolve();
        await forward();
        break;
      case 'returned':
      case 'issued':
        await resolve();
        await forward();
        await fixtures.append(
          caseId,
          S,
          'DistrictResultRecorded',
          {
            decision: {
              outcome: 'grant',
              number: `${c.n}-шш`,
              date: '2026-11-18',
              amountTiyn: 2_500_000,
            },
            receivedOn: '2026-11-19',
          },
          '2026-11-19T10:00',
        );
        if (c.path === 'issued') {
          await fixtures.append(
            caseId,
            S,
            'ResultIssued',
            {
              date: '2026-11-20',
              way: 'inPerson',
              to: { kind: 'applicant', name: `${c.name[0]} ${c.name[1]}` },
            },
            '2026-11-20T11:00',
          );
        }
        break;
      case 'withdrawn':
        await fixtures.append(
          caseId,
          S,
          'Withdrawn',
          { reason: 'Өтініш берушінің жазбаша өтініші', requestDate: '2026-10-20' },
          '2026-10-20T12:00',
        );
        break;
      case 'suspended':
        await fixtures.append(
          caseId,
          S,
          'TermSuspended',
          { reason: 'Өтініш беруші аудан орталығына көшті', groundCode: 'moved-away' },
          '2026-10-30T12:00',
        );
        break;
    }
  }
}

/**
 * Last year's closed cases, from the desk's other laptop: they fill the journal, never the dashboard.
 * They come in through the desk's import of events from elsewhere, so their rows are projected too.
 */
async function importFiller(
  fixtures: DeskFixtures,
  specialistId: string,
  akimId: string,
): Promise<void> {
  const office = await fixtures.office();
  const names = [
    ['Жұмабаев', 'Серік'],
    ['Петрова', 'Ольга'],
    ['Қасымова', 'Сәуле'],
  ] as const;
  const batch: unknown[] = [];
  const flush = async () => {
    const result = await fixtures.importEvents(
      batch.splice(0),
      Date.parse('2026-11-23T08:00:00+05:00'),
    );
    expect(result.invalid).toEqual([]);
  };
  for (let i = 0; i < FILLER; i++) {
    const [lastName, firstName] = names[i % names.length] ?? names[0];
    const day = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const caseId = `e2e-old-${i}`;
    let k = 0;
    const event = (type: string, role: 'specialist' | 'akim', time: string, payload: unknown) => {
      k += 1;
      const wall = Date.parse(`${day}T${time}:00+05:00`);
      return {
        id: `${caseId}-${k}`,
        v: 2,
        caseId,
        type,
        payload,
        actor: {
          userId: role === 'akim' ? akimId : specialistId,
          role,
          officeId: office.officeId,
          districtId: office.districtId,
          deviceId: 'desk-old',
        },
        legalTime: `${day}T${time}`,
        hlc: `${String(wall).padStart(15, '0')}-${String(k).padStart(6, '0')}-desk-old`,
      };
    };
    batch.push(
      event('Registered', 'specialist', '11:00', {
        ...sampleRegistered({
          serviceId: TSA,
          ruleSetId: '001-timiryazev-2012-n302',
          receivedAt: `${day}T11:00`,
          registrationDate: day,
          registrationNumber: `KZL01-1-${String(i + 1).padStart(4, '0')}/2025`,
          dueDate: day,
          applicant: {
            ...sampleApplicant,
            iin: `9${String(i).padStart(11, '0')}`,
            lastName,
            firstName,
            patronymic: undefined,
            inMobileCitizensDb: false,
          },
        }),
        applicant: {
          ...sampleApplicant,
          iin: `9${String(i).padStart(11, '0')}`,
          lastName,
          firstName,
          inMobileCitizensDb: false,
        },
      }),
      event('ResolutionImposed', 'akim', '11:30', {
        executorUserId: specialistId,
        text: 'Орындау',
      }),
      event('ForwardedToDistrict', 'specialist', '15:00', {
        registerId: `old-r-${i}`,
        registerNumber: `R-${i}`,
      }),
      event('DistrictResultRecorded', 'specialist', '16:00', {
        decision: { outcome: 'grant', number: `${i}`, date: day, amountTiyn: 1_000_000 },
        receivedOn: day,
      }),
      event('ResultIssued', 'specialist', '17:00', {
        date: day,
        way: 'inPerson',
        to: { kind: 'applicant', name: lastName },
      }),
    );
    if (batch.length >= 1500) await flush();
  }
  if (batch.length > 0) await flush();
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    acceptDownloads: true,
  });
  // Notifications are recorded instead of shown: the page sees a granted permission.
  await context.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission() {
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body ?? '' });
      }
      close() {}
    }
    Object.assign(window, { Notification: RecordedNotification, shownNotifications: shown });
  });
  page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
  await page.goto(inject('deskUrl'));
  await setUpOffice(page, { language: 'kk' });
  const fixtures = await openFixtures(context, inject('deskUrl'));
  const users = await fixtures.page.evaluate(() =>
    (
      window as unknown as { akimatFixtures: { users(): Promise<{ id: string; name: string }[]> } }
    ).akimatFixtures.users(),
  );
  const idOf = (name: string) => users.find((u) => u.name === name)?.id ?? '';
  await seedEarlierCases(fixtures, idOf(SPECIALIST.name));
  await importFiller(fixtures, idOf(SPECIALIST.name), idOf(AKIM.name));
  await fixtures.close();
  await logIn(page, SPECIALIST.name, SPECIALIST.pin);
});

afterAll(async () => {
  await browser.close();
});

const shownNotifications = () =>
  page.evaluate(
    () =>
      (window as unknown as { shownNotifications: { title: string; body: string }[] })
        .shownNotifications,
  );
const journalCount = () => page.locator('.journal-count');
const lines = () => page.locator('.journal-line');

describe('deadlines dashboard', () => {
  test('opens first, with the figures per service and the cases behind them', async () => {
    await page.getByRole('heading', { name: 'Мерзімдерді бақылау', level: 1 }).waitFor();
    const totals = page.locator('.dashboard-total-card');
    await expect
      .poll(() => totals.allInnerTexts())
      .toEqual([
        '2\nМерзімі өткен',
        // Ким Виктор's child benefit: the district's hour to form the case (001:7174) ran out at the
        // district, so it is counted as the district's, never among the akimat's overdue.
        '1\nАуданда мерзімі өткен',
        '1\nБүгін бітеді',
        '1\n3 жұмыс күні ішінде',
        '1\nТоқтатыла тұрғандар',
      ]);
    // The most urgent figure is open: the overdue cases of every service, earliest due first.
    const list = page.locator('.dashboard-case-list tbody tr');
    await expect.poll(() => list.count()).toBe(2);
    expect(await list.nth(0).innerText()).toContain('Үсенова Гүлнар');
    expect(await list.nth(1).innerText()).toContain('Әбенов Нұрлан Қайратұлы');
    expect(await list.nth(1).innerText()).toContain('1 жұмыс күні кешікті');

    const tsa = page.getByRole('row', { name: /Мемлекеттік атаулы әлеуметтік көмекті тағайындау/ });
    expect(await tsa.getByRole('button').allInnerTexts()).toEqual(['2']);
    await page.getByRole('button', { name: 'Бүгін бітеді: 1 — Барлығы' }).click();
    await expect.poll(() => list.count()).toBe(1);
    expect(await list.nth(0).innerText()).toContain('Сейітова Әйгерім Қайратқызы');
    await page.screenshot({ path: screenshotPath('dashboard-kk'), fullPage: true });

    await page.getByRole('link', { name: 'KZL01-1-0002/2026' }).click();
    await page.waitForURL(/#\/cases\/e2e-case-2$/);
    await page.goBack();
    await page.getByRole('heading', { name: 'Мерзімдерді бақылау', level: 1 }).waitFor();

    // A suspended case stands apart: its term does not run, so it is never counted as overdue.
    await page.getByRole('button', { name: 'Тоқтатыла тұрғандар: 1 — Барлығы' }).click();
    await expect.poll(() => list.count()).toBe(1);
    expect(await list.nth(0).innerText()).toContain('Жақыпов Медет');
    await page.screenshot({ path: screenshotPath('dashboard-suspended-kk'), fullPage: true });
  });

  test('the morning reminder is shown once on the day', async () => {
    await expect.poll(shownNotifications).toEqual([
      {
        title: 'Akimat Desk: өтініштердің мерзімі',
        // The specialist's today list, named with the step that is due (the district's is not hers).
        body: [
          'Мерзімі өткен өтініш: 2',
          'Мерзімі бүгін бітетін өтініш: 1',
          'KZL01-1-0007/2026 — Істі қалыптастыру: Мерзімі өтті',
          'KZL01-1-0001/2026 — Учаскелік комиссияның тексеруі: Мерзімі өтті',
          'KZL01-1-0002/2026 — Қызмет көрсету мерзімі: Бүгін бітеді',
        ].join('\n'),
      },
    ]);
    await page.getByRole('navigation').getByRole('link', { name: 'Тіркеу журналы' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Мерзімдерді бақылау' }).click();
    await page.getByRole('heading', { name: 'Мерзімдерді бақылау', level: 1 }).waitFor();
    await page.waitForTimeout(500);
    expect(await shownNotifications()).toHaveLength(1);
  });
});

describe('registration journal', () => {
  test('lists every case, newest first, with the term status in colour and words', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Тіркеу журналы' }).click();
    await page.getByRole('heading', { name: 'Тіркеу журналы', level: 1 }).waitFor();
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?409 өтініш$/);
    const first = lines().first();
    await expect.poll(() => first.innerText()).toContain('KZL01-1-0004/2026');
    expect(await first.innerText()).toContain('Иванова Елена Сергеевна');
    expect(await first.getAttribute('class')).toContain('journal-tone-ok');
    expect(await page.getByRole('columnheader').allInnerTexts()).toEqual([
      'Нөмірі',
      'Күні',
      'Өтініш беруші',
      'Қызмет',
      'Кезең',
      'Мерзімі',
      'Мерзім жағдайы',
    ]);
    await page.screenshot({ path: screenshotPath('journal-kk') });
  });

  test('finds by a name prefix with Kazakh letters folded, by IIN, and by the number sequence', async () => {
    const search = page.getByLabel('Іздеу', { exact: true });
    await search.fill('абен');
    await expect.poll(() => journalCount().innerText()).toMatch(/^1 өтініш \(журналда барлығы/);
    expect(await lines().first().innerText()).toContain('Әбенов Нұрлан Қайратұлы');
    expect(await lines().first().getAttribute('class')).toContain('journal-tone-bad');

    // The whole IIN: the journal keeps IINs as blind values, never searched by their first digits.
    await search.fill('850315400124');
    await expect.poll(() => lines().first().innerText()).toContain('Сейітова Әйгерім');
    expect(await journalCount().innerText()).toMatch(/^1 өтініш/);

    // The sequence alone, without the office and desk prefix: every year's case 7.
    await search.fill('0007');
    await expect.poll(() => journalCount().innerText()).toMatch(/^2 өтініш/);
    await expect
      .poll(() => lines().allInnerTexts())
      .toEqual([
        expect.stringContaining('KZL01-1-0007/2026'),
        expect.stringContaining('KZL01-1-0007/2025'),
      ]);
    await page.screenshot({ path: screenshotPath('journal-search-kk') });
    await search.fill('');
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?409 өтініш$/);
  });

  test('a suspended fuel-aid case is listed as suspended, not overdue', async () => {
    await page
      .getByLabel('Мерзім', { exact: true })
      .selectOption({ label: 'Мерзімі тоқтатыла тұрғандар' });
    await expect.poll(() => journalCount().innerText()).toMatch(/^1 өтініш/);
    const line = lines().first();
    await expect.poll(() => line.innerText()).toContain('Жақыпов Медет');
    expect(await line.innerText()).toContain('Тоқтатыла тұрды');
    expect(await line.getAttribute('class')).toContain('journal-tone-paused');
    await page.screenshot({ path: screenshotPath('journal-suspended-kk') });
    await page.getByLabel('Мерзім', { exact: true }).selectOption({ label: 'Мерзімі өткен' });
    await expect
      .poll(async () => (await lines().allInnerTexts()).join('|'))
      .not.toContain('Жақыпов');
    await page.getByRole('button', { name: 'Сүзгілерді тазарту' }).click();
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?409 өтініш$/);
  });

  test('filters overdue cases, sorts by name in the Kazakh alphabet, and opens a case', async () => {
    await page.getByLabel('Мерзім', { exact: true }).selectOption({ label: 'Мерзімі өткен' });
    // Every late case, whoever's: the akimat's two and Ким Виктор's, late at the district (its status
    // says so in its own colour).
    await expect.poll(() => journalCount().innerText()).toMatch(/^3 өтініш/);
    await page.getByLabel('Кезең', { exact: true }).selectOption({ label: 'Орындалуда' });
    await page.getByLabel('Мерзім', { exact: true }).selectOption({ label: 'Кез келген мерзім' });
    await page.getByLabel('Сұрыптау', { exact: true }).selectOption({ label: 'Аты-жөні (А–Я)' });
    await expect.poll(() => journalCount().innerText()).toMatch(/^7 өтініш/);
    // The applicant is the third line of a row's text (number, date, name, IIN, …).
    const names = async () => (await lines().allInnerTexts()).map((text) => text.split('\n')[2]);
    await expect
      .poll(names)
      .toEqual([
        'Ахметов Бақыт',
        'Әбенов Нұрлан Қайратұлы',
        'Жақыпов Медет',
        'Иванова Елена Сергеевна',
        'Ким Виктор',
        'Сейітова Әйгерім Қайратқызы',
        'Үсенова Гүлнар',
      ]);
    await lines().nth(4).click();
    await page.waitForURL(/#\/cases\/e2e-case-8$/);
    await page.goBack();
    // Back on the same list: the filters live in the address.
    await expect.poll(() => journalCount().innerText()).toMatch(/^7 өтініш/);
    await page.getByRole('button', { name: 'Сүзгілерді тазарту' }).click();
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?409 өтініш$/);
  });

  test('exports the list as shown to an XLSX file named by the date', async () => {
    await page.getByLabel('Кезең', { exact: true }).selectOption({ label: 'Орындалуда' });
    await expect.poll(() => journalCount().innerText()).toMatch(/^7 өтініш/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'XLSX-ке жүктеп алу' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('journal-2026-11-23.xlsx');
    const sheet = await readSheet(await download.path());
    expect(sheet).toHaveLength(8);
    expect(sheet[0]).toEqual([
      'Нөмірі',
      'Күні',
      'Өтініш беруші',
      'ЖСН',
      'Қызмет',
      'Кезең',
      'Мерзімі',
      'Мерзім жағдайы',
    ]);
    expect(sheet[1]).toEqual([
      'KZL01-1-0004/2026',
      new Date(Date.UTC(2026, 10, 10)),
      'Иванова Елена Сергеевна',
      '880704400331',
      'Мемлекеттік атаулы әлеуметтік көмекті тағайындау',
      'Нәтиже әкім аппаратында',
      new Date(Date.UTC(2026, 11, 10)),
      'Мерзімінде (13 жұмыс күні қалды)',
    ]);
    await page.getByRole('button', { name: 'Сүзгілерді тазарту' }).click();
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?409 өтініш$/);
  });

  test('speaks Russian when the interface does', async () => {
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Журнал регистрации', level: 1 }).waitFor();
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?409 заявлений$/);
    await page.getByLabel('Поиск', { exact: true }).fill('усен');
    await expect.poll(() => journalCount().innerText()).toMatch(/^1 заявление/);
    expect(await lines().first().innerText()).toContain('Просрочено на 2 рабочих дня');
    await page.screenshot({ path: screenshotPath('journal-ru') });
    await page.getByLabel('Поиск', { exact: true }).fill('');
    // The whole journal again before the next filter, so its count cannot be the search's.
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?409 заявлений$/);
    await page.getByLabel('Срок', { exact: true }).selectOption({ label: 'Приостановленные' });
    await expect.poll(() => journalCount().innerText()).toMatch(/^1 заявление/);
    expect(await lines().first().innerText()).toContain('Жақыпов Медет');
    expect(await lines().first().innerText()).toContain('Приостановлено');
    await page.screenshot({ path: screenshotPath('journal-suspended-ru') });
    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Контроль сроков' }).click();
    await page.getByRole('heading', { name: 'Контроль сроков', level: 1 }).waitFor();
    const totals = page.locator('.dashboard-total-card');
    await expect.poll(() => totals.allInnerTexts()).toContain('1\nПриостановлено');
    await page.getByRole('button', { name: 'Приостановлено: 1 — Всего' }).click();
    const list = page.locator('.dashboard-case-list tbody tr');
    await expect.poll(() => list.count()).toBe(1);
    expect(await list.nth(0).innerText()).toContain('Жақыпов Медет');
    await page.screenshot({ path: screenshotPath('dashboard-ru'), fullPage: true });
    await page.getByRole('button', { name: 'Қазақша' }).click();
  });
});
