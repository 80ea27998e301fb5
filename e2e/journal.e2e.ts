import { readSheet } from 'read-excel-file/node';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { logIn, setUpOffice, SPECIALIST } from './support/desk';

// The deadlines dashboard and the registration journal, at a fixed office time: Monday 23.11.2026,
// 10:00 in Kazakhstan. The working days after it are 24, 25, 26 and 27.11, so a case due 26.11 is
// "due within 3 working days" and one due 27.11 is not.

let browser: Browser;
let context: BrowserContext;
let page: Page;

/** A journal row as the desk stores it (CaseRow); nameTokens are the folded words of the name. */
interface Row {
  id: string;
  number: string;
  date: string;
  receivedAt: string;
  serviceId: string;
  stage: string;
  iin: string;
  applicantName: string;
  nameTokens: string[];
  dueDate: string | null;
  openDueDate?: string;
  flagged: boolean;
  updatedAtMs: number;
}

const CLOSED = ['issued', 'withdrawn', 'notAccepted'];
function row(
  n: number,
  applicantName: string,
  nameTokens: string[],
  serviceId: string,
  stage: string,
  date: string,
  dueDate: string,
  iin: string,
): Row {
  return {
    id: `e2e-case-${n}`,
    number: `KZL01-1-${String(n).padStart(4, '0')}/2026`,
    date,
    receivedAt: `${date}T10:00`,
    serviceId,
    stage,
    iin,
    applicantName,
    nameTokens,
    dueDate,
    ...(CLOSED.includes(stage) ? {} : { openDueDate: dueDate }),
    flagged: false,
    updatedAtMs: n,
  };
}

const TSA = 'targeted-social-assistance';
const CASES: Row[] = [
  row(
    1,
    'Әбенов Нұрлан Қайратұлы',
    ['абенов', 'нурлан', 'каиратулы'],
    TSA,
    'atCommission',
    '2026-10-22',
    '2026-11-20',
    '850101300115',
  ),
  row(
    2,
    'Сейітова Әйгерім Қайратқызы',
    ['сеиитова', 'аигерим', 'каираткызы'],
    'child-benefit-under-18',
    'registered',
    '2026-10-26',
    '2026-11-23',
    '850315400124',
  ),
  row(
    3,
    'Ахметов Бақыт',
    ['ахметов', 'бакыт'],
    'fuel-aid-rural-social-specialists',
    'forwarded',
    '2026-11-03',
    '2026-11-26',
    '790512300227',
  ),
  row(
    4,
    'Иванова Елена Сергеевна',
    ['иванова', 'елена', 'сергеевна'],
    TSA,
    'returned',
    '2026-11-10',
    '2026-12-10',
    '880704400331',
  ),
  row(
    5,
    'Ыбыраев Ерлан',
    ['ыбыраев', 'ерлан'],
    'asp-recipient-certificate',
    'issued',
    '2026-11-02',
    '2026-11-02',
    '910220300442',
  ),
  row(
    6,
    'Ісаев Ілияс',
    ['исаев', 'илияс'],
    TSA,
    'withdrawn',
    '2026-10-15',
    '2026-11-16',
    '930911300553',
  ),
  row(
    7,
    'Үсенова Гүлнар',
    ['усенова', 'гулнар'],
    TSA,
    'resolutionImposed',
    '2026-10-20',
    '2026-11-19',
    '820130400664',
  ),
  row(
    8,
    'Ким Виктор',
    ['ким', 'виктор'],
    'child-benefit-under-18',
    'atDistrict',
    '2026-11-16',
    '2026-11-27',
    '750615300775',
  ),
];
const FILLER = 2400;

/** Writes journal rows straight into the desk's IndexedDB (the office's earlier cases). */
async function seedJournal(rows: readonly Row[], filler: number): Promise<void> {
  await page.evaluate(
    async ({ rows, filler }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('akimat-desk');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('cases', 'readwrite');
      const store = tx.objectStore('cases');
      for (const r of rows) store.put(r);
      // Last year's closed cases: they fill the journal, never the dashboard.
      const names = [
        ['Жұмабаев Серік', ['жумабаев', 'серик']],
        ['Петрова Ольга', ['петрова', 'ольга']],
        ['Қасымова Сәуле', ['касымова', 'сауле']],
      ] as const;
      for (let i = 0; i < filler; i++) {
        const [name, tokens] = names[i % names.length] ?? names[0];
        const day = String(1 + (i % 28)).padStart(2, '0');
        const month = String(1 + (i % 12)).padStart(2, '0');
        store.put({
          id: `e2e-old-${i}`,
          number: `KZL01-1-${String(i + 1).padStart(4, '0')}/2025`,
          date: `2025-${month}-${day}`,
          receivedAt: `2025-${month}-${day}T11:00`,
          serviceId: 'targeted-social-assistance',
          stage: 'issued',
          iin: `9${String(i).padStart(11, '0')}`,
          applicantName: name,
          nameTokens: [...tokens],
          dueDate: `2025-${month}-${day}`,
          flagged: false,
          updatedAtMs: i,
        });
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { rows, filler },
  );
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
  await seedJournal(CASES, FILLER);
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
      .toEqual(['2\nМерзімі өткен', '1\nБүгін бітеді', '1\n3 жұмыс күні ішінде']);
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
  });

  test('the morning reminder is shown once on the day', async () => {
    await expect.poll(shownNotifications).toEqual([
      {
        title: 'Akimat Desk: өтініштердің мерзімі',
        body: 'Мерзімі өткен өтініш: 2\nМерзімі бүгін бітетін өтініш: 1',
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
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?408 өтініш$/);
    const first = lines().first();
    await expect.poll(() => first.innerText()).toContain('KZL01-1-0008/2026');
    expect(await first.innerText()).toContain('Ким Виктор');
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

    await search.fill('8503');
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
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?408 өтініш$/);
  });

  test('filters overdue cases, sorts by name in the Kazakh alphabet, and opens a case', async () => {
    await page.getByLabel('Мерзім', { exact: true }).selectOption({ label: 'Мерзімі өткен' });
    await expect.poll(() => journalCount().innerText()).toMatch(/^2 өтініш/);
    await page.getByLabel('Кезең', { exact: true }).selectOption({ label: 'Орындалуда' });
    await page.getByLabel('Мерзім', { exact: true }).selectOption({ label: 'Кез келген мерзім' });
    await page.getByLabel('Сұрыптау', { exact: true }).selectOption({ label: 'Аты-жөні (А–Я)' });
    await expect.poll(() => journalCount().innerText()).toMatch(/^6 өтініш/);
    // The applicant is the third line of a row's text (number, date, name, IIN, …).
    const names = async () => (await lines().allInnerTexts()).map((text) => text.split('\n')[2]);
    await expect
      .poll(names)
      .toEqual([
        'Ахметов Бақыт',
        'Әбенов Нұрлан Қайратұлы',
        'Иванова Елена Сергеевна',
        'Ким Виктор',
        'Сейітова Әйгерім Қайратқызы',
        'Үсенова Гүлнар',
      ]);
    await lines().nth(3).click();
    await page.waitForURL(/#\/cases\/e2e-case-8$/);
    await page.goBack();
    // Back on the same list: the filters live in the address.
    await expect.poll(() => journalCount().innerText()).toMatch(/^6 өтініш/);
    await page.getByRole('button', { name: 'Сүзгілерді тазарту' }).click();
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?408 өтініш$/);
  });

  test('exports the list as shown to an XLSX file named by the date', async () => {
    await page.getByLabel('Кезең', { exact: true }).selectOption({ label: 'Орындалуда' });
    await expect.poll(() => journalCount().innerText()).toMatch(/^6 өтініш/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'XLSX-ке жүктеп алу' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('journal-2026-11-23.xlsx');
    const sheet = await readSheet(await download.path());
    expect(sheet).toHaveLength(7);
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
      'KZL01-1-0008/2026',
      new Date(Date.UTC(2026, 10, 16)),
      'Ким Виктор',
      '750615300775',
      '18 жасқа дейінгі балалары бар отбасыларға мемлекеттік жәрдемақылар тағайындау',
      'Уәкілетті органда',
      new Date(Date.UTC(2026, 10, 27)),
      'Мерзімінде (4 жұмыс күні қалды)',
    ]);
    await page.getByRole('button', { name: 'Сүзгілерді тазарту' }).click();
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?408 өтініш$/);
  });

  test('speaks Russian when the interface does', async () => {
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Журнал регистрации', level: 1 }).waitFor();
    await expect.poll(() => journalCount().innerText()).toMatch(/^2\D?408 заявлений$/);
    await page.getByLabel('Поиск', { exact: true }).fill('усен');
    await expect.poll(() => journalCount().innerText()).toMatch(/^1 заявление/);
    expect(await lines().first().innerText()).toContain('Просрочено на 2 рабочих дня');
    await page.screenshot({ path: screenshotPath('journal-ru') });
    await page.getByRole('navigation').getByRole('link', { name: 'Контроль сроков' }).click();
    await page.getByRole('heading', { name: 'Контроль сроков', level: 1 }).waitFor();
    await page.screenshot({ path: screenshotPath('dashboard-ru'), fullPage: true });
    await page.getByRole('button', { name: 'Қазақша' }).click();
  });
});
