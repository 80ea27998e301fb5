import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import {
  AKIM,
  logIn,
  registerApplication,
  setUpOffice,
  SPECIALIST,
  switchUser,
  type DeskLanguage,
} from './support/desk';

// Forms on the case page with unsaved work (issue 10 §3), in kk and ru at 1366×768: a quick user
// switch warns and names the form and the case, the draft comes back only to the person who typed it
// (the same session drafts as the intake's), a form cancelled keeps nothing; the akim's resolution
// form shows a field's error once the akim leaves it and takes it away when the field is fixed.

const LABELS = {
  kk: {
    caseHeading: /^№ .+ іс$/,
    withdraw: 'Өтінішті кері қайтарып алу',
    reason: 'Негізі (өтініштің мазмұны)',
    switchUser: 'Пайдаланушыны ауыстыру',
    switchHeading: 'Пайдаланушыны ауыстыру керек пе?',
    unsaved: /^№ KZL01-1-0001\/2026 іс бойынша аяқталмаған «Өтінішті кері қайтарып алу» нысаны$/,
    restored: /Пайдаланушы ауыстырылғанға дейін осы нысанға енгізгеніңіз қалпына келтірілді/,
    cancel: 'Болдырмау',
    impose: 'Бұрыштама қою',
    resolutionText: 'Бұрыштама мәтіні',
    required: 'Өрісті толтырыңыз.',
    loginHeading: 'Жүйеге кіру',
  },
  ru: {
    caseHeading: /^Дело № /,
    withdraw: 'Отзыв заявления',
    reason: 'Основание (содержание заявления)',
    switchUser: 'Сменить пользователя',
    switchHeading: 'Сменить пользователя?',
    unsaved: /^Незаконченная форма «Отзыв заявления» по делу № KZL01-1-0001\/2026$/,
    restored: /Восстановлено то, что вы ввели в эту форму до смены пользователя/,
    cancel: 'Отмена',
    impose: 'Наложить резолюцию',
    resolutionText: 'Текст резолюции',
    required: 'Заполните поле.',
    loginHeading: 'Вход в систему',
  },
} as const;

describe.each(['kk', 'ru'] as const)(
  'case-page forms keep their drafts (%s)',
  (lang: DeskLanguage) => {
    const l = LABELS[lang];
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let caseId = '';

    beforeAll(async () => {
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      page = await context.newPage();
      // Monday 23.11.2026, 10:00 at the office.
      await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
      await page.goto(inject('deskUrl'));
      await setUpOffice(page, { language: lang });
      await logIn(page, SPECIALIST.name, SPECIALIST.pin);
      ({ caseId } = await registerApplication(page, lang, {
        iin: '850315400124',
        lastName: 'Сейітова',
        firstName: 'Әйгерім',
      }));
    });

    afterAll(async () => {
      await browser.close();
    });

    async function openCase(): Promise<void> {
      await page.evaluate((id) => {
        window.location.hash = `#/cases/${id}`;
      }, caseId);
      await page.getByRole('heading', { name: l.caseHeading }).first().waitFor();
    }

    const openSwitch = async () => {
      await page.locator('.session-menu-button').click();
      await page.getByRole('menuitem', { name: l.switchUser }).click();
    };

    test('a quick switch warns about the open form, and the draft comes back only to the same person', async () => {
      await openCase();
      await page.getByRole('button', { name: l.withdraw }).click();
      const reason = page.getByLabel(l.reason, { exact: true });
      await reason.fill('Өтініш беруші басқа ауданға көшті');

      await openSwitch();
      const dialog = page.getByRole('dialog', { name: l.switchHeading });
      await dialog.getByText(l.unsaved).waitFor();
      await page.screenshot({ path: screenshotPath(`case-form-switch-${lang}`) });
      await dialog.getByRole('button', { name: l.switchUser }).click();

      // Another person on the same case sees nothing of it.
      await logIn(page, AKIM.name, AKIM.pin);
      await openCase();
      await page.getByRole('button', { name: l.impose }).first().waitFor();
      expect(await page.getByText(l.restored).count()).toBe(0);
      expect(await page.getByLabel(l.reason, { exact: true }).count()).toBe(0);

      // Nothing unsaved here: the switch happens at once.
      await openSwitch();
      await logIn(page, SPECIALIST.name, SPECIALIST.pin);
      await openCase();
      await page.getByText(l.restored).waitFor();
      await expect
        .poll(() => page.getByLabel(l.reason, { exact: true }).inputValue())
        .toBe('Өтініш беруші басқа ауданға көшті');
      await page.screenshot({ path: screenshotPath(`case-form-restored-${lang}`) });

      // Cancelled on purpose: nothing is kept, and the next switch asks nothing.
      await page.getByRole('button', { name: l.cancel, exact: true }).click();
      await openSwitch();
      await page.getByRole('heading', { name: l.loginHeading }).first().waitFor();
      expect(await page.getByRole('dialog', { name: l.switchHeading }).count()).toBe(0);
      await logIn(page, SPECIALIST.name, SPECIALIST.pin);
      await openCase();
      await page.getByRole('button', { name: l.withdraw }).waitFor();
      expect(await page.getByText(l.restored).count()).toBe(0);
    });

    test("the akim's resolution form shows a field's error after leaving it, and a fixed field's error goes", async () => {
      await switchUser(page, lang, AKIM);
      await openCase();
      await page.getByRole('button', { name: l.impose }).first().click();
      const text = page.getByLabel(l.resolutionText, { exact: true });
      await expect.poll(() => text.inputValue()).not.toBe('');
      await text.fill('');
      // Nothing said while the akim is still in the field…
      expect(await page.getByText(l.required).count()).toBe(0);
      // …and said once they leave it, before any submit.
      await text.blur();
      await page.getByText(l.required).waitFor();
      await page.screenshot({ path: screenshotPath(`resolution-touched-${lang}`) });
      await text.fill('Қарауға');
      await expect.poll(() => page.getByText(l.required).count()).toBe(0);
      await page.getByRole('button', { name: l.cancel, exact: true }).click();
    });
  },
);
