import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { sampleApplicant, sampleRegistrationDraft } from '../shared/case/testing';
import { launchChromium, screenshotPath } from './support/browser';
import { AKIM, logIn, setUpOffice, SPECIALIST } from './support/desk';
import { openFixtures, type DeskFixtures } from './support/fixtures';

// Today's work for each role, at a fixed office time: Monday 23.11.2026, 10:00 in Kazakhstan. The
// office's cases are made through the desk's own commands (support/fixtures), each at a different
// step of targeted social assistance at the akim (seed 001 №14: resolution 30 minutes, forming the
// case 1 working day, the district's notice 1 working day, the issue 15 minutes, 001:11141-11148):
// - "Резолюция": registered today at 09:00, no resolution: the akim's 30 minutes ran out at 09:30;
// - "Формирование": resolved Thu 19.11, not sent on: forming the case was due Fri 20.11 (the specialist's);
// - "Район": forwarded on Wed 11.11, the district's notice was due Thu 12.11: the district's breach;
// - "Не извещён": the result came back on Fri 20.11 at 10:00; nobody has told the applicant, so the
//   15-minute issue step has not started (under the old rule it was late since 20.11 10:15);
// - "Извещён": the result came back, the applicant was phoned today at 09:50: the issue is due 10:05;
// - "Пособие": child benefit received 23.10, 30 calendar days: the whole term is due today.

let browser: Browser;
let context: BrowserContext;
let page: Page;

const TSA = 'targeted-social-assistance';
const CHILD = 'child-benefit-under-18';
const NOW = new Date('2026-11-23T10:00:00+05:00');

interface Seeded {
  id: string;
  last: string;
  first: string;
  iin: string;
}

const CASES = {
  resolution: { id: 'today-1', last: 'Резолюциясыз', first: 'Айбек', iin: '850101300115' },
  forming: { id: 'today-2', last: 'Қалыптасқан', first: 'Нұрлан', iin: '850315400124' },
  district: { id: 'today-3', last: 'Аудандағы', first: 'Бақыт', iin: '790512300227' },
  untold: { id: 'today-4', last: 'Хабарсыз', first: 'Елена', iin: '880704400331' },
  told: { id: 'today-5', last: 'Хабарлы', first: 'Ерлан', iin: '910220300442' },
  child: { id: 'today-6', last: 'Балалы', first: 'Гүлнар', iin: '820130400664' },
} as const satisfies Record<string, Seeded>;

function draft(c: Seeded, serviceId: string, receivedAt: string) {
  return sampleRegistrationDraft({
    serviceId,
    receivedAt,
    applicant: {
      ...sampleApplicant,
      iin: c.iin,
      lastName: c.last,
      firstName: c.first,
      patronymic: undefined,
      inMobileCitizensDb: false,
    },
  });
}

async function seed(fixtures: DeskFixtures, specialistId: string): Promise<void> {
  const S = SPECIALIST.name;
  const resolve = (c: Seeded, at: string) =>
    fixtures.append(
      c.id,
      AKIM.name,
      'ResolutionImposed',
      { executorUserId: specialistId, text: 'Қарап, шара қолдансын' },
      at,
    );
  const forward = (c: Seeded, at: string) =>
    fixtures.append(
      c.id,
      S,
      'ForwardedToDistrict',
      { registerId: `r-${c.id}`, registerNumber: `KZL01-1-R-${c.id}/2026` },
      at,
    );
  const resultBack = (c: Seeded) =>
    fixtures.append(
      c.id,
      S,
      'DistrictResultRecorded',
      {
        decision: {
          outcome: 'grant',
          number: `${c.id}-ш`,
          date: '2026-11-19',
          amountTiyn: 2_500_000,
        },
        receivedOn: '2026-11-20',
      },
      '2026-11-20T10:00',
    );

  await fixtures.register(CASES.resolution.id, S, draft(CASES.resolution, TSA, '2026-11-23T09:00'));

  await fixtures.register(CASES.forming.id, S, draft(CASES.forming, TSA, '2026-11-19T09:00'));
  await resolve(CASES.forming, '2026-11-19T09:10');

  await fixtures.register(CASES.district.id, S, draft(CASES.district, TSA, '2026-11-10T09:00'));
  await resolve(CASES.district, '2026-11-10T09:10');
  await forward(CASES.district, '2026-11-11T11:00');

  for (const c of [CASES.untold, CASES.told]) {
    await fixtures.register(c.id, S, draft(c, TSA, '2026-11-02T09:00'));
    await resolve(c, '2026-11-02T09:10');
    await forward(c, '2026-11-03T11:00');
    await resultBack(c);
  }
  await fixtures.append(
    CASES.told.id,
    S,
    'ApplicantNotifiedResultReady',
    { way: 'phone' },
    '2026-11-23T09:50',
  );

  await fixtures.register(CASES.child.id, S, draft(CASES.child, CHILD, '2026-10-23T10:00'));
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  await page.clock.install({ time: NOW });
  await page.goto(inject('deskUrl'));
  await setUpOffice(page, { language: 'kk' });
  const fixtures = await openFixtures(context, inject('deskUrl'));
  const users = await fixtures.page.evaluate(() =>
    (
      window as unknown as { akimatFixtures: { users(): Promise<{ id: string; name: string }[]> } }
    ).akimatFixtures.users(),
  );
  await seed(fixtures, users.find((u) => u.name === SPECIALIST.name)?.id ?? '');
  await fixtures.close();
  await logIn(page, SPECIALIST.name, SPECIALIST.pin);
});

afterAll(async () => {
  await browser.close();
});

const nav = () => page.getByRole('navigation', { name: /^(Бөлімдер|Разделы)$/ });
const navTo = (name: string) => nav().getByRole('link', { name, exact: true }).click();
const badgeOf = (name: string) =>
  nav().getByRole('link', { name, exact: true }).locator('.nav-badge');
const rowOf = (c: Seeded) => page.locator('tr', { hasText: c.last });
const groups = () => page.locator('.today-group h2');

async function switchUser(user: { name: string; pin: string }, menuItem: string): Promise<void> {
  await page.locator('.session-menu-button').click();
  await page.getByRole('menuitem', { name: menuItem }).click();
  await logIn(page, user.name, user.pin);
}

describe('today’s work', () => {
  test('the specialist’s today list: his steps and the akimat’s terms, by step, late first', async () => {
    // The count beside the link: the same list (1 late, 2 due today), red for the late one.
    await expect.poll(() => badgeOf('Бүгін').innerText()).toBe('3');
    expect(await badgeOf('Бүгін').getAttribute('class')).toContain('nav-badge-alert');
    await navTo('Бүгін');
    await page.getByRole('heading', { name: 'Бүгінгі жұмыс', level: 1 }).waitFor();
    await expect
      .poll(() => page.locator('.today-total').allInnerTexts())
      .toEqual(['1\nМерзімі өткен', '2\nБүгін бітеді']);
    await expect
      .poll(() => groups().allInnerTexts())
      .toEqual(['Істі қалыптастыру 1', 'Нәтижені беру 1', 'Қызмет көрсету мерзімі 1']);
    const forming = await rowOf(CASES.forming).innerText();
    expect(forming).toContain('Кезең мерзімі өтті');
    expect(forming).toContain('20.11.2026');
    // Told at 09:50: the 15 minutes of the issue run from then (001:11148), due 10:05.
    expect(await rowOf(CASES.told).innerText()).toContain('23.11.2026 10:05');
    expect(await rowOf(CASES.child).innerText()).toContain('Бүгін бітеді');
    // Not the specialist's: the akim's resolution, the district's notice, an untold applicant.
    for (const c of [CASES.resolution, CASES.district, CASES.untold]) {
      expect(await rowOf(c).count()).toBe(0);
    }
    await page.screenshot({ path: screenshotPath('today-kk') });
  });

  test('the journal shows the same breached step, and the district’s as the district’s', async () => {
    await navTo('Тіркеу журналы');
    await page.getByRole('heading', { name: 'Тіркеу журналы', level: 1 }).waitFor();
    const line = (c: Seeded) => page.locator('.journal-line', { hasText: c.last });
    await expect.poll(() => line(CASES.forming).innerText()).toContain('Кезең мерзімі өтті');
    expect(await line(CASES.forming).innerText()).toContain('Істі қалыптастыру');
    expect(await line(CASES.forming).getAttribute('class')).toContain('journal-tone-bad');
    const district = await line(CASES.district).innerText();
    expect(district).toContain('Кезең мерзімі өтті');
    expect(district).toContain('Хабарламаны дайындау');
    expect(district).toContain('ауданда');
    expect(await line(CASES.district).getAttribute('class')).toContain('journal-tone-theirs');
    // The result is back and nobody told the applicant: no 15-minute clock is running.
    expect(await line(CASES.untold).innerText()).toContain('Мерзімінде');
  });

  test('the dashboard counts the akimat’s breaches apart from the district’s', async () => {
    await navTo('Мерзімдерді бақылау');
    await page.getByRole('heading', { name: 'Мерзімдерді бақылау', level: 1 }).waitFor();
    await expect
      .poll(() => page.locator('.dashboard-total-card').allInnerTexts())
      .toEqual([
        '2\nМерзімі өткен',
        '1\nАуданда мерзімі өткен',
        '2\nБүгін бітеді',
        '0\n3 жұмыс күні ішінде',
        '0\nТоқтатыла тұрғандар',
      ]);
    const list = page.locator('.dashboard-case-list tbody tr');
    await expect.poll(() => list.count()).toBe(2);
    const forming = page.locator('.dashboard-case-list tr', { hasText: CASES.forming.last });
    expect(await forming.innerText()).toContain('Кезең мерзімі өтті · Істі қалыптастыру');
    await page.screenshot({ path: screenshotPath('today-dashboard-kk') });
    await page.locator('.dashboard-card-overdueElsewhere').click();
    await expect.poll(() => list.count()).toBe(1);
    expect(await list.first().innerText()).toContain(CASES.district.last);
    expect(await list.first().innerText()).toContain('ауданда');
  });

  test('telling the applicant on the case page starts the issue step', async () => {
    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}`;
    }, CASES.untold.id);
    await page
      .getByRole('button', { name: 'Өтініш берушіге нәтиже дайын екенін хабарлау' })
      .click();
    await page.getByLabel('Қалай хабарланды', { exact: true }).selectOption('sms');
    await page.getByRole('button', { name: 'Хабарланды деп белгілеу' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'нәтиженің дайын екені хабарланды' })
      .waitFor();
    await expect.poll(() => badgeOf('Бүгін').innerText()).toBe('4');
    await navTo('Бүгін');
    await expect.poll(() => groups().allInnerTexts()).toContain('Нәтижені беру 2');
  });

  test('the akim lands on what waits for him, with the counts', async () => {
    await switchUser(AKIM, 'Пайдаланушыны ауыстыру');
    await page.getByRole('heading', { name: 'Бұрыштама және қол қою', level: 1 }).waitFor();
    // Two resolutions wait (the child benefit's has no timed step), one of them late: the count is red.
    await expect.poll(() => badgeOf('Бұрыштама және қол қою').innerText()).toBe('2');
    expect(await badgeOf('Бұрыштама және қол қою').getAttribute('class')).toContain(
      'nav-badge-alert',
    );
    await expect.poll(() => badgeOf('Бүгін').innerText()).toBe('1');
    const tiles = page.locator('.akim-summary .akim-tile');
    await expect
      .poll(() => tiles.allInnerTexts())
      .toContain('1\nМерзімі бүгін бітетін немесе өткен');
    const waiting = page.locator('#akim-resolutions ~ table tr, .akim-card tr', {
      hasText: CASES.resolution.last,
    });
    expect(await waiting.first().innerText()).toContain('09:30');
    await page.screenshot({ path: screenshotPath('akim-landing-kk') });
    await navTo('Бүгін');
    await expect.poll(() => groups().allInnerTexts()).toEqual(['Әкімнің бұрыштамасы 1']);
  });

  test('in Russian: the akim’s landing page and the specialist’s today list', async () => {
    await page.getByRole('button', { name: 'Русский' }).click();
    await navTo('Резолюции и подписи');
    await page.getByRole('heading', { name: 'Резолюции и подписи', level: 1 }).waitFor();
    await expect
      .poll(() => page.locator('.akim-summary .akim-tile').allInnerTexts())
      .toContain('1\nИстекает сегодня или просрочено');
    await page.screenshot({ path: screenshotPath('akim-landing-ru') });

    await switchUser(SPECIALIST, 'Сменить пользователя');
    await navTo('Сегодня');
    await page.getByRole('heading', { name: 'Работа на сегодня', level: 1 }).waitFor();
    await expect
      .poll(() => groups().allInnerTexts())
      .toEqual(['Формирование дела 1', 'Выдача результата 2', 'Срок оказания услуги 1']);
    expect(await rowOf(CASES.forming).innerText()).toContain('Этап просрочен');
    await page.screenshot({ path: screenshotPath('today-ru') });
    await page.getByRole('button', { name: 'Қазақша' }).click();
  });
});
