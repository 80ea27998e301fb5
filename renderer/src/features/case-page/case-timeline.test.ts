import i18next from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { foldCase, type CaseEvent } from '../../../../shared/case';
import { samplePath, sampleEvent } from '../../../../shared/case/testing';
import type { Language } from '../../../../shared/ipc';
import { localeResources } from '../../i18n';
import { eventFacts } from './case-timeline';

// The timeline's facts of a return for a missing document (R-ROUTE-6 [I]) with the real locale files,
// in kk and ru: what is missing (a catalog document by its name in the reader's language, other papers
// in the district's words), the note and the district's outgoing number.

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

function returnedCase(): CaseEvent[] {
  const events = samplePath([
    ['Registered', 'specialist'],
    ['ResolutionImposed', 'akim'],
    ['ForwardedToDistrict', 'specialist'],
    ['ReceivedByDistrict', 'districtSpecialist'],
  ]);
  return [
    ...events,
    sampleEvent('ReturnedForCompletion', {
      role: 'districtSpecialist',
      counter: 5,
      state: foldCase(events),
      payload: {
        missingDocuments: [
          { documentId: 'family-composition', text: 'отбасы құрамы' },
          { text: 'Банк шотынан үзінді' },
        ],
        note: 'Үш жұмыс күні ішінде',
        outgoingNumber: '2-04/97',
      },
    }),
  ];
}

const facts = async (lang: Language) => {
  await i18n.changeLanguage(lang);
  const events = returnedCase();
  const returned = events.at(-1);
  if (returned === undefined) throw new Error('no event');
  return eventFacts(returned, i18n.getFixedT(lang, 'casePage'), lang, {}, events);
};

describe('the timeline shows a return for completion with what is missing', () => {
  test('in Kazakh', async () => {
    expect(i18n.getFixedT('kk', 'case')('events.ReturnedForCompletion')).toBe(
      'Жетіспейтін құжат үшін әкім аппаратына толықтыруға қайтарылды',
    );
    expect(await facts('kk')).toEqual([
      {
        label: 'Жетіспейтін құжаттар',
        value: 'белгіленген үлгідегі отбасы құрамы туралы мәліметтер; Банк шотынан үзінді',
      },
      { label: 'Ескертпе', value: 'Үш жұмыс күні ішінде' },
      { label: 'Ауданның шығыс нөмірі', value: '2-04/97' },
    ]);
  });

  test('in Russian, the catalog document named in Russian', async () => {
    expect(i18n.getFixedT('ru', 'case')('stages.returnedForCompletion')).toBe(
      'Возвращено в аппарат акима на дополнение',
    );
    expect(await facts('ru')).toEqual([
      {
        label: 'Недостающие документы',
        value: 'сведения о составе семьи, установленного образца; Банк шотынан үзінді',
      },
      { label: 'Примечание', value: 'Үш жұмыс күні ішінде' },
      { label: 'Исходящий номер района', value: '2-04/97' },
    ]);
  });
});
