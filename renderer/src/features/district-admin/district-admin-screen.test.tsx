import 'fake-indexeddb/auto';
import { configureStore } from '@reduxjs/toolkit';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { MemoryRouter } from 'react-router';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import type { CaseRole } from '../../../../shared/case';
import type { Language } from '../../../../shared/ipc';
import type { OfficeKind } from '../../../../shared/office';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import type { RegistryReply } from '../../../../shared/sync';
import { DeskProvider, type DeskStartServices } from '../../app/desk-context';
import { screenShownTo } from '../../app/screen-entry';
import { SCREENS, startPathFor } from '../../app/screens';
import { DeskDatabase } from '../../db';
import { localeResources } from '../../i18n';
import { connectivitySlice } from '../connectivity';
import { preferencesSlice } from '../preferences';
import { sessionSlice } from '../session';
import { NewCodePanel } from './codes-section';
import { DistrictAdminScreen, RegistrySections } from './district-admin-screen';

// The screen's first render in both languages, with the real locale files, as static markup (the
// unit tests run without a DOM): who gets it in the navigation and on which desk, the registry's
// sections drawn from a registry reply, the new code shown once. What the calls send and how they
// fail is admin-client.test.ts's; grouping and states are registry-view.test.ts's.

const i18n = i18next.createInstance();
const db = new DeskDatabase(`t-${crypto.randomUUID()}`);
beforeAll(async () => {
  await i18n.init({
    resources: localeResources(),
    lng: 'kk',
    fallbackLng: false,
    ns: Object.keys(localeResources().kk),
    defaultNS: 'districtAdmin',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
});
afterAll(async () => {
  await db.delete();
});

const HOUR = 3_600_000;
// 2026-05-04 10:00 in Almaty (UTC+5).
const NOW_MS = Date.UTC(2026, 4, 4, 5, 0);

const REGISTRY: RegistryReply = {
  districtId: 'AKK',
  thisDeviceId: 'dev-d1',
  offices: [
    {
      id: 'office-akk01',
      code: 'AKK01',
      kind: 'akimat',
      nameKk: 'Қарағаш ауылдық округі әкімінің аппараты',
      nameRu: 'Аппарат акима Карагашского сельского округа',
      createdAtMs: NOW_MS - 900 * HOUR,
    },
    {
      id: 'office-akk00',
      code: 'AKK00',
      kind: 'district',
      nameKk: 'Ақкөл ауданының жұмыспен қамту бөлімі',
      nameRu: 'Отдел занятости Аккольского района',
      createdAtMs: NOW_MS - 1000 * HOUR,
    },
  ],
  devices: [
    {
      id: 'dev-d1',
      officeId: 'office-akk00',
      deviceNo: 1,
      enrolledAtMs: NOW_MS - 800 * HOUR,
      revokedAtMs: null,
      lastSeenAtMs: NOW_MS - 1 * HOUR,
    },
    {
      id: 'dev-a1',
      officeId: 'office-akk01',
      deviceNo: 1,
      enrolledAtMs: NOW_MS - 700 * HOUR,
      revokedAtMs: null,
      lastSeenAtMs: null,
    },
    {
      id: 'dev-a2',
      officeId: 'office-akk01',
      deviceNo: 2,
      enrolledAtMs: NOW_MS - 600 * HOUR,
      revokedAtMs: Date.UTC(2026, 3, 20, 6, 0),
      lastSeenAtMs: NOW_MS - 500 * HOUR,
    },
  ],
  codes: [
    {
      officeId: 'office-akk01',
      createdAtMs: NOW_MS - 701 * HOUR,
      expiresAtMs: NOW_MS - 629 * HOUR,
      state: 'used',
      usedAtMs: NOW_MS - 700 * HOUR,
      usedByDevice: 'dev-a1',
    },
  ],
};

function store(lang: Language, role: CaseRole) {
  return configureStore({
    reducer: {
      preferences: preferencesSlice.reducer,
      session: sessionSlice.reducer,
      connectivity: connectivitySlice.reducer,
    },
    preloadedState: {
      preferences: { language: lang },
      session: { user: { id: 'u-1', name: 'Басшы', role }, locked: false },
    },
  });
}

async function render(lang: Language, role: CaseRole, kind: OfficeKind, node: ReactNode) {
  await i18n.changeLanguage(lang);
  const office = sampleOfficeProfile(
    kind === 'district' ? { officeId: 'office-akk00', kind, code: 'AKK00' } : { kind },
  );
  const services = {
    db,
    calendar: createWorkingCalendar(),
    office,
    clock: { nowMs: () => NOW_MS, nowLocal: () => '2026-05-04T10:00', today: () => '2026-05-04' },
  } as unknown as DeskStartServices;
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <Provider store={store(lang, role)}>
        <DeskProvider services={services}>
          <MemoryRouter>{node}</MemoryRouter>
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

const sections = (lang: Language) =>
  render(
    lang,
    'districtHead',
    'district',
    <RegistrySections
      registry={REGISTRY}
      nowMs={NOW_MS}
      language={lang}
      context={() => Promise.reject(new Error('no call in a static render'))}
      onChanged={() => undefined}
      onCodeMade={() => undefined}
      fallbackName={(id) => id}
    />,
  );

describe('who gets the district admin’s screen', () => {
  const shown = (role: CaseRole, kind: OfficeKind) =>
    SCREENS.filter((s) => screenShownTo(s, role, kind)).map((s) => s.path);

  test('the district department’s head and admin, on the department’s desk only', () => {
    expect(shown('districtHead', 'district')).toContain('/district-admin');
    expect(shown('admin', 'district')).toContain('/district-admin');
    expect(shown('districtSpecialist', 'district')).not.toContain('/district-admin');
    expect(shown('admin', 'akimat')).not.toContain('/district-admin');
    expect(shown('akim', 'akimat')).not.toContain('/district-admin');
    // Listed before the users screen.
    const paths = shown('districtHead', 'district');
    expect(paths.indexOf('/district-admin')).toBe(paths.indexOf('/users') - 1);
  });

  test('the start page stays the dashboard, with the desk’s kind or without', () => {
    expect(startPathFor('districtHead', 'district')).toBe('/dashboard');
    expect(startPathFor('admin', 'district')).toBe('/dashboard');
    expect(startPathFor('admin')).toBe('/dashboard');
  });

  test('opened on an akimat’s desk, or by a specialist: said plainly, nothing else', async () => {
    const akimat = text(await render('kk', 'admin', 'akimat', <DistrictAdminScreen />));
    expect(akimat).toContain('Бұл экран тек аудандық бөлімнің жұмыс орнында ашылады');
    expect(akimat).not.toContain('Аудан кеңселері');
    const specialist = text(
      await render('ru', 'districtSpecialist', 'district', <DistrictAdminScreen />),
    );
    expect(specialist).toContain('Район администрируют только руководитель районного отдела');
    expect(specialist).not.toContain('Учреждения района');
  });

  test('kk: on the department’s desk, the hub’s sections wait for it; people from the desk', async () => {
    const page = text(await render('kk', 'districtHead', 'district', <DistrictAdminScreen />));
    expect(page).toContain('Ауданды әкімшілендіру');
    for (const heading of ['Аудан кеңселері', 'Қосылу кодтары', 'Жұмыс орындары'])
      expect(page).toContain(heading);
    expect(page).toContain('Қызметкерлер және кілттер');
    // Refresh waits for the first answer (a static render never gets one).
    expect(page).toContain('Жүктелуде…');
  });
});

describe('the registry’s sections', () => {
  test('kk: offices with their desks, codes, desks by office; revoke for the other desk only', async () => {
    const markup = await sections('kk');
    const page = text(markup);
    // The department first, then the akimat.
    expect(page.indexOf('Ақкөл ауданының жұмыспен қамту бөлімі')).toBeLessThan(
      page.indexOf('Қарағаш ауылдық округі әкімінің аппараты'),
    );
    expect(page).toContain('кері қайтарылғаны: 1');
    expect(page).toContain('№ 1 жұмыс орны (осы жұмыс орны)');
    expect(page).toContain('Әлі синхрондалмаған');
    expect(page).toContain('Кіру құқығы 20.04.2026 кері қайтарылды');
    // One active desk that is not this one: one Revoke button.
    expect(markup.match(/>Кіру құқығын кері қайтару</g)).toHaveLength(1);
    expect(page).toContain('Пайдаланылды');
    expect(page).toContain('Қарағаш ауылдық округі әкімінің аппараты, № 1 жұмыс орны');
    // The form's inputs have their labels.
    for (const id of ['code', 'nameKk', 'nameRu'])
      expect(markup).toContain(`for="district-admin-office-${id}"`);
    expect(markup).toContain('for="district-admin-hours"');
    expect(markup.match(/>Код жасау</g)).toHaveLength(2);
  });

  test('ru: the same in Russian, times as dd.MM.yyyy HH:mm', async () => {
    const page = text(await sections('ru'));
    expect(page).toContain('Учреждения района');
    expect(page).toContain('Отдел занятости Аккольского района');
    expect(page).toContain('Рабочее место № 2');
    expect(page).toContain('Доступ отозван 20.04.2026');
    expect(page).toContain('Ещё не синхронизировалось');
    // Last sync of this desk: an hour before 04.05.2026 10:00 in Almaty.
    expect(page).toContain('04.05.2026 09:00');
    expect(page).toContain('Добавить аппарат акима сельского округа');
    expect(page).toContain('Сделать код');
  });

  test.each([
    ['kk', 'Код тек бір рет, осы жерде көрсетіледі', 'Жарамдылық мерзімі: 07.05.2026 10:00 дейін'],
    ['ru', 'Код показывается только один раз', 'Действует до 07.05.2026 10:00'],
  ] as const)(
    '%s: a new code shown once, in groups, with its expiry',
    async (lang, once, until) => {
      const markup = await render(
        lang,
        'districtHead',
        'district',
        <NewCodePanel
          made={{
            reply: {
              code: 'ABCD-EFGH-JKLM-NPQR',
              officeId: 'office-akk01',
              expiresAtMs: NOW_MS + 72 * HOUR,
            },
            office: { code: 'AKK01', nameKk: 'Қарағаш', nameRu: 'Карагаш' },
          }}
          language={lang}
          fallbackName={(id) => id}
          onHide={() => undefined}
        />,
      );
      const page = text(markup);
      expect(page).toContain('ABCD - EFGH - JKLM - NPQR');
      expect(page).toContain(once);
      expect(page).toContain(until);
      // The office is named in the reader's language, whichever it was made in.
      expect(page).toContain(lang === 'kk' ? '«Қарағаш»' : '«Карагаш»');
    },
  );
});
