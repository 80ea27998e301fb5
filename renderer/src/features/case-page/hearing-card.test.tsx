import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { foldCase, type CaseEvent, type CaseState } from '../../../../shared/case';
import { sampleEvent, sampleRegistered } from '../../../../shared/case/testing';
import type { Language } from '../../../../shared/ipc';
import { localeResources } from '../../i18n';
import { caseService } from '../../../../shared/schedule';
import { HearingCard } from './hearing-card';

// The hearing card in both languages (003:38-47), rendered with the real locale files as static
// markup (the unit tests run without a DOM).

const calendar = createWorkingCalendar();
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: localeResources(),
    lng: 'kk',
    fallbackLng: false,
    ns: Object.keys(localeResources().kk),
    defaultNS: 'casePage',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
});

function caseAfter(...more: [CaseEvent['type'], unknown][]): CaseState {
  const events: CaseEvent[] = [
    sampleEvent('Registered', {
      role: 'districtSpecialist',
      counter: 1,
      payload: sampleRegistered({ route: 'district', registrationDate: '2025-04-03' }),
    }),
  ];
  more.forEach(([type, payload], i) =>
    events.push(
      sampleEvent(type, { role: 'districtSpecialist', counter: i + 2, payload: payload as never }),
    ),
  );
  return foldCase(events);
}

const NOTICE: [CaseEvent['type'], unknown] = [
  'PreliminaryRefusalNoticed',
  {
    grounds: [{ code: 'income-above-poverty-line', text: 'Табыс шектен жоғары' }],
    noticeDate: '2025-04-07',
    receivedOn: '2025-04-07',
    hearing: { at: '2025-04-10T11:00', mode: 'video' },
  },
];

async function shown(state: CaseState, lang: Language): Promise<string> {
  if (state.hearing === null) throw new Error('no hearing');
  await i18n.changeLanguage(lang);
  const markup = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <HearingCard
        hearing={state.hearing}
        decision={state.decision}
        calendar={calendar}
        service={caseService(state)}
        lang={lang}
      />
    </I18nextProvider>,
  );
  const plain = markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  // No key left untranslated, no placeholder left unfilled.
  expect(plain).not.toMatch(/\b(hearing|decision|card|case|casePage)[.:][a-zA-Z_.]+/);
  expect(plain).not.toContain('{{');
  return plain;
}

describe('the hearing card', () => {
  test('R-HEAR-1, R-HEAR-3: notice and receipt Mon 07.04 → objections until Wed 09.04, a refusal from Thu 10.04, and why', async () => {
    const noticed = caseAfter(NOTICE);
    const kk = await shown(noticed, 'kk');
    expect(kk).toContain('07.04.2025');
    // The catalog's ground in the reader's language, whatever language it was recorded in.
    expect(kk).toContain('кедейлік шегінен асатын');
    expect(await shown(noticed, 'ru')).toContain('превышает установленный размер черты бедности');
    expect(kk).toContain('10.04.2025 11:00');
    expect(kk).toContain('Бейнеконференцбайланыс');
    expect(kk).toMatch(/Қарсылық білдіру мерзімі \(қоса алғанда\) 09\.04\.2025/);
    expect(kk).toMatch(/Бас тарту шешімінің ең ерте күні 10\.04\.2025/);
    expect(kk).toContain('үш жұмыс күні');
    const ru = await shown(noticed, 'ru');
    expect(ru).toMatch(/Срок для возражения \(включительно\) 09\.04\.2025/);
    expect(ru).toMatch(/Решение об отказе — не ранее 10\.04\.2025/);
    expect(ru).toContain('три рабочих дня');
  });

  test('R-HEAR-4: after an oral objection the card says the protocol is required', async () => {
    const oral = caseAfter(NOTICE, ['ObjectionFiled', { form: 'oral', date: '2025-04-08' }]);
    expect(await shown(oral, 'ru')).toContain('нужен: возражение заявлено устно');
    expect(await shown(oral, 'kk')).toContain('қажет: қарсылық ауызша білдірілді');
  });

  test('R-HEAR-3, R-HEAR-5, R-HEAR-6: a late objection is flagged; read Thu 10.04 → remarks until Tue 15.04, a refusal from Wed 16.04', async () => {
    const read = caseAfter(
      NOTICE,
      ['ObjectionFiled', { form: 'written', date: '2025-04-10' }],
      ['HearingProtocolRecorded', { date: '2025-04-10', number: '5', summary: 'Тыңдалды' }],
      ['ProtocolFamiliarized', { date: '2025-04-10' }],
    );
    const ru = await shown(read, 'ru');
    expect(ru).toContain('Возражение подано с пропуском срока (срок истёк 09.04.2025)');
    expect(ru).toContain('от 10.04.2025, № 5');
    expect(ru).toMatch(/Срок для замечаний \(включительно\) 15\.04\.2025/);
    expect(ru).toMatch(/Решение об отказе — не ранее 16\.04\.2025/);
    const kk = await shown(read, 'kk');
    expect(kk).toMatch(/Ескертулер беру мерзімі \(қоса алғанда\) 15\.04\.2025/);
    expect(kk).toMatch(/ең ерте күні 16\.04\.2025/);
  });
});
