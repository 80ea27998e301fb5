import i18next, { type TFunction } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { foldCase, type CaseState } from '../../../../shared/case';
import { samplePath, type SampleStep } from '../../../../shared/case/testing';
import {
  assistanceDecisionDocument,
  hearingProtocolDocument,
  preliminaryRefusalNoticeDocument,
  resultNoticeDocument,
} from '../../../../shared/documents';
import type { Language } from '../../../../shared/ipc';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { localeResources } from '../../i18n';
import {
  AssistanceDecisionSheet,
  HearingProtocolSheet,
  PreliminaryRefusalDocument,
} from './hearing-views';
import { NoticeDocument } from './notice-view';
import { serviceOfCase } from './talon';

// The printed hearing and decision documents in both languages (003:38-48): what a reader of the
// sheet sees, rendered with the real locale files. The unit tests run without a DOM: static markup.

const calendar = createWorkingCalendar();
const office = sampleOfficeProfile({ kind: 'district' });
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: localeResources(),
    lng: 'kk',
    fallbackLng: false,
    ns: Object.keys(localeResources().kk),
    defaultNS: 'documents',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
});
const tFor = (lang: Language): TFunction => i18n.getFixedT(lang, 'documents');

const NOTICED: SampleStep[] = [
  ['Registered', 'districtSpecialist', 2],
  ['IncomeComputed', 'districtSpecialist'],
  ['PreliminaryRefusalNoticed', 'districtSpecialist'],
  ['RefusalNoticeReceived', 'districtSpecialist'],
];
const HEARD: SampleStep[] = [
  ...NOTICED,
  ['ObjectionFiled', 'districtSpecialist', 0],
  ['HearingProtocolRecorded', 'districtSpecialist'],
  ['ProtocolFamiliarized', 'districtSpecialist'],
  ['RemarksFiled', 'districtSpecialist'],
];
const fold = (steps: readonly SampleStep[]): CaseState => foldCase(samplePath(steps));
const names = new Map([['user-districtSpecialist', 'Жұмабаева Г.']]);

/** The sheet's text without tags, and no key left untranslated. */
function text(markup: string): string {
  const plain = markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  expect(plain).not.toMatch(
    /\b(preliminaryNotice|protocol|decision|notice|common|case)\.[a-zA-Z_]+/,
  );
  return plain;
}

function sheetProps<C>(lang: Language, content: C, state: CaseState) {
  return {
    t: tFor(lang),
    lang,
    content,
    service: serviceOfCase(state),
    applicant: state.applicant,
    names,
    state,
  };
}

describe('the preliminary refusal notice with the invitation to the hearing (003:38-43)', () => {
  const state = fold(NOTICED);
  const content = preliminaryRefusalNoticeDocument(state, office, calendar);

  test('R-HEAR-2 R-HEAR-3 kk: grounds, hearing date, time and mode, objection by 09.04.2025', () => {
    const kk = text(
      renderToStaticMarkup(<PreliminaryRefusalDocument {...sheetProps('kk', content, state)} />),
    );
    expect(kk).toContain('ӘРПК 73-бабының 3-тармағына');
    // The ground in the catalog's words for the document's language, not as typed.
    expect(kk).toContain('кедейлік шегінен асатын жағдайда');
    expect(kk).toContain('10.04.2025, сағат 11:00');
    expect(kk).toContain('Бейнеконференцбайланыс');
    expect(kk).toContain('2 жұмыс күнінен кешіктірмей');
    expect(kk).toContain('07.04.2025');
    expect(kk).toContain('09.04.2025');
    expect(kk).toContain('Жұмабаева Г.');
  });

  test('R-HEAR-3 ru: the same notice in Russian', () => {
    const ru = text(
      renderToStaticMarkup(<PreliminaryRefusalDocument {...sheetProps('ru', content, state)} />),
    );
    expect(ru).toContain('статьёй 73 Административного процедурно-процессуального кодекса');
    expect(ru).toContain('10.04.2025 в 11:00');
    expect(ru).toContain('Видеоконференцсвязь');
    expect(ru).toContain('не позднее 2 рабочих дней');
    expect(ru).toContain('Последний день для возражения 09.04.2025');
  });

  test('R-HEAR-3 while the day of receipt is unknown, the term is printed, not a date', () => {
    const sent = fold(NOTICED.slice(0, 3));
    const unknown = preliminaryRefusalNoticeDocument(sent, office, calendar);
    const ru = text(
      renderToStaticMarkup(<PreliminaryRefusalDocument {...sheetProps('ru', unknown, sent)} />),
    );
    expect(ru).toContain('в течение 2 рабочих дней со дня получения уведомления');
    expect(ru).not.toContain('09.04.2025');
  });
});

describe('the hearing protocol (003:44-46)', () => {
  const state = fold(HEARD);
  const content = hearingProtocolDocument(state, office);

  test('R-HEAR-4 R-HEAR-5 kk and ru: date, summary, who was heard, the oral objection, reading and remarks', () => {
    const kk = text(
      renderToStaticMarkup(<HearingProtocolSheet {...sheetProps('kk', content, state)} />),
    );
    expect(kk).toContain('Тыңдау хаттамасы');
    expect(kk).toContain('Қарсылық тыңдалды');
    expect(kk).toContain('Сейітова Әйгерім Қайратқызы');
    expect(kk).toContain('Ауызша, 08.04.2025');
    expect(kk).toContain('11.04.2025: Хаттамаға ескерту');
    const ru = text(
      renderToStaticMarkup(<HearingProtocolSheet {...sheetProps('ru', content, state)} />),
    );
    expect(ru).toContain('Протокол заслушивания');
    expect(ru).toContain('Устно, 08.04.2025');
    expect(ru).toContain('Дата ознакомления заявителя с протоколом 10.04.2025');
  });
});

describe('the decision on providing (refusing) social assistance, app. 5 (003:47)', () => {
  test('R-DEC-1 R-DEC-6 a refusal: justification, hearing documents, notice by app. 7', () => {
    const state = fold([...HEARD, ['DecisionMade', 'districtSpecialist', 1]]);
    const content = assistanceDecisionDocument(state, office);
    const ru = text(
      renderToStaticMarkup(<AssistanceDecisionSheet {...sheetProps('ru', content, state)} />),
    );
    expect(ru).toContain('Решение об отказе в предоставлении социальной помощи');
    expect(ru).toContain('№ D-12 от 21.04.2025');
    expect(ru).toContain('Отказать заявителю в предоставлении социальной помощи.');
    expect(ru).toContain('Табыс кедейлік шегінен асады');
    expect(ru).toContain('приложению 7');
    expect(ru).not.toContain('приложению 6');
    expect(ru).toContain('Протокол заслушивания от 10.04.2025');
    const kk = text(
      renderToStaticMarkup(<AssistanceDecisionSheet {...sheetProps('kk', content, state)} />),
    );
    expect(kk).toContain('Әлеуметтік көмек көрсетуден бас тарту туралы шешім');
    expect(kk).toContain('7-қосымшаға');
  });

  test('R-DEC-1 a grant: amount and period, notice by app. 6', () => {
    const state = fold([
      ['Registered', 'districtSpecialist', 2],
      ['DecisionMade', 'districtSpecialist', 0],
    ]);
    const content = assistanceDecisionDocument(state, office);
    const kk = text(
      renderToStaticMarkup(<AssistanceDecisionSheet {...sheetProps('kk', content, state)} />),
    );
    expect(kk).toContain('Әлеуметтік көмек көрсету туралы шешім');
    expect(kk).toContain('Өтініш берушіге әлеуметтік көмек көрсетілсін.');
    expect(kk).toMatch(/Мөлшері 25\s000(,00)? теңге/);
    expect(kk).toContain('6-қосымшаға');
  });
});

describe('the signed notice of the result (app. 6/7) names the district head', () => {
  const state = fold([
    ['Registered', 'districtSpecialist', 2],
    ['DecisionMade', 'districtSpecialist', 0],
  ]);
  const content = resultNoticeDocument(state, office);
  const notice = (lang: Language, qr: string | null) =>
    text(
      renderToStaticMarkup(
        <NoticeDocument
          t={tFor(lang)}
          lang={lang}
          content={content}
          service={serviceOfCase(state)}
          salutationName="Әйгерім Қайратқызы"
          sex="F"
          applicant={state.applicant}
          source={{
            kind: 'signed',
            signer: { name: 'Ахметов Б. С.', at: '2025-04-21T15:00', keyId: 'a'.repeat(64), qr },
          }}
        />,
      ),
    );

  test('R-DEC-5 verified: the head e-signature block with the QR code and the head signature line', () => {
    const markup = renderToStaticMarkup(
      <NoticeDocument
        t={tFor('ru')}
        lang="ru"
        content={content}
        service={serviceOfCase(state)}
        salutationName="Әйгерім Қайратқызы"
        sex="F"
        applicant={state.applicant}
        source={{
          kind: 'signed',
          signer: {
            name: 'Ахметов Б. С.',
            at: '2025-04-21T15:00',
            keyId: 'a'.repeat(64),
            qr: 'data:image/png;base64,AA==',
          },
        }}
      />,
    );
    expect(markup).toContain('<img src="data:image/png;base64,AA=="');
    const ru = text(markup);
    expect(ru).toContain('руководителем уполномоченного органа личным ключом');
    expect(ru).toContain('Руководитель уполномоченного органа — Ахметов Б. С.');
    expect(notice('kk', 'data:image/png;base64,AA==')).toContain(
      'уәкілетті органның басшысы жеке кілтімен',
    );
  });

  test('R-DEC-5 a key unknown on this desk: the head signature line, no QR code', () => {
    const ru = notice('ru', null);
    expect(ru).toContain('Ахметов Б. С.');
    expect(ru).not.toContain('личным ключом');
  });
});

describe('a proactive case’s documents name its occasion, never an application (R-PRO-1, 003:30)', () => {
  const GRANTED: SampleStep[] = [
    ['ProactiveCaseOpened', 'districtSpecialist'],
    ['DecisionMade', 'districtSpecialist', 0],
  ];
  const REFUSED: SampleStep[] = [
    ['ProactiveCaseOpened', 'districtSpecialist'],
    ['PreliminaryRefusalNoticed', 'districtSpecialist'],
    ['RefusalNoticeReceived', 'districtSpecialist'],
    ['ObjectionFiled', 'districtSpecialist', 0],
    ['HearingProtocolRecorded', 'districtSpecialist'],
    ['ProtocolFamiliarized', 'districtSpecialist'],
    ['DecisionMade', 'districtSpecialist', 1],
  ];
  const notice = (lang: Language, state: CaseState) =>
    text(
      renderToStaticMarkup(
        <NoticeDocument
          t={tFor(lang)}
          lang={lang}
          content={resultNoticeDocument(state, office)}
          service={serviceOfCase(state)}
          salutationName="Әйгерім Қайратқызы"
          sex="F"
          applicant={state.applicant}
          source={{
            kind: 'signed',
            signer: {
              name: 'Ахметов Б. С.',
              at: '2025-04-21T15:00',
              keyId: 'a'.repeat(64),
              qr: null,
            },
          }}
        />,
      ),
    );

  test('the notice of a grant (app. 6) names the occasion and its date, in kk and ru', () => {
    const state = fold(GRANTED);
    const ru = notice('ru', state);
    expect(ru).toContain(
      'Сообщаем, что в связи с праздничной (памятной) датой «Жеңіс күні» (09.05.2025) в проактивной форме, без истребования заявления, принято решение от 21.04.2025 № D-12 об оказании государственной услуги',
    );
    expect(ru).not.toMatch(/заявлению|Вашему/);
    const kk = notice('kk', state);
    expect(kk).toContain(
      '«Жеңіс күні» (09.05.2025) мереке (атаулы) күніне орай, өтініш талап етілмей, проактивті нысанда',
    );
    expect(kk).toContain('21.04.2025 № D-12 шешім қабылданғанын хабарлаймыз.');
    expect(kk).not.toMatch(/өтінішіңіз|Сіздің/);
  });

  test('the notice of a refusal (app. 7) names the occasion, in kk and ru', () => {
    const state = fold(REFUSED);
    const ru = notice('ru', state);
    expect(ru).toContain('в связи с праздничной (памятной) датой «Жеңіс күні» (09.05.2025)');
    expect(ru).toContain('об отказе в оказании государственной услуги');
    expect(ru).not.toMatch(/заявлению|Вашему/);
    const kk = notice('kk', state);
    expect(kk).toContain('«Жеңіс күні» (09.05.2025) мереке (атаулы) күніне орай');
    expect(kk).toContain('көрсетуден бас тарту туралы 21.04.2025 № D-12 шешім');
    expect(kk).not.toMatch(/өтінішіңіз|Сіздің/);
  });

  test('the decision (app. 5) names the occasion and the recipient, not an application', () => {
    const state = fold(GRANTED);
    const content = assistanceDecisionDocument(state, office);
    const ru = text(
      renderToStaticMarkup(<AssistanceDecisionSheet {...sheetProps('ru', content, state)} />),
    );
    expect(ru).toContain('Повод праздничная (памятная) дата «Жеңіс күні» (09.05.2025)');
    expect(ru).toContain('Получатель Сейітова Әйгерім');
    expect(ru).toContain('Предоставить получателю социальную помощь.');
    expect(ru).toContain('Получателю направляется уведомление о решении');
    // Only «без истребования заявления»: no application row, no «заявитель».
    expect(ru).not.toMatch(/Заявление|заявител|Заявител/);
    const kk = text(
      renderToStaticMarkup(<AssistanceDecisionSheet {...sheetProps('kk', content, state)} />),
    );
    expect(kk).toContain('Себебі «Жеңіс күні» (09.05.2025) мереке (атаулы) күні');
    expect(kk).toContain('Алушыға әлеуметтік көмек көрсетілсін.');
    expect(kk).not.toMatch(/Өтініш беруші|өтінішіңіз/i);
  });

  test('the preliminary refusal notice names the occasion too', () => {
    const state = fold(REFUSED.slice(0, 2));
    const content = preliminaryRefusalNoticeDocument(state, office, calendar);
    const ru = text(
      renderToStaticMarkup(<PreliminaryRefusalDocument {...sheetProps('ru', content, state)} />),
    );
    expect(ru).toContain('в связи с праздничной (памятной) датой «Жеңіс күні» (09.05.2025)');
    expect(ru).not.toContain('по Вашему заявлению');
  });
});
