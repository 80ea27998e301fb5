import 'fake-indexeddb/auto';
import { configureStore } from '@reduxjs/toolkit';
import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { MemoryRouter } from 'react-router';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import type { CaseRole } from '../../../../shared/case';
import type { Language } from '../../../../shared/ipc';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { DeskProvider, type DeskStartServices } from '../../app/desk-context';
import { DeskDatabase } from '../../db';
import { localeResources } from '../../i18n';
import { preferencesSlice } from '../preferences';
import { sessionSlice } from '../session';
import { ProactiveScreen } from './proactive-screen';

// The screen's first render in both languages, with the real locale files, as static markup (the
// unit tests run without a DOM): the occasion filled in, the catalog's proactive service, and who
// may open the cases. What it lists and opens is proactive-form.test.ts's and the command's.

const i18n = i18next.createInstance();
const db = new DeskDatabase(`t-${crypto.randomUUID()}`);
beforeAll(async () => {
  await i18n.init({
    resources: localeResources(),
    lng: 'kk',
    fallbackLng: false,
    ns: Object.keys(localeResources().kk),
    defaultNS: 'proactive',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
});
afterAll(async () => {
  await db.delete();
});

const NOW = '2026-05-04T10:00';

async function shown(lang: Language, role: CaseRole): Promise<string> {
  await i18n.changeLanguage(lang);
  const office = sampleOfficeProfile({ officeId: 'office-akk00', kind: 'district', code: 'AKK00' });
  const store = configureStore({
    reducer: { preferences: preferencesSlice.reducer, session: sessionSlice.reducer },
    preloadedState: {
      preferences: { language: lang },
      session: { user: { id: 'u-1', name: 'Маман', role }, locked: false },
    },
  });
  const services = {
    db,
    calendar: createWorkingCalendar(),
    office,
    clock: { nowMs: () => 0, nowLocal: () => NOW, today: () => NOW.slice(0, 10) },
  } as unknown as DeskStartServices;
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <Provider store={store}>
        <DeskProvider services={services}>
          <MemoryRouter>
            <ProactiveScreen />
          </MemoryRouter>
        </DeskProvider>
      </Provider>
    </I18nextProvider>,
  );
}

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the proactive assistance screen', () => {
  test('R-PRO-1 kk: Victory Day of this year filled in, the proactive service offered', async () => {
    const markup = await shown('kk', 'districtSpecialist');
    expect(text(markup)).toContain('Проактивті көмек');
    expect(markup).toContain('value="Жеңіс күні"');
    expect(markup).toContain('value="09.05.2026"');
    expect(markup).toContain('value="social-aid-maslikhat-categories"');
    expect(text(markup)).toContain('Ауылдық округ');
  });

  test('R-PRO-1 ru: the same in Russian', async () => {
    const markup = await shown('ru', 'districtSpecialist');
    expect(text(markup)).toContain('Проактивная помощь');
    expect(markup).toContain('value="День Победы"');
    expect(text(markup)).toContain('Сельский округ');
  });

  test('every field’s label is tied to its control by id, so its name is the label alone; no code to type', async () => {
    const markup = await shown('ru', 'districtSpecialist');
    const labels = [...markup.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)];
    expect(labels.map((m) => m[2])).toEqual([
      'Повод',
      'Название (так пишется в документах)',
      'Дата (дд.мм.гггг)',
      'Услуга',
      'Сельский округ',
      'Квартал реестра АСП',
    ]);
    for (const [, id] of labels) expect(markup).toContain(`id="${id}"`);
    expect(markup).not.toMatch(/<input[^>]*value="victory-day"/);
    expect(text(markup)).not.toContain('Код');
  });

  test('issue 9 §10: the help page’s step names the “recipients without cases” checkbox and the unknown-okrug mark as the screen says them', async () => {
    for (const lang of ['kk', 'ru'] as const) {
      const markup = await shown(lang, 'districtSpecialist');
      const label = i18n.t('withoutCases', { lng: lang, ns: 'proactive' });
      expect(text(markup)).toContain(label);
      const steps = Object.values(
        i18n.t('screens.proactive.steps', { lng: lang, ns: 'help', returnObjects: true }) as Record<
          string,
          string
        >,
      );
      const step = steps.find((s) => s.includes(`«${label}»`));
      expect(step, lang).toBeDefined();
      const mark = i18n.t('recipients.okrugUnknown', { lng: lang, ns: 'proactive' });
      expect(step?.toLocaleLowerCase(lang), lang).toContain(`«${mark}»`);
      // The note the screen shows beside those rows quotes the same mark, with their number.
      const note = i18n
        .t('recipients.okrugUnknownNote', { lng: lang, ns: 'proactive', count: 2 })
        .toLocaleLowerCase(lang);
      expect(note).toContain(`«${mark}»`);
      expect(note).toContain('(2)');
    }
  });

  test('R-PRO-1: only the district specialist opens the cases', async () => {
    const page = text(await shown('ru', 'districtHead'));
    expect(page).toContain('Дела проактивной помощи открывает специалист районного отдела.');
    expect(page).not.toContain('Открыть дела');
  });
});
