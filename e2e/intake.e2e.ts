import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { logIn, moveOfficeClock, setUpOffice, SPECIALIST } from './support/desk';

// The intake screen driven as a specialist would, in Russian, at a fixed office time: Monday
// 23.11.2026, 10:00 in Kazakhstan (a working day, inside the intake hours).

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  // The laptops at the akimats: 1366×768.
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
  await page.goto(inject('deskUrl'));
  await setUpOffice(page, { language: 'ru' });
  await logIn(page, SPECIALIST.name, SPECIALIST.pin);
});

afterAll(async () => {
  await browser.close();
});

const field = (label: string) => page.getByLabel(label, { exact: true });

/** "Әйгерім" as some keyboards and pasted text give it: й as и + U+0306. */
const DECOMPOSED_FIRST_NAME = 'Әйгерім'.normalize('NFD');

/** Back to an empty intake form without reloading (a reload would end the session). */
async function openIntake(): Promise<void> {
  await page.evaluate(() => {
    window.location.hash = '#/system';
  });
  await page.getByRole('heading', { name: 'О системе', level: 1 }).waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Приём заявления' }).click();
  await page.getByRole('heading', { name: 'Приём заявления', level: 1 }).waitFor();
}

async function fillApplicant(): Promise<void> {
  await field('ИИН').fill('850315400124');
  await field('Фамилия').fill('Сейітова');
  await field('Имя').fill('Әйгерім');
  await field('Отчество').fill('Қайратқызы');
  await field('Адрес').fill('Қызылсай ауылы, Бейбітшілік көшесі, 12');
  await field('Мобильный телефон').fill('8 (701) 123-45-67');
  await field('Мобильный телефон').blur();
  await field('Номер зарегистрирован в базе мобильных граждан').check();
}

describe('intake', () => {
  test('a service the akimat does not register says where to apply, and cannot be submitted', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Приём заявления' }).click();
    await page.getByRole('heading', { name: 'Приём заявления', level: 1 }).waitFor();
    await field('Услуга').selectOption('housing-aid');
    await page.getByText('Заявления на эту услугу аким сельского округа не принимает.').waitFor();
    await page.getByText('Уполномоченный орган (районный отдел)', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Зарегистрировать заявление' }).count()).toBe(0);
    expect(await field('ИИН').count()).toBe(0);
  });

  test('the IIN is checked while typed and gives the birth date and sex', async () => {
    await field('Услуга').selectOption('targeted-social-assistance');
    await field('ИИН').fill('8513');
    await page.getByText('Первые шесть цифр ИИН не образуют существующую дату рождения.').waitFor();
    await field('ИИН').fill('850315400125');
    await page
      .getByText('Контрольная цифра ИИН не совпадает. Проверьте, нет ли опечатки.')
      .waitFor();
    await field('ИИН').fill('850315400124');
    await page.getByText('ИИН верный: дата рождения и пол заполнены по нему').waitFor();
    await expect.poll(() => field('Дата рождения').inputValue()).toBe('15.03.1985');
    await expect.poll(() => field('Пол').inputValue()).toBe('Женский');
  });

  test('a failed submit shows every error by its field and keeps what was typed', async () => {
    await field('Фамилия').fill('Сейітова');
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.getByText(/^В форме \d+ ошиб/).waitFor();
    await expect.poll(() => page.getByText('Отметьте, представлен ли документ.').count()).toBe(6);
    // R-REG-7: both consents, each said next to its flag.
    await expect
      .poll(() => page.getByText('Без этого согласия заявление не регистрируется.').count())
      .toBe(2);
    await expect.poll(() => field('Фамилия').inputValue()).toBe('Сейітова');
    await page.screenshot({ path: screenshotPath('intake-errors-ru'), fullPage: true });
  });

  test('a complete TSA application is registered and its talon opens in the chosen language', async () => {
    await fillApplicant();
    await field('Имя').fill(DECOMPOSED_FIRST_NAME);
    await expect.poll(() => field('Мобильный телефон').inputValue()).toBe('+7 701 123 45 67');
    await page.getByRole('button', { name: 'Все обязательные документы представлены' }).click();
    await page
      .getByLabel(
        'копия социального контракта в случае участия в активных мерах содействия занятости',
      )
      .selectOption('notApplicable');
    await field('Согласие на сбор и обработку персональных данных').check();
    await field(
      'Письменное согласие на использование сведений, составляющих охраняемую законом тайну',
    ).check();

    await page.getByRole('button', { name: 'Добавить члена семьи' }).click();
    const member = page.getByRole('group', { name: 'Член семьи 1' });
    await member.getByLabel('Фамилия', { exact: true }).fill('Сейітов');
    await member.getByLabel('Имя', { exact: true }).fill('Нұрлан');
    await member.getByLabel('ИИН (если есть)', { exact: true }).fill('150601500129');
    await member.getByLabel('ИИН (если есть)', { exact: true }).blur();
    await expect
      .poll(() => member.getByLabel('Дата рождения', { exact: true }).inputValue())
      .toBe('01.06.2015');
    await member.getByLabel('Степень родства').selectOption({ label: 'Ребёнок' });
    const incomes = page.getByRole('group', { name: 'Доходы заявителя' });
    await incomes.getByRole('button', { name: 'Добавить доход' }).click();
    await incomes.getByLabel('Источник дохода').fill('Заработная плата');
    await incomes.getByLabel('Сумма, тенге').fill('145 000');
    await incomes.getByLabel('Начало периода').fill('01.08.2026');
    await incomes.getByLabel('Конец периода').fill('31.10.2026');

    // Scans: a PDF is kept; an 11 MB file is refused with a message.
    await field('Добавить сканы').setInputFiles([
      {
        name: 'справка-о-доходах.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
      },
      { name: 'video.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024) },
    ]);
    await page.getByText('справка-о-доходах.pdf', { exact: true }).waitFor();
    await page.getByText(/^Файл «video\.pdf» весит 11 МБ/).waitFor();

    // R-REG-1: received on a working day within the hours, registered the same day; 22 WD term.
    await expect
      .poll(() => page.getByTestId('intake-registration-date').innerText())
      .toBe('23.11.2026');
    await expect
      .poll(() => page.getByTestId('intake-due-date').innerText())
      .toContain('24.12.2026');
    await field('Язык заявителя').selectOption('kk');
    await page.screenshot({ path: screenshotPath('intake-filled-ru'), fullPage: true });

    // The disk is full: IndexedDB refuses every write with a QuotaExceededError, as Chromium does.
    // Nothing is saved, the message says so in words, and the form keeps everything typed and
    // attached.
    await page.evaluate(() => {
      const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
      const full = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      (window as unknown as { realWrites: unknown[] }).realWrites = [proto['add'], proto['put']];
      proto['add'] = full;
      proto['put'] = full;
    });
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /^Не сохранено: на диске компьютера нет места/ })
      .waitFor();
    expect(page.url()).toMatch(/#\/intake$/);
    expect(await page.getByText('QuotaExceededError').count()).toBe(0);
    await expect.poll(() => field('ИИН').inputValue()).toBe('850315400124');
    await expect.poll(() => member.getByLabel('Имя', { exact: true }).inputValue()).toBe('Нұрлан');
    await expect.poll(() => incomes.getByLabel('Сумма, тенге').inputValue()).toBe('145 000');
    await page.getByText('справка-о-доходах.pdf', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('intake-disk-full-ru'), fullPage: true });
    await page.evaluate(() => {
      const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
      const [add, put] = (window as unknown as { realWrites: unknown[] }).realWrites;
      proto['add'] = add;
      proto['put'] = put;
    });

    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.waitForURL(/#\/print\/talon\/[0-9a-f-]{36}\?lang=kk$/);
    // The first name was typed with a decomposed letter (и + ◌̆): the talon has it as й.
    await expect.poll(() => page.locator('body').innerText()).toContain('Әйгерім');
    expect(await page.locator('body').innerText()).not.toContain(DECOMPOSED_FIRST_NAME);
  });

  test('a known applicant is filled in from the last case', async () => {
    await openIntake();
    await field('Услуга').selectOption('fuel-aid-rural-social-specialists');
    await field('ИИН').fill('850315400124');
    await page.getByText(/^Заявитель уже обращался: 1 обращение в журнале/).waitFor();
    await page.getByText(/^Последнее обращение: № KZL01-1-0001\/2026 от 23\.11\.2026/).waitFor();
    await expect.poll(() => field('Фамилия').inputValue()).toBe('Сейітова');
    await expect
      .poll(() => field('Адрес').inputValue())
      .toBe('Қызылсай ауылы, Бейбітшілік көшесі, 12');
    await expect.poll(() => field('Мобильный телефон').inputValue()).toBe('+7 701 123 45 67');
    await expect
      .poll(() => field('Номер зарегистрирован в базе мобильных граждан').isChecked())
      .toBe(true);
  });

  test('the field the specialist is in is left alone by the known-applicant fill: it holds what they type', async () => {
    // A new session: the intake form of the last test (which kept what it filled in) is gone.
    await page.reload();
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
    await openIntake();
    await field('Услуга').selectOption('fuel-aid-rural-social-specialists');
    await field('ИИН').fill('85031540012');
    await field('Фамилия').focus();
    // The IIN's last digit arrives while the specialist is already in the surname field.
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('input[name="applicant.iin"]');
      if (!input) throw new Error('no IIN field');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setValue?.call(input, '850315400124');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.getByText(/^Заявитель уже обращался/).waitFor();
    await expect.poll(() => field('Имя').inputValue()).toBe('Әйгерім');
    expect(await field('Фамилия').inputValue()).toBe('');
    await page.keyboard.type('Сейітова');
    expect(await field('Фамилия').inputValue()).toBe('Сейітова');
  });

  test('R-REG-6: an expired document offers only the refusal receipt (form 2-1)', async () => {
    await openIntake();
    await field('Услуга').selectOption('asp-recipient-certificate');
    await fillApplicant();
    await page.getByRole('button', { name: 'Все обязательные документы представлены' }).click();
    await page.getByLabel('нотариально удостоверенная доверенность').selectOption('notApplicable');
    await page
      .getByLabel('документ, удостоверяющий личность услугополучателя')
      .selectOption('expired');
    await page.getByText(/^Пакет документов неполный/).waitFor();
    expect(await page.getByRole('button', { name: 'Зарегистрировать заявление' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('intake-refusal-ru'), fullPage: true });
    await page.getByRole('button', { name: 'Отказать в приёме (форма 2-1)' }).click();
    await page.waitForURL(/#\/print\/acceptance-refusal\/[0-9a-f-]{36}\?lang=ru$/);
  });

  test('R-REG-2: the certificate needs a notarized power of attorney', async () => {
    await openIntake();
    await field('Услуга').selectOption('asp-recipient-certificate');
    await fillApplicant();
    await field('Заявление подаёт представитель за другое лицо').check();
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await expect.poll(() => page.getByText('Заполните поле.').count()).toBeGreaterThanOrEqual(3);
    await field('ФИО представителя').fill('Ахметов Бауыржан Серікұлы');
    await field('Номер доверенности').fill('1-234');
    await field('Дата доверенности').fill('20.11.2026');
    await field('Кем выдана (удостоверена) доверенность').fill('Нотариус Иванова Л. М.');
    await page
      .getByText('По этой услуге доверенность представителя должна быть нотариально удостоверена.')
      .waitFor();
    await field('Доверенность нотариально удостоверена').check();
    await page
      .getByText('По этой услуге доверенность представителя должна быть нотариально удостоверена.')
      .waitFor({ state: 'detached' });
  });

  test('R-CAL-2 (002:12): after 17:30 the certificate is not accepted, and the desk says so at once', async () => {
    await moveOfficeClock(page, 'ru', new Date('2026-11-23T17:45:00+05:00'), SPECIALIST);
    await openIntake();
    await field('Услуга').selectOption('asp-recipient-certificate');
    const notice = page
      .getByRole('alert')
      .filter({ hasText: 'сегодня заявление не принимается' })
      .first();
    await notice.waitFor();
    await page.screenshot({ path: screenshotPath('intake-certificate-closed-ru') });
    // Other services are still accepted at this hour.
    await field('Услуга').selectOption('targeted-social-assistance');
    await notice.waitFor({ state: 'detached' });
    await moveOfficeClock(page, 'ru', new Date('2026-11-23T10:00:00+05:00'), SPECIALIST);
  });
});
