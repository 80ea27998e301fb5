import type { FieldErrors } from 'react-hook-form';
import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../../shared/calendar';
import {
  foldCase,
  payloadSchemas,
  type CaseEvent,
  type HearingState,
} from '../../../../../shared/case';
import { sampleEvent, sampleRegistered } from '../../../../../shared/case/testing';
import { governingService } from '../../../../../shared/catalog';
import { INPUT_MESSAGES } from '../../../../../shared/input';
import { payloadResolver, type Built } from './form-kit';
import {
  HEARING_MESSAGES,
  UNLISTED_GROUND,
  buildFamiliarized,
  buildNotice,
  buildNoticeReceived,
  buildObjection,
  buildProtocol,
  buildRemarks,
  checkedValues,
  groundOptions,
  noticeFieldOf,
  objectionWindowCheck,
  readTimeText,
  remarksWindowCheck,
  type NoticeValues,
} from './hearing-forms';

const calendar = createWorkingCalendar();
const TODAY = '2025-04-21';
const limits = {
  notAfter: TODAY,
  notBefore: { date: '2025-04-03', kind: 'registration' },
} as const;
const tsa = governingService('targeted-social-assistance', null, '2025-04-03');
// The 2023 amendment (seed 003) names no list of grounds in the catalog.
const seed003 = governingService('social-aid-maslikhat-categories', 'seed003-2023', '2025-04-03');

/** The form's messages by field, as the person sees them: the build's and the event schema's. */
async function shown(
  type: 'PreliminaryRefusalNoticed',
  built: Built,
  fieldOf: (path: string) => string,
): Promise<Record<string, string>> {
  const resolver = payloadResolver(type, () => built, fieldOf);
  const result = await resolver({}, undefined, {
    fields: {},
    shouldUseNativeValidation: false,
  } as never);
  const errors = result.errors as FieldErrors;
  const out: Record<string, string> = {};
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    const message = (node as { message?: unknown }).message;
    if (typeof message === 'string') out[path] = message;
    else for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(errors, '');
  return out;
}

const noticeValues = (overrides: Partial<NoticeValues> = {}): NoticeValues => ({
  groundCodes: ['income-above-poverty-line'],
  otherGround: '',
  noticeDate: '07.04.2025',
  receipt: 'sameDay',
  receivedOn: '',
  hearingDate: '10.04.2025',
  hearingTime: '11:00',
  mode: 'video',
  details: '',
  ...overrides,
});

describe('the preliminary refusal notice (R-HEAR-1, R-HEAR-2, 003:38-42)', () => {
  const options = groundOptions(tsa, 'kk');

  test('the grounds are the catalog’s, in the desk’s language; the payload is the event’s', () => {
    expect(options.map((o) => o.code)).toEqual([
      'income-above-poverty-line',
      'unregistered-unemployed-or-refused-measures',
      'refused-employment-or-training',
    ]);
    const built = buildNotice(noticeValues(), limits, options, TODAY);
    expect(built.errors).toEqual({});
    expect(built.payload).toEqual({
      grounds: [{ code: 'income-above-poverty-line', text: options[0]?.text }],
      noticeDate: '2025-04-07',
      receivedOn: '2025-04-07',
      hearing: { at: '2025-04-10T11:00', mode: 'video' },
    });
    expect(payloadSchemas.PreliminaryRefusalNoticed.safeParse(built.payload).success).toBe(true);
    expect(groundOptions(tsa, 'ru')[0]?.text).not.toBe(options[0]?.text);
  });

  test('R-HEAR-2 (003:39-42): a hearing cannot be saved without a mode, nor without its time', async () => {
    const noMode = buildNotice(noticeValues({ mode: '' }), limits, options, TODAY);
    expect(await shown('PreliminaryRefusalNoticed', noMode, noticeFieldOf)).toEqual({
      mode: 'case:validation.hearing.modeRequired',
    });
    const noTime = buildNotice(noticeValues({ hearingTime: '' }), limits, options, TODAY);
    expect(await shown('PreliminaryRefusalNoticed', noTime, noticeFieldOf)).toEqual({
      hearingTime: HEARING_MESSAGES.timeFormat,
      hearingAt: 'case:validation.hearing.timeRequired',
    });
    const badDate = buildNotice(
      noticeValues({ hearingDate: '31.04.2025' }),
      limits,
      options,
      TODAY,
    );
    expect(badDate.errors).toEqual({ hearingDate: INPUT_MESSAGES.dateNoSuchDate });
    const early = buildNotice(noticeValues({ hearingDate: '04.04.2025' }), limits, options, TODAY);
    expect(early.errors).toEqual({ hearingDate: HEARING_MESSAGES.hearingBeforeNotice });
  });

  test('a time is typed as on paper: 9:30 or 09.30; 24:00 is not a time', () => {
    expect(readTimeText('9:30')).toBe('09:30');
    expect(readTimeText(' 14.05 ')).toBe('14:05');
    expect(readTimeText('24:00')).toBeNull();
    expect(readTimeText('10:7')).toBeNull();
    expect(readTimeText('')).toBeNull();
  });

  test('at least one ground; where the catalog lists none, the ground is typed as the rules word it', async () => {
    const none = buildNotice(noticeValues({ groundCodes: [] }), limits, options, TODAY);
    expect(none.errors).toEqual({ groundCodes: HEARING_MESSAGES.groundsRequired });
    // react-hook-form gives one checked box of a group as its value, none as false.
    expect(checkedValues('income-above-poverty-line')).toEqual(['income-above-poverty-line']);
    expect(checkedValues(false)).toEqual([]);

    expect(groundOptions(seed003, 'kk')).toEqual([]);
    const typed = buildNotice(
      noticeValues({ groundCodes: [], otherGround: 'Табыс кедейлік шегінен жоғары' }),
      limits,
      [],
      TODAY,
    );
    expect(typed.errors).toEqual({});
    expect(typed.payload).toMatchObject({
      grounds: [{ code: UNLISTED_GROUND, text: 'Табыс кедейлік шегінен жоғары' }],
    });
    expect(buildNotice(noticeValues({ groundCodes: [] }), limits, [], TODAY).errors).toEqual({
      otherGround: HEARING_MESSAGES.groundsRequired,
    });
  });

  test('R-HEAR-3: received the same day, on a later day, or not yet (by post: recorded later)', () => {
    const build = (v: Partial<NoticeValues>) =>
      buildNotice(noticeValues(v), limits, options, TODAY);
    expect(build({ receipt: 'otherDay', receivedOn: '09.04.2025' }).payload).toMatchObject({
      receivedOn: '2025-04-09',
    });
    expect(build({ receipt: 'otherDay', receivedOn: '04.04.2025' }).errors).toEqual({
      receivedOn: HEARING_MESSAGES.receiptBeforeNotice,
    });
    expect(build({ receipt: 'otherDay', receivedOn: '22.04.2025' }).errors).toEqual({
      receivedOn: INPUT_MESSAGES.dateFuture,
    });
    const later = build({ receipt: 'notYet' });
    expect(later.errors).toEqual({});
    expect(later.payload).not.toHaveProperty('receivedOn');
    expect(build({ receipt: '' }).errors).toEqual({ receipt: HEARING_MESSAGES.receiptRequired });
  });

  test('the notice is dated within the case: not before its registration, not in the future', () => {
    const build = (noticeDate: string) =>
      buildNotice(noticeValues({ noticeDate }), limits, options, TODAY).errors;
    expect(build('02.04.2025')).toEqual({ noticeDate: INPUT_MESSAGES.dateBeforeRegistration });
    expect(build('22.04.2025')).toMatchObject({ noticeDate: INPUT_MESSAGES.dateFuture });
  });
});

/** The hearing after a notice of Mon 07.04.2025 and `more`. */
function hearingAfter(receivedOn: string | undefined, ...more: CaseEvent[]): HearingState {
  const events: CaseEvent[] = [
    sampleEvent('Registered', {
      role: 'districtSpecialist',
      counter: 1,
      payload: sampleRegistered({ route: 'district', registrationDate: '2025-04-03' }),
    }),
    sampleEvent('PreliminaryRefusalNoticed', {
      role: 'districtSpecialist',
      counter: 2,
      payload: {
        grounds: [{ code: 'income-above-poverty-line', text: 'Табыс' }],
        noticeDate: '2025-04-07',
        ...(receivedOn ? { receivedOn } : {}),
        hearing: { at: '2025-04-10T11:00', mode: 'video' },
      },
    }),
    ...more,
  ];
  const state = foldCase(events);
  if (state.hearing === null) throw new Error('no hearing');
  return state.hearing;
}

const step = <T extends 'HearingProtocolRecorded' | 'ProtocolFamiliarized'>(
  type: T,
  counter: number,
  payload: CaseEvent['payload'],
) => sampleEvent(type, { role: 'districtSpecialist', counter, payload: payload as never });

describe('the hearing’s own acts', () => {
  test('R-HEAR-3: the receipt of a notice sent by post is not before the notice, nor in the future', () => {
    const hearing = hearingAfter(undefined);
    expect(buildNoticeReceived({ receivedOn: '09.04.2025' }, hearing, TODAY)).toEqual({
      payload: { receivedOn: '2025-04-09' },
      errors: {},
    });
    expect(buildNoticeReceived({ receivedOn: '06.04.2025' }, hearing, TODAY).errors).toEqual({
      receivedOn: HEARING_MESSAGES.receiptBeforeNotice,
    });
  });

  test('R-HEAR-3 (003:43): receipt Mon 07.04 → due Wed 09.04; an objection of Thu 10.04 is kept and flagged late', () => {
    const hearing = hearingAfter('2025-04-07');
    const late = buildObjection(
      { form: 'written', date: '10.04.2025', summary: '' },
      hearing,
      limits,
    );
    expect(late).toEqual({ payload: { form: 'written', date: '2025-04-10' }, errors: {} });
    expect(objectionWindowCheck(hearing, '10.04.2025', calendar)).toEqual({
      ok: true,
      late: true,
      deadline: '2025-04-09',
      messageKey: 'calendar:deadlines.hearing.objectionLate',
    });
    expect(objectionWindowCheck(hearing, '09.04.2025', calendar)).toMatchObject({ late: false });
    expect(objectionWindowCheck(hearing, '31.02.2025', calendar)).toBeNull();
    // Before the notice was received: a typing slip, refused on the field.
    expect(
      buildObjection({ form: 'oral', date: '04.04.2025', summary: '' }, hearing, limits).errors,
    ).toEqual({ date: HEARING_MESSAGES.beforeAnchor });
    // The form is the applicant's choice, never a default.
    expect(
      payloadSchemas.ObjectionFiled.safeParse(
        buildObjection({ form: '', date: '08.04.2025', summary: '' }, hearing, limits).payload,
      ).success,
    ).toBe(false);
  });

  test('R-HEAR-4, R-HEAR-5 (003:44-45): the protocol is not before the notice; it is read not before it was drawn up', () => {
    const hearing = hearingAfter('2025-04-07');
    expect(
      buildProtocol({ date: '04.04.2025', number: '', summary: 'Тыңдалды' }, hearing, limits)
        .errors,
    ).toEqual({ date: HEARING_MESSAGES.beforeNotice });
    expect(
      buildProtocol({ date: '10.04.2025', number: '3', summary: 'Тыңдалды' }, hearing, limits),
    ).toEqual({
      payload: { date: '2025-04-10', number: '3', summary: 'Тыңдалды' },
      errors: {},
    });
    const recorded = hearingAfter(
      '2025-04-07',
      step('HearingProtocolRecorded', 3, { date: '2025-04-10', summary: 'Тыңдалды' }),
    );
    expect(buildFamiliarized({ date: '09.04.2025' }, recorded, limits).errors).toEqual({
      date: HEARING_MESSAGES.beforeProtocol,
    });
    expect(buildFamiliarized({ date: '10.04.2025' }, recorded, limits)).toEqual({
      payload: { date: '2025-04-10' },
      errors: {},
    });
  });

  test('R-HEAR-5 (003:46): read Tue 08.04 → remarks due Fri 11.04; remarks of Mon 14.04 are kept and flagged late', () => {
    const read = hearingAfter(
      '2025-04-07',
      step('HearingProtocolRecorded', 3, { date: '2025-04-08', summary: 'Тыңдалды' }),
      step('ProtocolFamiliarized', 4, { date: '2025-04-08' }),
    );
    expect(remarksWindowCheck(read, '11.04.2025', calendar)).toMatchObject({
      late: false,
      deadline: '2025-04-11',
    });
    expect(remarksWindowCheck(read, '14.04.2025', calendar)).toMatchObject({
      late: true,
      messageKey: 'calendar:deadlines.hearing.remarksLate',
    });
    expect(buildRemarks({ date: '14.04.2025', text: 'Ескерту' }, read, limits)).toEqual({
      payload: { date: '2025-04-14', text: 'Ескерту' },
      errors: {},
    });
    expect(buildRemarks({ date: '07.04.2025', text: 'Ескерту' }, read, limits).errors).toEqual({
      date: HEARING_MESSAGES.beforeAnchor,
    });
  });
});
