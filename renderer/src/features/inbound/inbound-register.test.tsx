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
import { sampleJournalRow } from '../../../../shared/journal/testing';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { DeskProvider, type DeskStartServices } from '../../app/desk-context';
import { DeskDatabase, type InboundRegister } from '../../db';
import { localeResources } from '../../i18n';
import { preferencesSlice } from '../preferences';
import { sessionSlice } from '../session';
import { InboundRegisterCard } from './inbound-register';

// A forwarded register's card in both languages, rendered with the real locale files as static
// markup (the unit tests run without a DOM): what the district sees of the register and its cases,
// and who may receive it.

const calendar = createWorkingCalendar();
const i18n = i18next.createInstance();
const db = new DeskDatabase(`t-${crypto.randomUUID()}`);
beforeAll(async () => {
  await i18n.init({
    resources: localeResources(),
    lng: 'kk',
    fallbackLng: false,
    ns: Object.keys(localeResources().kk),
    defaultNS: 'inbound',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
});
afterAll(async () => {
  await db.delete();
});

const NOW = '2025-03-06T12:00';
const waiting = sampleJournalRow(
  { id: 'case-w', stage: 'forwarded', number: 'KZL01-1-0007/2025', name: 'Сейітова Әйгерім' },
  calendar,
);
const received = sampleJournalRow(
  { id: 'case-r', stage: 'atDistrict', number: 'KZL01-1-0008/2025', name: 'Оспанов Нұрлан' },
  calendar,
);
const register: InboundRegister = {
  registerId: 'register-1',
  registerNumber: 'KZL01-1-R0003/2025',
  date: '2025-03-03',
  officeId: 'office-kzl01',
  forwardedAt: '2025-03-04T16:20',
  signer: { name: 'Жақсылықов Ерлан', signedAt: '2025-03-04T15:05' },
  waiting: [waiting],
  received: [received],
};

async function shown(lang: Language, role: CaseRole): Promise<string> {
  await i18n.changeLanguage(lang);
  const office = sampleOfficeProfile({ officeId: 'office-akk', kind: 'district', code: 'AKK' });
  const store = configureStore({
    reducer: { preferences: preferencesSlice.reducer, session: sessionSlice.reducer },
    preloadedState: {
      preferences: { language: lang },
      session: { user: { id: 'u-1', name: 'Маман', role }, locked: false },
    },
  });
  const services = {
    db,
    calendar,
    office,
    clock: { nowMs: () => 0, nowLocal: () => NOW, today: () => NOW.slice(0, 10) },
  } as unknown as DeskStartServices;
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <Provider store={store}>
        <DeskProvider services={services}>
          <MemoryRouter>
            <InboundRegisterCard
              register={register}
              okrugLabel="KZL01"
              now={NOW}
              onReceived={() => {}}
            />
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

describe('a forwarded register on the inbound screen', () => {
  test('kk: the register, its signer, each case with its term, and the receipt for the specialist', async () => {
    const page = text(await shown('kk', 'districtSpecialist'));
    expect(page).toContain('№ KZL01-1-R0003/2025 тізілім');
    expect(page).toContain('Тізілім күні 03.03.2025');
    expect(page).toContain('Әкім аппараты KZL01');
    expect(page).toContain('Қол қойған Жақсылықов Ерлан, 04.03.2025 15:05');
    expect(page).toContain('Жіберілген уақыты 04.03.2025 16:20');
    expect(page).toContain('KZL01-1-0007/2025');
    expect(page).toContain('Сейітова Әйгерім');
    // Waiting: the district's step counts from the forwarding until the receipt (shared/schedule).
    expect(page).toMatch(/Сейітова Әйгерім.* Хабарламаны дайындау 04\.03\.2025 /);
    expect(page).toContain('Кіріс нөмірі');
    expect(page).toContain('Тізілімді қабылдау: 1 өтініш');
  });

  test("ru: a received case shows the district's own step, its due date and state", async () => {
    const page = text(await shown('ru', 'districtSpecialist'));
    expect(page).toContain('Реестр № KZL01-1-R0003/2025');
    expect(page).toContain('Подписал Жақсылықов Ерлан, 04.03.2025 15:05');
    // The sample cases follow seed 001 (its district step: the notice), received on 03.03.2025.
    expect(page).toMatch(/Оспанов Нұрлан.* Подготовка уведомления 04\.03\.2025 Просрочено /);
    expect(page).toContain('Принять реестр: 1 заявление');
  });

  test('the district head sees the register but does not receive it', async () => {
    const page = text(await shown('ru', 'districtHead'));
    expect(page).toContain('Реестр принимает специалист отдела.');
    expect(page).not.toContain('Принять реестр');
  });
});
