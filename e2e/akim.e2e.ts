import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { verifyCanonical, type CanonicalSignature, type PublicJwk } from '../shared/signing';
import { launchChromium, screenshotPath } from './support/browser';
import { AKIM, logIn, setUpOffice, SPECIALIST } from './support/desk';

// The akim's part and the forwarding to the district, driven as the specialist and the akim would:
// two applications registered at intake, resolutions from the akim's inbox confirmed with the akim's
// PIN, a covering register built
// by the specialist, signed by the akim with the PIN, forwarded and exported to a file.

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  // Monday 23.11.2026, 10:00 at the office.
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
});

afterAll(async () => {
  await browser.close();
});

const TSA = '14. Мемлекеттік атаулы әлеуметтік көмекті тағайындау';
const APPLICANTS = [
  { iin: '850315400124', lastName: 'Сейітова', firstName: 'Әйгерім' },
  { iin: '790622300450', lastName: 'Нұрланов', firstName: 'Ерболат' },
];

async function registerTsaApplication(applicant: (typeof APPLICANTS)[number]) {
  await page.goto(`${inject('deskUrl')}#/intake`);
  await page.getByLabel('Қызмет', { exact: true }).selectOption({ label: TSA });
  await page.getByLabel('ЖСН', { exact: true }).fill(applicant.iin);
  await page.getByLabel('Тегі', { exact: true }).fill(applicant.lastName);
  await page.getByLabel('Аты', { exact: true }).fill(applicant.firstName);
  await page
    .getByLabel('Мекенжайы', { exact: true })
    .fill('Қызылсай ауылы, Бейбітшілік көшесі, 12');
  await page.getByRole('button', { name: 'Барлық міндетті құжаттар ұсынылды' }).click();
  await page
    .getByLabel(/жұмыспен қамтуға жәрдемдесудің белсенді/)
    .selectOption({ label: 'Талап етілмейді' });
  await page.getByLabel('Дербес деректерді жинауға және өңдеуге келісім').check();
  await page
    .getByLabel('Заңмен қорғалатын құпияны құрайтын мәліметтерді пайдалануға жазбаша келісім')
    .check();
  await page.getByRole('button', { name: 'Өтінішті тіркеу' }).last().click();
  await page.waitForURL(/#\/print\/talon\//);
}

async function switchTo(user: { name: string; pin: string }) {
  await page.locator('.session-menu-button').click();
  await page.getByRole('menuitem', { name: 'Пайдаланушыны ауыстыру' }).click();
  await logIn(page, user.name, user.pin);
}

/** The row under a case that holds its open resolution form. */
const resolutionForm = () =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('heading', { name: /іс бойынша бұрыштама$/ }) });

const card = (heading: string) =>
  page.locator('article').filter({ has: page.getByRole('heading', { name: heading }) });

describe('akim inbox and registers', () => {
  test('the akim sees the registered applications and imposes resolutions', async () => {
    await page.goto(inject('deskUrl'));
    await setUpOffice(page);
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
    for (const applicant of APPLICANTS) await registerTsaApplication(applicant);

    await switchTo(AKIM);
    await page.getByRole('link', { name: 'Бұрыштама және қол қою' }).click();
    const resolutions = card('Бұрыштама күтіп тұрған істер');
    await resolutions.getByRole('row').filter({ hasText: 'Нұрланов' }).waitFor();
    await expect.poll(() => resolutions.getByRole('row').count()).toBe(3);
    // Registered at 10:00; the regulation gives the akim 30 minutes for the resolution (R-REG-8).
    await resolutions
      .getByText(/^10:3\d дейін$/)
      .first()
      .waitFor();
    await page.screenshot({ path: screenshotPath('akim-inbox') });

    for (const applicant of APPLICANTS) {
      const row = resolutions.getByRole('row').filter({ hasText: applicant.lastName });
      await row.getByRole('button', { name: 'Бұрыштама қою' }).click();
      await page.getByLabel('Орындаушы').selectOption({ label: SPECIALIST.name });
      // A blank text is refused with the shared schema's message.
      await page.getByLabel('Бұрыштама мәтіні').fill('  ');
      await resolutionForm().getByRole('button', { name: 'Бұрыштама қою' }).click();
      await resolutionForm().getByText('Өрісті толтырыңыз.').waitFor();
      await page.getByRole('button', { name: 'Заңнамада белгіленген тәртіппен қарауға' }).click();
      await resolutionForm().getByRole('button', { name: 'Бұрыштама қою' }).click();
      // The akim confirms the resolution with the PIN; a wrong PIN saves nothing and says so.
      const dialog = page.getByRole('dialog', { name: 'Бұрыштаманы ПИН-кодпен растау' });
      await dialog.getByText('Заңнамада белгіленген тәртіппен қарауға').waitFor();
      if (applicant === APPLICANTS[0]) {
        await dialog.getByLabel('ПИН-код').fill('1593');
        await dialog.getByRole('button', { name: 'Растау', exact: true }).click();
        await dialog.getByText('ПИН-код қате.').waitFor();
        await dialog.getByText('Бұрыштама сақталмады.').waitFor();
        await page.screenshot({ path: screenshotPath('akim-resolution-wrong-pin') });
        expect(
          await page.getByRole('status').filter({ hasText: 'бұрыштама қойылды' }).count(),
        ).toBe(0);
      }
      await dialog.getByLabel('ПИН-код').fill(AKIM.pin);
      await dialog.getByRole('button', { name: 'Растау', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'бұрыштама қойылды' }).waitFor();
      await dialog.waitFor({ state: 'detached' });
    }
    await page.getByText('Әкімнің бұрыштамасын күтіп тұрған іс жоқ.').waitFor();
  });

  test('the specialist builds a register that cannot be forwarded before the akim signs it', async () => {
    await switchTo(SPECIALIST);
    await page.getByRole('link', { name: 'Жолдау тізілімдері' }).click();
    await page.getByRole('button', { name: 'Жаңа тізілім' }).click();
    await page.getByLabel('Барлығын таңдау').check();
    // A full disk first: IndexedDB refuses the write; the desk says so in Kazakh and keeps the
    // choice, and nothing is numbered.
    await page.evaluate(() => {
      const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
      const full = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      (window as unknown as { realWrites: unknown[] }).realWrites = [proto['add'], proto['put']];
      proto['add'] = full;
      proto['put'] = full;
    });
    await page.getByRole('button', { name: 'Тізілім жасау (2 іс)' }).click();
    await page.getByText(/^Сақталмады: компьютердің дискісінде орын жоқ/).waitFor();
    expect(await page.getByText('QuotaExceededError').count()).toBe(0);
    await page.evaluate(() => {
      const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
      const [add, put] = (window as unknown as { realWrites: unknown[] }).realWrites;
      proto['add'] = add;
      proto['put'] = put;
    });
    await page.getByRole('button', { name: 'Тізілім жасау (2 іс)' }).click();
    await page.getByRole('heading', { name: /№ KZL01-1-R0001\/2026 тізілім/ }).waitFor();
    await page.getByText('Әкімнің қолтаңбасын күтуде').waitFor();
    expect(await page.getByRole('button', { name: 'Ауданға жолдау' }).count()).toBe(0);
  });

  test('the akim signs the register with the PIN; a wrong PIN signs nothing', async () => {
    await switchTo(AKIM);
    await page.getByRole('link', { name: 'Бұрыштама және қол қою' }).click();
    await card('Қол қоюға арналған тізілімдер')
      .getByRole('link', { name: 'Ашу және қол қою' })
      .click();
    await page.getByRole('button', { name: 'Тізілімге қол қою' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('№ KZL01-1-R0001/2026 тізілім').waitFor();
    await dialog
      .getByTestId('sign-digest')
      .filter({ hasText: /^[0-9A-F]{4}( [0-9A-F]{4}){3}$/ })
      .waitFor();

    await dialog.getByLabel('ПИН-код').fill('1593');
    await dialog.getByRole('button', { name: 'Қол қою', exact: true }).click();
    await dialog.getByText('ПИН-код қате.').waitFor();
    await expect.poll(() => page.getByText('Әкімнің қолтаңбасын күтуде').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('akim-sign-wrong-pin') });

    await dialog.getByLabel('ПИН-код').fill(AKIM.pin);
    await dialog.getByRole('button', { name: 'Қол қою', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'тізілімге қол қойылды' })
      .waitFor({ timeout: 30_000 });
    await page.getByText(new RegExp(`Қол қойған: ${AKIM.name}`)).waitFor();
    expect(await page.getByRole('button', { name: 'Тізілімге қол қою' }).count()).toBe(0);
  });

  test('the specialist forwards the signed register and exports it to a file that verifies', async () => {
    await switchTo(SPECIALIST);
    await page.getByRole('link', { name: 'Жолдау тізілімдері' }).click();
    await page.getByRole('link', { name: 'KZL01-1-R0001/2026' }).click();
    // Signed: its cases can no longer change.
    expect(await page.getByRole('button', { name: 'Құрамын өзгерту' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Ауданға жолдау' }).click();
    await page.getByRole('button', { name: 'Жолдауды растау' }).click();
    await page.getByRole('status').filter({ hasText: 'Тізілім жолданды' }).waitFor();
    await expect
      .poll(() => page.getByRole('cell', { name: 'Уәкілетті органға жіберілді' }).count())
      .toBe(2);
    await page.screenshot({ path: screenshotPath('registers-forwarded') });

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Файлға сақтау' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('register-KZL01-1-R0001-2026.akimat.json');
    const path = await download.path();
    const file = JSON.parse(await readFile(path, 'utf8')) as {
      format: string;
      version: number;
      registerEvents: { type: string }[];
      register: { number: string; forwardedAt: string | null; signature: CanonicalSignature };
      signer: { publicKey: PublicJwk };
      document: unknown;
      cases: { events: { type: string }[] }[];
    };
    expect(file.format).toBe('akimat-desk.register');
    expect(file.version).toBe(2);
    // The register travels as its own log: built, signed, forwarded.
    expect(file.registerEvents.map((e) => e.type).sort()).toEqual([
      'RegisterCreated',
      'RegisterForwarded',
      'RegisterSigned',
    ]);
    expect(file.register.number).toBe('KZL01-1-R0001/2026');
    expect(file.register.forwardedAt).not.toBeNull();
    expect(file.cases.map((c) => c.events.map((e) => e.type))).toEqual([
      ['Registered', 'ResolutionImposed', 'ForwardedToDistrict'],
      ['Registered', 'ResolutionImposed', 'ForwardedToDistrict'],
    ]);
    const { algorithm, value, signedDigest, keyId } = file.register.signature;
    expect(
      await verifyCanonical(crypto.subtle, file.signer.publicKey, file.document, {
        algorithm,
        value,
        signedDigest,
        keyId,
      }),
    ).toBe(true);
  });
});
