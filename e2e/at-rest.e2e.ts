import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchPersistentChromium, screenshotPath } from './support/browser';
import { logIn, setUpOffice, SPECIALIST } from './support/desk';

// Citizens' data encrypted at rest (issue 11 §1): cases registered through the desk in Chromium with a
// profile in a temporary folder; the browser is closed and the profile's IndexedDB files (leveldb
// logs and tables, blob files) are read as bytes. The IIN, the names, the address and an income
// (its source's text, and its amount as V8 writes a number) must not be there in any encoding a
// browser stores text in (UTF-8, UTF-16LE, Latin-1), while the registration number, which is not
// personal and not sealed, is: proof that the search reads what IndexedDB wrote.

// Names and an address no one else on the desk has (the specialist is a Сейітова, the office is on
// Бейбітшілік көшесі): staff names and the office's address are not citizens' data and stay clear.
const APPLICANT = {
  iin: '850315400124',
  lastName: 'Оспанова',
  firstName: 'Гүлнұр',
  patronymic: 'Талғатқызы',
  address: 'Қызылсай ауылы, Тоғызбаев көшесі, 7',
};
const CHILD = { lastName: 'Жомартов', firstName: 'Нұрлан', iin: '150601500129' };
const INCOME_SOURCE = 'ТОО Қызылсай-Агро, сторож';
/** 145 000 tenge, kept in tiyn. */
const INCOME_TIYN = 14_500_000;

let profile: string;
let context: BrowserContext | null = null;
let page: Page;
let number = '';

beforeAll(async () => {
  profile = await mkdtemp(join(tmpdir(), 'akimat-at-rest-'));
  context = await launchPersistentChromium(profile);
  page = context.pages()[0] ?? (await context.newPage());
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
  await page.goto(inject('deskUrl'));
  await setUpOffice(page, { language: 'ru' });
  await logIn(page, SPECIALIST.name, SPECIALIST.pin);
});

afterAll(async () => {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
});

const field = (label: string) => page.getByLabel(label, { exact: true });

/** Every file under a folder. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

/** The byte patterns a browser may have stored a text in. */
function textPatterns(text: string): Buffer[] {
  const patterns = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  if ([...text].every((c) => c.charCodeAt(0) <= 0xff)) patterns.push(Buffer.from(text, 'latin1'));
  return patterns;
}

/** A number as V8's serializer writes it: a zigzag varint after 'I', or a double after 'N'. */
function numberPatterns(value: number): Buffer[] {
  let zigzag = value * 2;
  const varint: number[] = [0x49];
  while (zigzag >= 0x80) {
    varint.push((zigzag % 0x80) | 0x80);
    zigzag = Math.floor(zigzag / 0x80);
  }
  varint.push(zigzag);
  const double = Buffer.alloc(9);
  double[0] = 0x4e;
  double.writeDoubleLE(value, 1);
  return [Buffer.from(varint), double];
}

describe('citizens’ data at rest in the browser profile', () => {
  test('cases with a family, an income and a scan are registered through the intake', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Приём заявления' }).click();
    await page.getByRole('heading', { name: 'Приём заявления', level: 1 }).waitFor();
    await field('Услуга').selectOption('targeted-social-assistance');
    await field('ИИН').fill(APPLICANT.iin);
    await field('Фамилия').fill(APPLICANT.lastName);
    await field('Имя').fill(APPLICANT.firstName);
    await field('Отчество').fill(APPLICANT.patronymic);
    await field('Адрес').fill(APPLICANT.address);
    await page.getByRole('button', { name: 'Все обязательные документы представлены' }).click();
    for (const select of await page.locator('.intake-document select').all()) {
      if ((await select.inputValue()) === '') await select.selectOption('notApplicable');
    }
    for (const consent of await page.getByRole('checkbox', { name: /согласие/i }).all()) {
      await consent.check();
    }
    await page.getByRole('button', { name: 'Добавить члена семьи' }).click();
    const member = page.getByRole('group', { name: 'Член семьи 1' });
    await member.getByLabel('Фамилия', { exact: true }).fill(CHILD.lastName);
    await member.getByLabel('Имя', { exact: true }).fill(CHILD.firstName);
    await member.getByLabel('ИИН (если есть)', { exact: true }).fill(CHILD.iin);
    await member.getByLabel('ИИН (если есть)', { exact: true }).blur();
    await member.getByLabel('Степень родства').selectOption({ label: 'Ребёнок' });
    const incomes = page.getByRole('group', { name: 'Доходы заявителя' });
    await incomes.getByRole('button', { name: 'Добавить доход' }).click();
    await incomes.getByLabel('Источник дохода').fill(INCOME_SOURCE);
    await incomes.getByLabel('Сумма, тенге').fill('145 000');
    await incomes.getByLabel('Начало периода').fill('01.08.2026');
    await incomes.getByLabel('Конец периода').fill('31.10.2026');
    await field('Добавить сканы').setInputFiles([
      {
        name: `${APPLICANT.lastName}-справка.pdf`,
        mimeType: 'application/pdf',
        buffer: Buffer.from(`%PDF-1.4\n% ${APPLICANT.iin} ${INCOME_SOURCE}\n%%EOF\n`, 'utf8'),
      },
    ]);
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).last().click();
    await page.waitForURL(/#\/print\/talon\/[0-9a-f-]{36}/);
    const shown = await page
      .getByText(/[A-Z]{3}\d{2}-\d{1,2}-\d{4}\/\d{4}/)
      .first()
      .innerText();
    number = /[A-Z]{3}\d{2}-\d{1,2}-\d{4}\/\d{4}/.exec(shown)?.[0] ?? '';
    expect(number).not.toBe('');
  });

  test('the journal still finds the case by the whole IIN and by a name prefix', async () => {
    for (const search of [APPLICANT.iin, 'оспан']) {
      await page.evaluate(() => {
        window.location.hash = '#/journal';
      });
      const box = page.getByRole('searchbox');
      await box.fill(search);
      await page.getByRole('row').filter({ hasText: number }).waitFor();
    }
  });

  test('a browser desk says plainly, in the frame and on the system page, that its data is not protected', async () => {
    for (const [language, system, badge, line] of [
      ['ru', 'О системе', 'Данные не защищены', /^Ключ шифрования хранится рядом с данными/],
      ['kk', 'Жүйе туралы', 'Деректер қорғалмаған', /^Шифрлау кілті деректердің қасында/],
    ] as const) {
      await page.getByRole('button', { name: language === 'kk' ? 'Қазақша' : 'Русский' }).click();
      await page.getByRole('link', { name: badge }).click();
      await page.getByRole('heading', { name: system, level: 1 }).waitFor();
      await page.getByText(line).waitFor();
      await page.screenshot({ path: screenshotPath(`at-rest-system-${language}`) });
    }
    await page.getByRole('button', { name: 'Русский' }).click();
  });

  test('the closed profile’s IndexedDB files hold no IIN, name, address or income', async () => {
    await context?.close();
    context = null;
    const files = (await filesUnder(profile)).filter((f) => /IndexedDB/.test(f));
    expect(files.length).toBeGreaterThan(0);
    const contents = await Promise.all(files.map(async (f) => ({ f, bytes: await readFile(f) })));
    const found = (patterns: Buffer[]) =>
      contents.filter(({ bytes }) => patterns.some((p) => bytes.includes(p))).map(({ f }) => f);

    // The grep sees what IndexedDB wrote: the registration number is stored in the clear.
    expect(found(textPatterns(number)).length).toBeGreaterThan(0);
    const secrets: Record<string, Buffer[]> = {
      iin: textPatterns(APPLICANT.iin),
      childIin: textPatterns(CHILD.iin),
      lastName: textPatterns(APPLICANT.lastName),
      firstName: textPatterns(APPLICANT.firstName),
      childName: textPatterns(CHILD.lastName),
      address: textPatterns('Тоғызбаев'),
      incomeSource: textPatterns('Қызылсай-Агро'),
      incomeAmount: numberPatterns(INCOME_TIYN),
    };
    const leaks = Object.fromEntries(
      Object.entries(secrets).map(([name, patterns]) => [name, found(patterns)]),
    );
    expect(leaks).toEqual(Object.fromEntries(Object.keys(secrets).map((k) => [k, []])));
  });
});
