import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { sampleApplicant, sampleRegistrationDraft } from '../shared/case/testing';
import { launchChromium, screenshotPath } from './support/browser';
import { logIn, setUpOffice, type DeskOffice, type DeskUser } from './support/desk';
import { openFixtures } from './support/fixtures';

// Issue 10 §5: at 1366×768, the village laptop, in Kazakh and in Russian, nothing is cut or spills
// out of its box on any main screen, with long real names in the data. The check is a script run on
// the page: the page itself has no horizontal scroll; no visible element that does not scroll is wider
// inside than its box (scrollWidth > clientWidth), whether it clips (overflow hidden, an ellipsis) or
// spills; and a drop-down shows its chosen text whole. A horizontally scrolling table is allowed only
// where it says so (a wrapper with overflow-x auto), and is reported if it must scroll at 1366 px.

const VIEWPORT = { width: 1366, height: 768 };

/** An office with the long official names real okrugs have. */
const OFFICE: DeskOffice = {
  districtId: 'AKK',
  nameKk: 'Ақмола облысы Ақкөл ауданы Қызылсай ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Кызылсайского сельского округа Аккольского района Акмолинской области',
  code: 'KZL01',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Ақмола облысы, Ақкөл ауданы, Қызылсай ауылы, Бейбітшілік көшесі, 12',
  deviceNo: 1,
  lockAfterMinutes: 60,
};
const SPECIALIST: DeskUser = {
  name: 'Мұхаметжанова-Сейітқалиева Әйгерім',
  role: 'specialist',
  pin: '4826',
};
const AKIM: DeskUser = { name: 'Жұмабаев-Тілеубердиев Серікбол', role: 'akim', pin: '739146' };

/** Applicants with long names, Kazakh and Russian, as the journal, inbox and case page show them. */
const APPLICANTS = [
  ['Мұхаметқалиева-Жұмабекова', 'Гүлжиһан', 'Сейітжанқызы', '850315400124'],
  ['Константинопольская', 'Александра', 'Владимировна', '880704400331'],
  ['Тілеубердиев', 'Нұрсұлтанбек', 'Қайратұлы', '850101300115'],
  ['Ыбыраева', 'Әйгерім', 'Бақытжанқызы', '820130400664'],
] as const;
const SERVICES = [
  'targeted-social-assistance',
  'child-benefit-under-18',
  'fuel-aid-rural-social-specialists',
  'targeted-social-assistance',
] as const;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let firstCaseId = '';

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
  await page.goto(inject('deskUrl'));
  await setUpOffice(page, { language: 'kk', office: OFFICE, users: [SPECIALIST, AKIM] });
  const fixtures = await openFixtures(context, inject('deskUrl'));
  const users = await fixtures.page.evaluate(() =>
    (
      window as unknown as { akimatFixtures: { users(): Promise<{ id: string; name: string }[]> } }
    ).akimatFixtures.users(),
  );
  const specialistId = users.find((u) => u.name === SPECIALIST.name)?.id ?? '';
  for (const [i, [lastName, firstName, patronymic, iin]] of APPLICANTS.entries()) {
    const caseId = `layout-case-${i + 1}`;
    if (i === 0) firstCaseId = caseId;
    const received = `2026-11-${String(10 + i).padStart(2, '0')}T10:00`;
    await fixtures.register(
      caseId,
      SPECIALIST.name,
      sampleRegistrationDraft({
        serviceId: SERVICES[i] ?? 'targeted-social-assistance',
        receivedAt: received,
        applicant: {
          ...sampleApplicant,
          iin,
          lastName,
          firstName,
          patronymic,
          inMobileCitizensDb: false,
        },
      }),
    );
    // Half the cases wait for the akim, half have his resolution.
    if (i % 2 === 1) {
      await fixtures.append(
        caseId,
        AKIM.name,
        'ResolutionImposed',
        { executorUserId: specialistId, text: 'Қарап, заңға сәйкес шара қолдансын' },
        `2026-11-${String(10 + i).padStart(2, '0')}T11:00`,
      );
    }
  }
  await fixtures.close();
});

afterAll(async () => {
  await browser.close();
});

/** What the script found: one line per element, enough to find it in the code. */
function overflowProblems(): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) {
      problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    }
    const describe = (el: Element) => {
      const cls =
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : '';
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      return `${el.tagName.toLowerCase()}${cls} «${text}»`;
    };
    const canvas = document.createElement('canvas').getContext('2d');
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0')
        continue;
      const box = el.getBoundingClientRect();
      // Visually hidden helpers (a 1 px file input, a screen-reader label) are not seen.
      if (box.width <= 2 || box.height <= 2) continue;
      if (el.closest('svg')) continue;
      if (el instanceof HTMLSelectElement) {
        const chosen = el.selectedOptions[0]?.text ?? '';
        if (canvas && chosen) {
          canvas.font = style.font;
          // The arrow and padding take about 28 px of the box.
          if (canvas.measureText(chosen).width > el.clientWidth - 28) {
            problems.push(`drop-down cuts its text: ${describe(el)} «${chosen.slice(0, 60)}»`);
          }
        }
        continue;
      }
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) continue;
      if (el.clientWidth === 0) continue;
      // A clamped block (two lines of a name, a service) that needs more lines is cut, unless its
      // whole text is one hover away (a title with the same words).
      const clamp = style.getPropertyValue('-webkit-line-clamp');
      if (clamp && clamp !== 'none' && el.scrollHeight > el.clientHeight + 1) {
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        const title = (
          el.getAttribute('title') ??
          el.parentElement?.getAttribute('title') ??
          ''
        ).trim();
        if (title !== text) problems.push(`cuts its lines: ${describe(el)}`);
      }
      const wider = el.scrollWidth > el.clientWidth + 1;
      if (!wider) continue;
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (scrolls) {
        problems.push(
          `must scroll sideways at 1366 px: ${describe(el)} ${el.scrollWidth} > ${el.clientWidth}`,
        );
      } else if (
        style.textOverflow === 'ellipsis' ||
        style.overflowX === 'hidden' ||
        style.overflowX === 'clip'
      ) {
        problems.push(`cuts its content: ${describe(el)} ${el.scrollWidth} > ${el.clientWidth}`);
      } else {
        problems.push(`content spills out: ${describe(el)} ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return problems;
  });
}

async function open(hash: string, ready: () => Promise<void>): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await ready();
  // Live queries and fonts settle.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(300);
}

const heading = (name: string | RegExp) => () =>
  page.getByRole('heading', { level: 1, name }).first().waitFor();

interface Screen {
  name: string;
  hash: string;
  as: DeskUser;
  kk: string | RegExp;
  ru: string | RegExp;
}

const SCREENS: readonly Screen[] = [
  {
    name: 'dashboard',
    hash: '#/dashboard',
    as: SPECIALIST,
    kk: 'Мерзімдерді бақылау',
    ru: 'Контроль сроков',
  },
  {
    name: 'journal',
    hash: '#/journal',
    as: SPECIALIST,
    kk: 'Тіркеу журналы',
    ru: 'Журнал регистрации',
  },
  {
    name: 'intake',
    hash: '#/intake',
    as: SPECIALIST,
    kk: 'Өтініш қабылдау',
    ru: 'Приём заявления',
  },
  {
    name: 'registers',
    hash: '#/registers',
    as: SPECIALIST,
    kk: 'Жолдау тізілімдері',
    ru: 'Реестры передачи',
  },
  {
    name: 'tsa-register',
    hash: '#/tsa-register',
    as: SPECIALIST,
    kk: 'АӘК алушылар тізілімі',
    ru: 'Реестр получателей АСП',
  },
  { name: 'system', hash: '#/system', as: SPECIALIST, kk: 'Жүйе туралы', ru: 'О системе' },
  { name: 'case', hash: '#/cases/layout-case-1', as: SPECIALIST, kk: /№ .* іс/, ru: /Дело №/ },
  {
    name: 'akim',
    hash: '#/akim',
    as: AKIM,
    kk: 'Бұрыштама және қол қою',
    ru: 'Резолюции и подписи',
  },
  { name: 'users', hash: '#/users', as: AKIM, kk: 'Пайдаланушылар', ru: 'Пользователи' },
  {
    name: 'office-settings',
    hash: '#/office-settings',
    as: AKIM,
    kk: 'Мекеме баптаулары',
    ru: 'Настройки учреждения',
  },
];

async function switchLanguage(lang: 'kk' | 'ru') {
  const button = page.getByRole('button', {
    name: lang === 'kk' ? 'Қазақша' : 'Русский',
    exact: true,
  });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
}

describe('layout at 1366×768 in kk and ru (issue 10 §5)', () => {
  for (const lang of ['kk', 'ru'] as const) {
    test(`${lang}: no main screen is cut or overflows, with long names`, async () => {
      expect(firstCaseId).not.toBe('');
      const found: string[] = [];
      let who: DeskUser | null = null;
      for (const screen of SCREENS) {
        if (who !== screen.as) {
          await page.goto(inject('deskUrl'));
          await logIn(page, screen.as.name, screen.as.pin);
          await switchLanguage(lang);
          who = screen.as;
        }
        await open(screen.hash, heading(screen[lang]));
        await page.screenshot({ path: screenshotPath(`layout-${screen.name}-${lang}`) });
        for (const problem of await overflowProblems()) found.push(`${screen.name}: ${problem}`);
      }
      expect(found).toEqual([]);
    }, 240_000);
  }
});
