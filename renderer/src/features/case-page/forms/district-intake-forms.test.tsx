import i18next from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { foldCase, payloadSchemas, type ApplicationData } from '../../../../../shared/case';
import { samplePath } from '../../../../../shared/case/testing';
import {
  compareWithPovertyLine,
  computePerCapitaIncome,
  INCOME_FIGURES_SCHEMA,
  type IncomeFigures,
} from '../../../../../shared/income';
import { INPUT_MESSAGES } from '../../../../../shared/input';
import type { Language } from '../../../../../shared/ipc';
import { localeResources } from '../../../i18n';
import {
  buildIncome,
  buildReceipt,
  comparisonDate,
  IncomeArithmetic,
  PovertyLineNote,
} from './district-intake-forms';

/** A case forwarded to the district: its application is sampleRegistered's (applicant + one child). */
const forwarded = foldCase(
  samplePath([
    ['Registered', 'specialist'],
    ['ForwardedToDistrict', 'specialist'],
  ]),
);
const application = forwarded.application as ApplicationData;
const TODAY = '2025-03-05';

describe('the receipt form', () => {
  test('the incoming number is optional; blank is no number, a long one is refused', () => {
    expect(buildReceipt({ incomingNumber: '   ' })).toEqual({ payload: {}, errors: {} });
    const ok = buildReceipt({ incomingNumber: ' 15-к ' });
    expect(ok).toEqual({ payload: { incomingNumber: '15-к' }, errors: {} });
    expect(payloadSchemas.ReceivedByDistrict.safeParse(ok.payload).success).toBe(true);
    expect(buildReceipt({ incomingNumber: '1'.repeat(41) }).errors).toEqual({
      incomingNumber: 'income:errors.incomingNumberTooLong',
    });
  });
});

describe('the income form (R-ROUTE-2, 003:35-36)', () => {
  test('R-ROUTE-2: the saved payload carries the numbers of the computation shown', () => {
    // sampleRegistered: the applicant's wages 90 000 ₸ over 01.10–31.12.2024, a child with none.
    const built = buildIncome(
      { periodFrom: '01.10.2024', periodTo: '31.12.2024' },
      application,
      TODAY,
    );
    expect(built.errors).toEqual({});
    // By hand: 9 000 000 tiyn ÷ 3 months ÷ 2 people = 1 500 000 tiyn (15 000 ₸).
    expect(built.payload).toEqual({
      familySize: 2,
      totalIncomeTiyn: 9_000_000,
      perCapitaIncomeTiyn: 1_500_000,
      periodFrom: '2024-10-01',
      periodTo: '2024-12-31',
    });
    expect(built.computation?.months).toBe(3);
    expect(payloadSchemas.IncomeComputed.safeParse(built.payload).success).toBe(true);
  });

  test('a date that is not one, one in the future, or a period backwards is refused on its field', () => {
    expect(
      buildIncome({ periodFrom: '31.02.2024', periodTo: '31.12.2024' }, application, TODAY).errors,
    ).toEqual({
      periodFrom: INPUT_MESSAGES.dateNoSuchDate,
    });
    expect(
      buildIncome({ periodFrom: '01.10.2024', periodTo: '' }, application, TODAY).errors,
    ).toEqual({
      periodTo: INPUT_MESSAGES.dateRequired,
    });
    expect(
      buildIncome({ periodFrom: '01.10.2024', periodTo: '31.03.2025' }, application, TODAY).errors,
    ).toEqual({
      periodTo: INPUT_MESSAGES.dateFuture,
    });
    const backwards = buildIncome(
      { periodFrom: '31.12.2024', periodTo: '01.10.2024' },
      application,
      TODAY,
    );
    expect(backwards.errors).toEqual({ periodTo: 'case:validation.periodOrder' });
    expect(backwards.computation).toBeNull();
  });

  test('a case without an application (proactive) has nothing to compute from', () => {
    const built = buildIncome({ periodFrom: '01.10.2024', periodTo: '31.12.2024' }, null, TODAY);
    expect(built.errors).toEqual({ periodFrom: 'income:errors.noApplication' });
    expect(payloadSchemas.IncomeComputed.safeParse(built.payload).success).toBe(false);
  });

  test('the poverty line is taken on the registration date', () => {
    expect(comparisonDate(forwarded, TODAY)).toBe('2025-03-03');
    expect(comparisonDate({ registrationDate: null, receivedAt: null }, TODAY)).toBe(TODAY);
  });
});

// The arithmetic and the poverty line as the form shows them, in both languages, rendered with the
// real locale files as static markup (the unit tests run without a DOM).
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: localeResources(),
    lng: 'kk',
    fallbackLng: false,
    ns: Object.keys(localeResources().kk),
    defaultNS: 'income',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
});

async function shown(node: ReactNode, lang: Language): Promise<string> {
  await i18n.changeLanguage(lang);
  const markup = renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
  // Any kind of space (a group separator is a no-break one) as one plain space.
  const plain = markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  // No key left untranslated, no placeholder left unfilled.
  expect(plain).not.toMatch(/\b(income|case|computation|povertyLine)[.:][a-zA-Z_.]+/);
  expect(plain).not.toContain('{{');
  return plain;
}

// Test amounts only: no official figures are bundled with the desk.
const FIGURES: IncomeFigures = {
  schema: INCOME_FIGURES_SCHEMA,
  version: '2025.1.1',
  figures: [{ kind: 'povertyLine', from: '2025-01-01', amountTiyn: 1_400_000, source: 'test act' }],
};

describe('the income form shows its arithmetic (R-ROUTE-2, 003:36)', () => {
  const computed = computePerCapitaIncome(application, {
    periodFrom: '2024-10-01',
    periodTo: '2024-12-31',
  });
  if (!computed.ok) throw new Error(computed.reason);
  const c = computed.value;

  test('each member and income, the total, months, family size and the result, in kk and ru', async () => {
    const kk = await shown(<IncomeArithmetic c={c} lang="kk" />, 'kk');
    expect(kk).toContain('Сейітова Әйгерім Қайратқызы (өтініш беруші)');
    expect(kk).toContain('Сейітов Нұрлан (Баласы) Табысы жоқ');
    expect(kk).toContain('01.10.2024–31.12.2024');
    expect(kk).toContain('90 000 ₸ ÷ 3 ай ÷ 2 адам = 15 000 ₸');
    const ru = await shown(<IncomeArithmetic c={c} lang="ru" />, 'ru');
    expect(ru).toContain('Совокупный доход семьи за период 90 000 ₸');
    expect(ru).toContain('90 000 ₸ ÷ 3 мес. ÷ 2 чел. = 15 000 ₸');
  });

  test('the poverty line in force and whether the income exceeds it; or that none is installed', async () => {
    const above = compareWithPovertyLine(FIGURES, c.perCapitaIncomeTiyn, '2025-03-03');
    const kk = await shown(
      <PovertyLineNote comparison={above} onDate="2025-03-03" lang="kk" />,
      'kk',
    );
    expect(kk).toContain('03.03.2025 күнгі кедейлік шегі: 14 000 ₸ (01.01.2025 бастап');
    expect(kk).toContain('кедейлік шегінен асады');
    const below = compareWithPovertyLine(FIGURES, 1_400_000, '2025-03-03');
    const ru = await shown(
      <PovertyLineNote comparison={below} onDate="2025-03-03" lang="ru" />,
      'ru',
    );
    expect(ru).toContain('не превышает черту бедности');
    const none = compareWithPovertyLine(null, 1, '2025-03-03');
    expect(
      await shown(<PovertyLineNote comparison={none} onDate="2025-03-03" lang="ru" />, 'ru'),
    ).toContain('Черта бедности на 03.03.2025 не установлена');
  });
});
