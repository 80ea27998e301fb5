// The decision form against the real store (fake-indexeddb): what the form builds from typed text is
// saved through appendEvent, and a refusal dated before a hearing window closes is refused by the
// store with a reason the desk says in Kazakh and in Russian.
import 'fake-indexeddb/auto';
import { createInstance, type TFunction } from 'i18next';
import { afterEach, describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../../shared/calendar';
import type { Actor, PayloadOf } from '../../../../../shared/case';
import { sampleRegistrationDraft } from '../../../../../shared/case/testing';
import { governingService } from '../../../../../shared/catalog';
import {
  appendEvent,
  DeskDatabase,
  loadCase,
  registerApplication,
  type ActContext,
  type AppendResult,
  type UserRow,
} from '../../../db';
import { localeResources } from '../../../i18n';
import { EMPTY_DECISION } from './decision-fields';
import { buildDecision, type DecisionFormValues } from './decision-form';
import { parsePayload } from './form-kit';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

const districtSpecialist: Actor = {
  userId: 'u-ds',
  role: 'districtSpecialist',
  officeId: 'AKK-DEPT',
  districtId: 'AKK',
  deviceId: 'desk-d1',
};

/** The district specialist as an active user of the desk (the store checks who acts). */
const specialistRow: UserRow = {
  id: districtSpecialist.userId,
  name: 'Омарова Гүлнар',
  role: 'districtSpecialist',
  pinHash: { algorithm: 'PBKDF2-SHA256', iterations: 1, salt: '', hash: '' },
  signingKey: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  active: true,
};

function act(legalTime: string): ActContext {
  let n = 0;
  return {
    actor: districtSpecialist,
    legalTime,
    nowMs: Date.parse(`${legalTime}:00Z`),
    newId: () => `ds-${++n}-${crypto.randomUUID()}`,
  };
}

async function current() {
  if (!db) throw new Error('no database');
  return loadCase(db, 'case-d');
}

async function translator(lng: 'kk' | 'ru'): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({ resources: localeResources(), lng, fallbackLng: false });
  return i18n.t.bind(i18n);
}

/** A case filed at the district department on Thu 03.04.2025, noticed Mon 07.04 and received then. */
async function noticedCase(): Promise<{
  db: DeskDatabase;
  append: <T extends Parameters<typeof appendEvent>[1]['type']>(
    type: T,
    payload: PayloadOf<T>,
    legalTime: string,
  ) => Promise<AppendResult>;
}> {
  const opened = new DeskDatabase(`t-${crypto.randomUUID()}`);
  db = opened;
  await opened.users.put(specialistRow);
  const registered = await registerApplication(
    opened,
    'case-d',
    sampleRegistrationDraft({ route: 'district', receivedAt: '2025-04-03T10:00' }),
    { officeCode: 'AKKD', deviceNo: 1 },
    act('2025-04-03T10:00'),
  );
  expect(registered.ok).toBe(true);
  const append = <T extends Parameters<typeof appendEvent>[1]['type']>(
    type: T,
    payload: PayloadOf<T>,
    legalTime: string,
  ) => appendEvent(opened, { caseId: 'case-d', type, payload }, act(legalTime));
  const noticed = await append(
    'PreliminaryRefusalNoticed',
    {
      grounds: [{ code: 'income-above-poverty-line', text: 'Табыс шектен жоғары' }],
      noticeDate: '2025-04-07',
      receivedOn: '2025-04-07',
      hearing: { at: '2025-04-10T11:00', mode: 'video' },
    },
    '2025-04-07T09:30',
  );
  expect(noticed.ok).toBe(true);
  return { db: opened, append };
}

const typed = (date: string): DecisionFormValues => ({
  ...EMPTY_DECISION,
  outcome: 'refuse',
  number: 'Ш-7',
  date,
  justification: 'Жан басына шаққандағы табыс кедейлік шегінен жоғары',
  groundCodes: ['income-above-poverty-line'],
  remarksConsideration: '',
});

/**
 * What the form builds from the typed refusal, as the specialist would try to save it: the form's own
 * message on the date, and the payload handed to the store regardless, to see the store refuse it too.
 */
async function refuseAsTyped(date: string, legalTime: string) {
  const state = await current();
  const built = buildDecision(typed(date), {
    limits: {},
    service: governingService('targeted-social-assistance', null, '2025-04-03'),
    hearing: state.hearing,
    calendar: createWorkingCalendar(),
  });
  const payload = parsePayload('DecisionMade', built.payload);
  if (payload === null) throw new Error('not a decision');
  return { formSays: built.errors ?? {}, payload, legalTime };
}

describe('a refusal through the district desk’s store (003:38-47)', () => {
  test('R-HEAR-1 (003:38): dated Wed 09.04 after a notice of Mon 07.04 it is refused, in kk and ru; Thu 10.04 is saved as app. 7', async () => {
    const { append } = await noticedCase();
    const early = await refuseAsTyped('09.04.2025', '2025-04-09T16:00');
    expect(early.formSays).toEqual({ date: 'case:rejections.refusalTooEarly' });
    const refused = await append('DecisionMade', early.payload, early.legalTime);
    expect(refused).toEqual({ ok: false, reason: 'case:rejections.refusalTooEarly' });
    if (refused.ok) return;
    const kk = await translator('kk');
    const ru = await translator('ru');
    expect(kk(refused.reason)).toMatch(/үш жұмыс күні/);
    expect(ru(refused.reason)).toMatch(/три рабочих дня/);
    expect((await current()).decision).toBeNull();

    const onTime = await refuseAsTyped('10.04.2025', '2025-04-10T16:00');
    expect(onTime.formSays).toEqual({});
    const saved = await append('DecisionMade', onTime.payload, onTime.legalTime);
    expect(saved.ok).toBe(true);
    // R-DEC-1 (003:47-48): a refusal's notice is app. 7, never app. 6.
    expect((await current()).decision).toMatchObject({
      outcome: 'refuse',
      noticeForm: 'app7',
      groundCodes: ['income-above-poverty-line'],
    });
  });

  test('R-HEAR-6 (003:46-47): protocol read Thu 10.04, no remarks → a refusal of Tue 15.04 is refused, in kk and ru; Wed 16.04 is saved', async () => {
    const { append } = await noticedCase();
    for (const [type, payload, at] of [
      ['ObjectionFiled', { form: 'written', date: '2025-04-08' }, '2025-04-08T10:00'],
      ['HearingProtocolRecorded', { date: '2025-04-10', summary: 'Тыңдалды' }, '2025-04-10T12:00'],
      ['ProtocolFamiliarized', { date: '2025-04-10' }, '2025-04-10T12:30'],
    ] as const) {
      expect((await append(type, payload as never, at)).ok).toBe(true);
    }
    const early = await refuseAsTyped('15.04.2025', '2025-04-15T16:00');
    expect(early.formSays).toEqual({ date: 'case:rejections.remarksWindowOpen' });
    const refused = await append('DecisionMade', early.payload, early.legalTime);
    expect(refused).toEqual({ ok: false, reason: 'case:rejections.remarksWindowOpen' });
    if (refused.ok) return;
    expect((await translator('kk'))(refused.reason)).toMatch(/ескерту/i);
    expect((await translator('ru'))(refused.reason)).toMatch(/замечани/);

    const after = await refuseAsTyped('16.04.2025', '2025-04-16T16:00');
    expect(after.formSays).toEqual({});
    expect((await append('DecisionMade', after.payload, after.legalTime)).ok).toBe(true);
  });
});
