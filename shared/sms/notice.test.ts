// R-DEC-2 (003:49): the notice of a decision goes by SMS when the application gives a number
// registered in the mobile citizens' database, in the applicant's language.
import { describe, expect, test } from 'vitest';
import { applicantSchema, foldCase, type CaseEvent } from '../case';
import { sampleApplicant, samplePath, type SampleStep } from '../case/testing';
import {
  correspondenceLanguage,
  DEFAULT_CORRESPONDENCE_LANGUAGE,
  maskPhone,
  smsNoticeOf,
  smsNoticeText,
  tengeText,
  type SmsNoticeContent,
} from './notice';

const OFFICE = {
  kk: 'Ақкөл ауданының жұмыспен қамту бөлімі',
  ru: 'Отдел занятости Аккольского района',
};

const TO_DECISION: readonly SampleStep[] = [
  ['Registered', 'specialist'],
  ['ResolutionImposed', 'akim'],
  ['ForwardedToDistrict', 'specialist'],
  ['ReceivedByDistrict', 'districtSpecialist'],
  ['IncomeComputed', 'districtSpecialist'],
  ['DecisionMade', 'districtSpecialist', 0],
  ['ResultSigned', 'districtHead'],
];

/** The sample path with the applicant of its Registered event replaced. */
function withApplicant(patch: Partial<typeof sampleApplicant>): CaseEvent[] {
  return samplePath(TO_DECISION).map((e) =>
    e.type === 'Registered'
      ? { ...e, payload: { ...e.payload, applicant: { ...e.payload.applicant, ...patch } } }
      : e,
  );
}

const GRANT: SmsNoticeContent = {
  office: OFFICE,
  application: { number: 'AK01-1-0001/2025', date: '2025-03-03' },
  decision: {
    outcome: 'grant',
    number: 'D-12',
    date: '2025-04-21',
    amountTiyn: 2_500_050,
    periodFrom: '2025-04-01',
    periodTo: '2025-06-30',
  },
};

describe('R-DEC-2: the SMS notice of the decision (003:49)', () => {
  test('R-DEC-2: in the mobile citizens database → an SMS in the language the applicant chose', () => {
    const plan = smsNoticeOf(foldCase(withApplicant({ language: 'ru' })), OFFICE);
    expect(plan).toEqual({
      kind: 'sms',
      phone: '+77011234567',
      language: 'ru',
      outcome: 'grant',
      decisionDate: '2025-04-21',
      text:
        'Отдел занятости Аккольского района: по вашему заявлению № AK01-1-0001/2025 от 03.03.2025 ' +
        'принято решение об оказании социальной помощи (№ D-12 от 21.04.2025). Сумма: 25 000 тенге.',
    });
  });

  test('R-DEC-2: not in the database → no SMS (the notice is printed for pickup, R-DEC-3)', () => {
    const state = foldCase(withApplicant({ inMobileCitizensDb: false }));
    expect(smsNoticeOf(state, OFFICE)).toEqual({ kind: 'none', reason: 'notSms' });
  });

  test('before a decision there is nothing to send', () => {
    const state = foldCase(samplePath(TO_DECISION.slice(0, 5)));
    expect(smsNoticeOf(state, OFFICE)).toEqual({ kind: 'none', reason: 'noDecision' });
  });

  test('the application as corrected decides: a number taken out of the database sends nothing', () => {
    const path = samplePath([
      TO_DECISION[0] ?? ['Registered', 'specialist'],
      ['ApplicationCorrected', 'specialist'],
      ...TO_DECISION.slice(1),
    ]);
    const events = path.map((e) =>
      e.type === 'ApplicationCorrected'
        ? {
            ...e,
            payload: {
              reason: 'Нөмір базада жоқ',
              applicant: { ...sampleApplicant, inMobileCitizensDb: false },
            },
          }
        : e,
    );
    const state = foldCase(events);
    expect(state.decision).not.toBeNull();
    expect(smsNoticeOf(state, OFFICE)).toEqual({ kind: 'none', reason: 'notSms' });
  });

  test('no language given (every application stored before the choice) → Kazakh, the state language', () => {
    const state = foldCase(withApplicant({}));
    expect(sampleApplicant.language).toBeUndefined();
    expect(DEFAULT_CORRESPONDENCE_LANGUAGE).toBe('kk');
    expect(correspondenceLanguage(state)).toBe('kk');
    const plan = smsNoticeOf(state, OFFICE);
    expect(plan.kind === 'sms' && plan.text).toBe(
      'Ақкөл ауданының жұмыспен қамту бөлімі: 03.03.2025 № AK01-1-0001/2025 өтінішіңіз бойынша ' +
        'әлеуметтік көмек көрсету туралы шешім қабылданды (№ D-12, 21.04.2025). Сомасы: 25 000 теңге.',
    );
  });

  test('a grant says amount and period; a refusal says neither', () => {
    expect(smsNoticeText(GRANT, 'kk')).toBe(
      'Ақкөл ауданының жұмыспен қамту бөлімі: 03.03.2025 № AK01-1-0001/2025 өтінішіңіз бойынша ' +
        'әлеуметтік көмек көрсету туралы шешім қабылданды (№ D-12, 21.04.2025). ' +
        'Сомасы: 25 000,50 теңге. Кезеңі: 01.04.2025–30.06.2025.',
    );
    const refusal: SmsNoticeContent = {
      ...GRANT,
      decision: { outcome: 'refuse', number: 'D-13', date: '2025-04-22' },
    };
    expect(smsNoticeText(refusal, 'kk')).toBe(
      'Ақкөл ауданының жұмыспен қамту бөлімі: 03.03.2025 № AK01-1-0001/2025 өтінішіңіз бойынша ' +
        'әлеуметтік көмек көрсетуден бас тарту туралы шешім қабылданды (№ D-13, 22.04.2025).',
    );
    expect(smsNoticeText(refusal, 'ru')).toBe(
      'Отдел занятости Аккольского района: по вашему заявлению № AK01-1-0001/2025 от 03.03.2025 ' +
        'принято решение об отказе в оказании социальной помощи (№ D-13 от 22.04.2025).',
    );
  });

  test('a proactive case (003:30) has no application to name', () => {
    const text = smsNoticeText({ ...GRANT, application: null }, 'ru');
    expect(text.startsWith('Отдел занятости Аккольского района: принято решение об оказании')).toBe(
      true,
    );
  });

  test('the text never holds the IIN, a name or the address', () => {
    const plan = smsNoticeOf(foldCase(withApplicant({ language: 'kk' })), OFFICE);
    if (plan.kind !== 'sms') throw new Error('no sms');
    for (const secret of [
      sampleApplicant.iin,
      sampleApplicant.lastName,
      sampleApplicant.firstName,
      sampleApplicant.address,
    ]) {
      expect(plan.text).not.toContain(secret);
    }
  });
});

describe('helpers', () => {
  test('tenge from tiyn', () => {
    expect(tengeText(0)).toBe('0');
    expect(tengeText(99)).toBe('0,99');
    expect(tengeText(123_456_701)).toBe('1 234 567,01');
  });

  test('a phone shows only its last four digits', () => {
    expect(maskPhone('+77011234567')).toBe('+7 *** *** 45 67');
    expect(maskPhone('+77011234567')).not.toContain('701123');
  });

  test('the language is optional in a stored applicant and only kk or ru', () => {
    expect(applicantSchema.safeParse(sampleApplicant).success).toBe(true);
    expect(applicantSchema.safeParse({ ...sampleApplicant, language: 'ru' }).success).toBe(true);
    expect(applicantSchema.safeParse({ ...sampleApplicant, language: 'en' }).success).toBe(false);
  });
});
