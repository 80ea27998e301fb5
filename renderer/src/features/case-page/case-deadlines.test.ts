import { describe, expect, test } from 'vitest';
import {
  foldCase,
  formatRegistrationNumber,
  type CaseEvent,
  type CaseEventType,
  type CaseRole,
  type PayloadOf,
} from '../../../../shared/case';
import { sampleHlc, sampleRegistered } from '../../../../shared/case/testing';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { ruleSetInForce } from '../../../../shared/catalog';
import {
  caseDeadlines,
  commissionSendingCheck,
  extendedDueDate,
  extensionFor,
} from './case-deadlines';

const calendar = createWorkingCalendar();
let counter = 0;

function ev<T extends CaseEventType>(
  type: T,
  role: CaseRole,
  legalTime: string,
  payload: PayloadOf<T>,
): CaseEvent {
  counter += 1;
  const signed = type === 'CertificateIssued' || type === 'ResultSigned';
  return {
    id: `e-${counter}`,
    caseId: 'case-1',
    type,
    payload,
    actor: { userId: `u-${role}`, role, officeId: 'o1', deviceId: 'd1' },
    legalTime,
    hlc: sampleHlc(counter, 'd1'),
    ...(signed
      ? {
          signature: {
            keyId: 'k',
            algorithm: 'ECDSA-P256-SHA256',
            value: 'MEUCIQDx',
            signedDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
          },
        }
      : {}),
  } as unknown as CaseEvent;
}

const number = formatRegistrationNumber({ officeCode: 'KZL01', deviceNo: 1, seq: 1, year: 2026 });

// Monday 23.11.2026, an ordinary working week.
function tsaCase(): CaseEvent[] {
  return [
    ev(
      'Registered',
      'specialist',
      '2026-11-23T10:00',
      sampleRegistered({
        serviceId: 'targeted-social-assistance',
        ruleSetId: '001-timiryazev-2012-n302',
        receivedAt: '2026-11-23T10:00',
        registrationDate: '2026-11-23',
        registrationNumber: number,
        dueDate: '2026-12-24',
      }),
    ),
    ev('ResolutionImposed', 'akim', '2026-11-23T10:20', {
      executorUserId: 'u-spec',
      text: 'Орындау',
    }),
  ];
}

function certificateCase(): CaseEvent[] {
  return [
    ev(
      'Registered',
      'specialist',
      '2026-11-23T10:00',
      sampleRegistered({
        serviceId: 'asp-recipient-certificate',
        ruleSetId: '002-tsa-certificate-passport',
        route: 'akimLocal',
        receivedAt: '2026-11-23T10:00',
        registrationDate: '2026-11-23',
        registrationNumber: number,
        dueDate: '2026-11-23',
      }),
    ),
  ];
}

describe('case deadlines', () => {
  test('R-ROUTE-1: registered Mon → send to the village commission by the end of Tue', () => {
    const state = foldCase(tsaCase());
    const tuesday = caseDeadlines(state, '2026-11-24T09:30', calendar);
    expect(tuesday.commissionSending).toMatchObject({
      due: '2026-11-24',
      sentAt: null,
      late: false,
    });
    expect(tuesday.commissionSending?.state?.status).toBe('dueToday');
    const wednesday = caseDeadlines(state, '2026-11-25T09:30', calendar);
    expect(wednesday.commissionSending?.late).toBe(true);
    expect(wednesday.commissionSending?.state?.status).toBe('overdue');
  });

  test('R-ROUTE-1: a sending on Wed is recorded as late by one working day', () => {
    const events = [...tsaCase(), ev('SentToCommission', 'specialist', '2026-11-25T11:00', {})];
    const d = caseDeadlines(foldCase(events), '2026-11-25T11:05', calendar);
    expect(d.commissionSending).toMatchObject({
      sentAt: '2026-11-25T11:00',
      late: true,
      state: null,
    });
    expect(commissionSendingCheck('2026-11-23', '2026-11-25T11:00', calendar)).toEqual({
      due: '2026-11-24',
      late: true,
      workingDaysLate: 1,
    });
    expect(commissionSendingCheck('2026-11-23', '2026-11-24T17:59', calendar)?.late).toBe(false);
  });

  test('the whole term: status at now, then judged at the issue', () => {
    const state = foldCase(tsaCase());
    const d = caseDeadlines(state, '2026-11-24T10:00', calendar);
    expect(d.whole?.due).toEqual({ kind: 'date', date: '2026-12-24' });
    expect(d.whole?.state?.status).toBe('onTime');
    expect(caseDeadlines(state, '2026-12-25T09:00', calendar).whole?.state?.status).toBe('overdue');
  });

  test('a suspension pushes the due date by the working days it lasted', () => {
    const events = [
      ...tsaCase(),
      ev('TermSuspended', 'specialist', '2026-11-24T10:00', { reason: 'Құжат күтілуде' }),
      ev('TermResumed', 'specialist', '2026-11-26T15:00', {}),
    ];
    const d = caseDeadlines(foldCase(events), '2026-11-27T10:00', calendar);
    // 24, 25 and 26 November are three working days.
    expect(d.whole?.suspendedDays).toBe(3);
    expect(d.whole?.due).toEqual({ kind: 'date', date: calendar.addWorkingDays('2026-12-24', 3) });
    expect(d.whole?.baseDueDate).toBe('2026-12-24');

    const stillSuspended = foldCase(events.slice(0, 3));
    const open = caseDeadlines(stillSuspended, '2026-11-25T12:00', calendar);
    expect(open.whole?.suspendedSince).toBe('2026-11-24T10:00');
    expect(open.whole?.state).toBeNull();
    expect(open.current).toBeNull();
  });

  test('R-CERT-1: the certificate is due 15 minutes after submission, counted live', () => {
    const state = foldCase(certificateCase());
    const d = caseDeadlines(state, '2026-11-23T10:05', calendar);
    expect(d.whole?.due).toEqual({ kind: 'dateTime', at: '2026-11-23T10:15' });
    expect(d.whole?.minutes).toBe(15);
    expect(d.whole?.state?.minutesLeft).toBe(10);
    const late = caseDeadlines(state, '2026-11-23T10:20', calendar);
    expect(late.whole?.state?.status).toBe('overdue');
    expect(late.whole?.state?.minutesLeft).toBe(-5);
  });

  test('R-CERT-1: issued at 10:12 is on time; the current step is the issue within 15 minutes', () => {
    const events = [
      ...certificateCase(),
      ev('CertificateIssued', 'akim', '2026-11-23T10:09', {
        result: 'belongs',
        number: 'KZL01-1-C0001/2026',
        date: '2026-11-23',
        documentDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
      }),
    ];
    const signed = caseDeadlines(foldCase(events), '2026-11-23T10:10', calendar);
    // Seed 002 governs certificates registered since 2016: apply, consent, issue within 15 minutes.
    expect(signed.current?.step.id).toBe('issue-certificate');
    expect(signed.current?.timed?.due).toEqual({ kind: 'dateTime', at: '2026-11-23T10:15' });

    const issued = foldCase([
      ...events,
      ev('ResultIssued', 'specialist', '2026-11-23T10:12', {
        date: '2026-11-23',
        way: 'inPerson',
        to: { kind: 'applicant', name: 'Сейітова Ә. Қ.' },
      }),
    ]);
    const d = caseDeadlines(issued, '2026-11-23T11:00', calendar);
    expect(d.whole?.completed).toEqual({ at: '2026-11-23T10:12', result: 'onTime' });
    expect(d.whole?.state).toBeNull();
    expect(d.current).toBeNull();
  });

  test('the current step follows the catalog: after the resolution, forming the case within 1 WD', () => {
    const d = caseDeadlines(foldCase(tsaCase()), '2026-11-23T11:00', calendar);
    expect(d.current?.step.id).toBe('form-case');
    expect(d.current?.timed?.due).toEqual({ kind: 'date', date: '2026-11-24' });
    const done = d.steps.find((s) => s.step.id === 'resolution');
    expect(done?.completedAt).toBe('2026-11-23T10:20');
    // 30 minutes from registration at 10:00, done at 10:20.
    expect(done?.timed?.status).toBe('onTime');
  });

  test('a step passed over (no commission before forwarding) is skipped, not current', () => {
    const events = [
      ...tsaCase(),
      ev('ForwardedToDistrict', 'specialist', '2026-11-24T12:00', {
        registerId: 'r1',
        registerNumber: 'KZL01-1-R0001/2026',
      }),
    ];
    const d = caseDeadlines(foldCase(events), '2026-11-24T12:30', calendar);
    const examination = d.steps.find((s) => s.step.id === 'commission-examination');
    expect(examination?.skipped).toBe(true);
    expect(examination?.current).toBe(false);
    expect(d.current?.step.id).toBe('prepare-notice');
    expect(d.commissionSending).toBeNull();
  });

  test('R-ROUTE-4: only a rule-set with the 8 → 20 working-day branch offers an extension', () => {
    const seed000 = ruleSetInForce('social-aid-maslikhat-categories', '2020-01-10');
    expect(seed000.ok).toBe(true);
    if (!seed000.ok) return;
    const extension = extensionFor(seed000.service);
    expect(extension?.rule.standard).toEqual({ amount: 8, unit: 'workingDays' });
    expect(extension?.rule.extended).toEqual({ amount: 20, unit: 'workingDays' });
    expect(extension?.rule.reasons).toEqual([
      'documentsMissing',
      'documentsDamaged',
      'documentsLost',
    ]);
    if (!extension) return;
    expect(extendedDueDate('2026-11-24', extension.rule, calendar)).toBe(
      calendar.addWorkingDays('2026-11-24', 12),
    );
    const tsa = ruleSetInForce('targeted-social-assistance', '2026-11-23');
    expect(tsa.ok && extensionFor(tsa.service)).toBeNull();
  });
});
