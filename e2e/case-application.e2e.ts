import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { logIn, setUpOffice, SPECIALIST } from './support/desk';

// The whole application on the case page (issue 10 §1): a TSA application registered through the
// intake with a family, incomes, a representative and two scans; the case page shows each part, opens
// the scans inside the desk, and a correction made by the specialist shows the registered value with
// who corrected it and when. Monday 23.11.2026, 10:00 in Kazakhstan, on a 1366×768 village laptop.

let browser: Browser;
let context: BrowserContext;
let page: Page;
let caseId = '';

beforeAll(async () => {
  browser = await launchChromium();
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
const card = () => page.locator('article.cp-application');
const tab = (name: RegExp) => card().getByRole('tab', { name });
const panel = () => card().getByRole('tabpanel');

/** A one-page PDF with its xref table and %%EOF, as a scanner's software writes one. */
function incomePdf(): Buffer {
  const text = 'Income certificate: Seitova A. K., wages 145 000 KZT, 08-10.2026';
  const stream = `BT /F1 16 Tf 60 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A scanned identity card as a PNG, drawn by the browser's own canvas. */
async function identityCardPng(): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 900;
    canvas.height = 560;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    g.fillStyle = '#f4efe2';
    g.fillRect(0, 0, 900, 560);
    g.strokeStyle = '#3a5a80';
    g.lineWidth = 8;
    g.strokeRect(12, 12, 876, 536);
    g.fillStyle = '#c9d3df';
    g.fillRect(50, 160, 210, 270);
    g.fillStyle = '#1d2430';
    g.font = 'bold 34px sans-serif';
    g.fillText('ҚАЗАҚСТАН РЕСПУБЛИКАСЫ', 50, 80);
    g.font = '26px sans-serif';
    g.fillText('ЖЕКЕ КУӘЛІК · УДОСТОВЕРЕНИЕ ЛИЧНОСТИ', 50, 125);
    g.fillText('Сейітова', 300, 210);
    g.fillText('Әйгерім Қайратқызы', 300, 255);
    g.fillText('15.03.1985', 300, 300);
    g.fillText('ЖСН / ИИН 850315400124', 300, 345);
    return canvas.toDataURL('image/png').split(',')[1] ?? '';
  });
  return Buffer.from(base64, 'base64');
}

describe('the whole application on the case page', () => {
  test('an application with a family, incomes, a representative and scans is registered at intake', async () => {
    const png = await identityCardPng();
    await page.getByRole('navigation').getByRole('link', { name: 'Приём заявления' }).click();
    await page.getByRole('heading', { name: 'Приём заявления', level: 1 }).waitFor();
    await field('Услуга').selectOption('targeted-social-assistance');
    await field('ИИН').fill('850315400124');
    await field('Фамилия').fill('Сейітова');
    await field('Имя').fill('Әйгерім');
    await field('Отчество').fill('Қайратқызы');
    await field('Адрес').fill(
      'Ақмола облысы, Ақкөл ауданы, Қызылсай ауылы, Бейбітшілік көшесі, 12',
    );
    await field('Мобильный телефон').fill('8 (701) 123-45-67');

    await field('Заявление подаёт представитель за другое лицо').check();
    await field('ФИО представителя').fill('Ахметов Бауыржан Серікұлы');
    await field('Номер доверенности').fill('1-234');
    await field('Дата доверенности').fill('20.11.2026');
    await field('Кем выдана (удостоверена) доверенность').fill('Нотариус Иванова Л. М.');

    await page.getByRole('button', { name: 'Все обязательные документы представлены' }).click();
    for (const select of await page.locator('.intake-document select').all()) {
      if ((await select.inputValue()) === '') await select.selectOption('notApplicable');
    }
    for (const consent of await page.getByRole('checkbox', { name: /согласие/i }).all()) {
      await consent.check();
    }

    await page.getByRole('button', { name: 'Добавить члена семьи' }).click();
    const member = page.getByRole('group', { name: 'Член семьи 1' });
    await member.getByLabel('Фамилия', { exact: true }).fill('Сейітов');
    await member.getByLabel('Имя', { exact: true }).fill('Нұрлан');
    await member.getByLabel('Отчество', { exact: true }).fill('Серікұлы');
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

    await field('Добавить сканы').setInputFiles([
      { name: 'удостоверение-личности.png', mimeType: 'image/png', buffer: png },
      { name: 'справка-о-доходах.pdf', mimeType: 'application/pdf', buffer: incomePdf() },
    ]);
    await page.getByText('удостоверение-личности.png', { exact: true }).waitFor();
    await page.getByText('справка-о-доходах.pdf', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).last().click();
    await page.waitForURL(/#\/print\/talon\/[0-9a-f-]{36}/);
    caseId = /#\/print\/talon\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(caseId).not.toBe('');
  });

  test('the case page shows the applicant, the representative, the family, incomes, documents, consents and scans', async () => {
    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}`;
    }, caseId);
    await page.getByRole('heading', { name: /^Дело № / }).waitFor();
    await card().getByRole('heading', { name: 'Заявление' }).waitFor();

    // The applicant (the tab open first).
    await expect.poll(() => tab(/^Заявитель/).getAttribute('aria-selected')).toBe('true');
    await panel().getByText('Қайратқызы', { exact: true }).waitFor();
    await panel().getByText('+7 701 123 45 67', { exact: true }).waitFor();
    await panel()
      .getByText('Ақмола облысы, Ақкөл ауданы, Қызылсай ауылы, Бейбітшілік көшесі, 12')
      .waitFor();

    await tab(/^Представитель/).click();
    await panel().getByText('Ахметов Бауыржан Серікұлы', { exact: true }).waitFor();
    await panel().getByText('1-234', { exact: true }).waitFor();
    await panel().getByText('20.11.2026', { exact: true }).waitFor();
    await panel().getByText('Нотариус Иванова Л. М.', { exact: true }).waitFor();

    await tab(/^Семья/).click();
    const child = panel().getByRole('row').filter({ hasText: 'Сейітов Нұрлан Серікұлы' });
    await child.getByRole('cell', { name: 'Ребёнок' }).waitFor();
    await child.getByRole('cell', { name: '01.06.2015' }).waitFor();
    await child.getByRole('cell', { name: '150601500129' }).waitFor();

    await tab(/^Доходы/).click();
    const wages = panel().getByRole('row').filter({ hasText: 'Заработная плата' });
    await wages.getByRole('cell', { name: '01.08.2026 – 31.10.2026' }).waitFor();
    expect((await wages.innerText()).replace(/\s/g, ' ')).toMatch(/145 000 ₸/);

    await tab(/^Документы/).click();
    expect(
      await panel().getByRole('cell', { name: 'Представлен', exact: true }).count(),
    ).toBeGreaterThan(2);
    await panel().getByRole('cell', { name: 'Не требуется', exact: true }).first().waitFor();

    await tab(/^Согласия/).click();
    await panel().getByText('Согласие на сбор и обработку персональных данных').waitFor();
    expect(await panel().getByText('дано', { exact: true }).count()).toBe(2);

    await tab(/^Сканы/).click();
    await panel().getByText('удостоверение-личности.png', { exact: true }).waitFor();
    await panel().getByText('справка-о-доходах.pdf', { exact: true }).waitFor();
    await page.screenshot({
      path: screenshotPath('case-page-application-scans-ru'),
      fullPage: true,
    });
  });

  test('a scan opens inside the desk: the image in a viewer, the PDF in an embedded viewer', async () => {
    await panel()
      .getByRole('button', { name: 'Открыть скан «удостоверение-личности.png»' })
      .click();
    const viewer = page.getByRole('dialog', { name: 'Скан: удостоверение-личности.png' });
    const image = viewer.getByRole('img', { name: 'удостоверение-личности.png' });
    await image.waitFor();
    // Loaded from the desk's own storage through a blob: URL, and decoded (not a broken picture).
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    await expect
      .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBe(900);
    await page.screenshot({ path: screenshotPath('case-page-scan-viewer-ru') });
    await viewer.getByRole('button', { name: 'Исходный размер' }).click();
    await viewer.getByRole('button', { name: 'Вписать в окно' }).waitFor();
    await viewer.getByRole('button', { name: 'Закрыть' }).click();
    await viewer.waitFor({ state: 'detached' });

    await panel().getByRole('button', { name: 'Открыть скан «справка-о-доходах.pdf»' }).click();
    const pdf = page.getByRole('dialog', { name: 'Скан: справка-о-доходах.pdf' });
    const frame = pdf.locator('iframe[title="справка-о-доходах.pdf"]');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    // The frame navigated to the scan's blob: URL (the browser's PDF viewer shows it there).
    const src = (await frame.getAttribute('src')) ?? '';
    await expect.poll(() => page.frames().some((f) => f.url() === src)).toBe(true);
    // Chromium's own PDF viewer (an extension page inside the frame, headless too) read the scan:
    // it counts the document's one page. Taken before that, the picture shows the viewer's empty
    // grey background, not the page.
    const viewerFrame = () =>
      page.frames().find((f) => f.url().startsWith('chrome-extension://')) ?? null;
    await expect.poll(() => viewerFrame() !== null).toBe(true);
    const pdfViewer = viewerFrame();
    await expect
      .poll(async () => (await pdfViewer?.locator('#pagelength').first().textContent())?.trim(), {
        timeout: 15_000,
      })
      .toBe('1');
    // The page itself is drawn a moment after the document is counted.
    await page.waitForTimeout(1000);
    await page.screenshot({ path: screenshotPath('case-page-scan-pdf-ru') });
    await page.keyboard.press('Escape');
    await pdf.waitFor({ state: 'detached' });
  });

  test('a correction by the specialist shows the registered value and who corrected it when', async () => {
    await card().getByRole('button', { name: 'Исправить данные заявления' }).click();
    const form = page.getByRole('form', { name: 'Исправить данные заявления' });
    const applicant = form.getByRole('group', { name: 'Заявитель', exact: true });
    await applicant.getByLabel('Фамилия', { exact: true }).fill('Сейтова');
    const family = form.getByRole('group', { name: 'Семья', exact: true });
    await family.getByRole('button', { name: 'Добавить члена семьи' }).click();
    const second = family.getByRole('group', { name: 'Член семьи 2' });
    await second.getByLabel('Фамилия', { exact: true }).fill('Сейітова');
    await second.getByLabel('Имя', { exact: true }).fill('Дана');
    await second.getByLabel('Дата рождения', { exact: true }).fill('12.09.2018');
    // Without a reason nothing is saved.
    await form.getByRole('button', { name: 'Сохранить исправление' }).click();
    await form.getByText('Заполните поле.').waitFor();
    await form
      .getByLabel('Причина исправления')
      .fill('Фамилия записана не так, как в удостоверении личности; дочь не была внесена');
    await form.getByRole('button', { name: 'Сохранить исправление' }).click();
    await card().getByText('Сохранено: Данные заявления исправлены.').waitFor();

    // The header and the application show the corrected name; the registered one stays visible.
    await page.getByText('Сейтова Әйгерім Қайратқызы').first().waitFor();
    await tab(/^Заявитель/).click();
    const surname = panel()
      .locator('.cp-app-facts > div')
      .filter({ has: page.locator('dt', { hasText: /^Фамилия$/ }) });
    expect(await surname.locator('dd').innerText()).toMatch(/^Сейтова/);
    await surname.locator('del').getByText('Сейітова', { exact: true }).waitFor();
    await surname.getByText(/^исправлено: Сейітова Әйгерім, 23\.11\.2026 10:\d\d$/).waitFor();
    await page.screenshot({ path: screenshotPath('case-page-application-ru'), fullPage: true });

    await tab(/^Семья/).click();
    await panel()
      .getByText(/^исправлено: Сейітова Әйгерім, 23\.11\.2026 10:\d\d$/)
      .waitFor();
    await panel().getByRole('row').filter({ hasText: 'Сейітова Дана' }).waitFor();
    await panel().getByText('Как было при регистрации').click();
    expect(await panel().getByRole('row').filter({ hasText: 'Сейітова Дана' }).count()).toBe(1);

    await tab(/^Исправления/).click();
    await panel()
      .getByText('Фамилия записана не так, как в удостоверении личности', { exact: false })
      .waitFor();
    await expect.poll(() => panel().innerText()).toContain('данные заявителя, члены семьи');
    // The timeline has the correction as an act of its own.
    await page
      .locator('.cp-timeline')
      .getByText('Данные заявления исправлены', { exact: true })
      .waitFor();

    // The talon printed now names the applicant as corrected.
    await page.evaluate((id) => {
      window.location.hash = `#/print/talon/${id}?lang=ru`;
    }, caseId);
    await expect.poll(() => page.locator('body').innerText()).toContain('Сейтова Әйгерім');
  });

  test('the same page in Kazakh', async () => {
    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}`;
    }, caseId);
    await page.getByRole('heading', { name: /^Дело № / }).waitFor();
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByRole('heading', { name: /^№ .+ іс$/ }).waitFor();
    await card().getByRole('heading', { name: 'Өтініш' }).waitFor();
    await tab(/^Өтініш беруші/).click();
    await panel()
      .getByText(/^түзеткен: Сейітова Әйгерім, 23\.11\.2026 10:\d\d$/)
      .waitFor();
    await page.screenshot({ path: screenshotPath('case-page-application-kk'), fullPage: true });
    await tab(/^Отбасы/).click();
    await panel().getByRole('cell', { name: 'Баласы' }).first().waitFor();
    await page.screenshot({
      path: screenshotPath('case-page-application-family-kk'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Русский' }).click();
  });
});
