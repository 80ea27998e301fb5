import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { logIn, setUpOffice, SPECIALIST } from './support/desk';

// Issue 11 §7 in the built desk: the office clock moved three hours back while the specialist works
// (the page's own monotonic clock goes on): the frame warns on every screen until acknowledged, and
// the system page lists the jump with who was logged in.

const VIEWPORT = { width: 1366, height: 768 };
const START = new Date('2026-11-23T10:00:00+05:00');

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  await page.clock.install({ time: START });
  await page.goto(inject('deskUrl'));
  await setUpOffice(page);
  await logIn(page, SPECIALIST.name, SPECIALIST.pin);
});

afterAll(async () => {
  await browser.close();
});

describe('a clock that jumps', () => {
  test('is warned about in the frame and recorded on the system page, in kk and ru', async () => {
    // setSystemTime moves the wall clock only: performance.now() keeps counting, as on a laptop
    // whose clock is set by hand.
    await page.clock.setSystemTime(new Date(START.getTime() - 3 * 3_600_000));
    const warning = page
      .getByRole('alert')
      .filter({ hasText: 'Компьютердің сағаты 3 сағатқа кері жылжытылды' });
    await warning.waitFor({ timeout: 30_000 });
    expect(await warning.textContent()).toContain('23.11.2026 07:');
    await page.screenshot({ path: screenshotPath('clock-jump-warning-kk') });

    await page.getByRole('navigation').getByRole('link', { name: 'Жүйе туралы' }).click();
    const card = page.getByRole('article').filter({ hasText: 'Компьютер сағатының жылжуы' });
    await card.getByRole('cell', { name: SPECIALIST.name }).waitFor();
    await card.getByText('3 сағатқа кері').waitFor();
    await card.getByText('жұмыс сеансының өз сағаты').waitFor();
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('clock-jump-system-kk') });

    await page.getByRole('button', { name: 'Русский' }).click();
    const warningRu = page
      .getByRole('alert')
      .filter({ hasText: 'Часы компьютера переведены назад на 3 часа' });
    await warningRu.waitFor();
    const cardRu = page.getByRole('article').filter({ hasText: 'Перевод часов компьютера' });
    await cardRu.getByText('назад на 3 часа').waitFor();
    await cardRu.getByText('собственных часов сеанса').waitFor();
    await warningRu.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('clock-jump-warning-ru') });
    await cardRu.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('clock-jump-system-ru') });

    // Acknowledged, the warning goes; the record stays.
    await warningRu.getByRole('button', { name: 'Понятно' }).click();
    await warningRu.waitFor({ state: 'detached' });
    await cardRu.getByText('назад на 3 часа').waitFor();
  });
});
