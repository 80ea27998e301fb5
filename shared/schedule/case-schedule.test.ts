import { describe, expect, test } from 'vitest';
import {
  EVENT_SCHEMA_VERSION,
  foldCase,
  formatRegistrationNumber,
  type CaseEvent,
  type CaseEventType,
  type CaseRole,
  type PayloadOf,
} from '../case';
import { sampleHlc, sampleRegistered } from '../case/testing';
import { createWorkingCalendar } from '../calendar';
import { ruleSetInForce } from '../catalog';
import { planRegistration } from '../intake';
import { addDays } from '../time';
import { caseSchedule, extendedDueDate, extensionFor, stepOwner } from './case-schedule';
import { termStateOf } from './term-state';

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
    v: EVENT_SCHEMA_VERSION,
    caseId: 'case-1',
    type,
    payload,
    actor: { userId: `u-${role}`, role, officeId: 'o1', districtId: 'd', deviceId: 'd1' },
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

/** A case registered as the store registers it: the plan's rule-set, dates and due date. */
function registered(
  serviceId: string,
  receivedAt: string,
  route: 'akim' | 'serviceCenter' = 'akim',
) {
  const planned = planRegistration({ serviceId, receivedAt, calendar, route });
  if (!planned.ok) throw new Error(planned.reason);
  const { plan } = planned;
  return ev(
    'Registered',
    route === 'serviceCenter' ? 'districtSpecialist' : 'specialist',
    receivedAt,
    sampleRegistered({
      serviceId,
      ruleSetId: plan.ruleSetId,
      route: plan.caseRoute,
      channel: route === 'serviceCenter' ? 'serviceCenter' : 'office',
      receivedAt,
      registrationDate: plan.start.date,
      registrationNumber: number,
      dueDate: plan.dueDate,
    }),
  );
}

// Monday 23.11.2026, an ordinary working week.
function tsaCase(): CaseEvent[] {
  return [
    registered('targeted-social-assistance', '2026-11-23T10:00'),
    ev('ResolutionImposed', 'akim', '2026-11-23T10:20', {
      executorUserId: 'u-spec',
      text: 'Орындау',
    }),
  ];
}

const at = (state: ReturnType<typeof foldCase>, now: string) =>
  termStateOf(caseSchedule(state, calendar), now, calendar);

describe('the whole term', () => {
  test('is due on the date registration set, and is judged at a moment by termStateOf', () => {
    const state = foldCase(tsaCase());
    const s = caseSchedule(state, calendar);
    expect(s.phase).toBe('running');
    expect(s.due).toEqual({ kind: 'date', date: '2026-12-24' });
    expect(s.registeredDue).toEqual(s.due);
    expect(at(state, '2026-11-24T10:00')).toMatchObject({ kind: 'term', status: 'onTime' });
    expect(at(state, '2026-12-24T17:00')).toMatchObject({ kind: 'term', status: 'dueToday' });
    expect(at(state, '2026-12-25T09:00')).toMatchObject({ kind: 'term', status: 'overdue' });
  });

  test('a term of calendar days is counted in calendar days left and late, a working-day term in working days (seed 001:7131, 1263)', () => {
    // The child benefit at the akim: «не более тридцати календарных дней» (001:7131).
    const child = foldCase([registered('child-benefit-under-18', '2026-11-23T10:00')]);
    const s = caseSchedule(child, calendar);
    expect(s.dayUnit).toBe('calendarDays');
    const due = s.due?.kind === 'date' ? s.due.date : '';
    // Ten calendar days before the due date, whatever weekends and holidays lie between.
    const tenBefore = `${addDays(due, -10)}T09:00`;
    expect(at(child, tenBefore)).toMatchObject({
      kind: 'term',
      dayUnit: 'calendarDays',
      daysLeft: 10,
    });
    expect(at(child, `${addDays(due, 3)}T09:00`)).toMatchObject({
      status: 'overdue',
      daysLeft: -3,
    });
    // Targeted assistance is counted in working days: daysLeft is the working days left.
    const tsa = foldCase(tsaCase());
    expect(caseSchedule(tsa, calendar).dayUnit).toBe('workingDays');
    const state = at(tsa, '2026-12-14T10:00');
    expect(state).toMatchObject({ kind: 'term', dayUnit: 'workingDays' });
    expect(state.kind === 'term' && state.daysLeft).toBe(
      state.kind === 'term' && state.workingDaysLeft,
    );
    expect(state.kind === 'term' && state.daysLeft).toBe(
      calendar.workingDaysBetween('2026-12-14', '2026-12-24'),
    );
  });

  test('a finished suspension pushes the due date by the working days it lasted', () => {
    const events = [
      ...tsaCase(),
      ev('TermSuspended', 'specialist', '2026-11-24T10:00', { reason: 'Құжат күтілуде' }),
      ev('TermResumed', 'specialist', '2026-11-26T15:00', {}),
    ];
    const s = caseSchedule(foldCase(events), calendar);
    // 24, 25 and 26 November are three working days.
    expect(s.suspendedDays).toBe(3);
    expect(s.due).toEqual({ kind: 'date', date: calendar.addWorkingDays('2026-12-24', 3) });
    expect(s.baseDueDate).toBe('2026-12-24');
    expect(s.registeredDue).toEqual({ kind: 'date', date: '2026-12-24' });
  });

  test('while suspended the term stands still: nothing of the case is overdue or current', () => {
    const state = foldCase([
      ...tsaCase(),
      ev('TermSuspended', 'specialist', '2026-11-24T10:00', { reason: 'Құжат күтілуде' }),
    ]);
    const s = caseSchedule(state, calendar);
    expect(s.phase).toBe('suspended');
    expect(s.suspendedSince).toBe('2026-11-24T10:00');
    expect(s.current).toBeNull();
    // Long past the due date, a suspended case is still not overdue.
    expect(at(state, '2027-02-01T10:00')).toEqual({ kind: 'suspended' });
  });

  test('a calendar correction changes nothing until a person re-plans, with an event', () => {
    const events = tsaCase();
    const corrected = createWorkingCalendar({ extraDaysOff: ['2026-12-01', '2026-12-02'] });
    expect(caseSchedule(foldCase(events), corrected).due).toEqual({
      kind: 'date',
      date: '2026-12-24',
    });
    const replanned = foldCase([
      ...events,
      ev('TermReplanned', 'specialist', '2026-11-25T09:00', {
        newDueDate: '2026-12-28',
        calendarVersion: '2026.12.2',
        reason: 'Күнтізбе түзетілді',
      }),
    ]);
    const s = caseSchedule(replanned, corrected);
    expect(s.due).toEqual({ kind: 'date', date: '2026-12-28' });
    expect(s.registeredDue).toEqual({ kind: 'date', date: '2026-12-24' });
  });

  test('R-CERT-1 (002:10): the certificate is due 15 minutes after the package is handed in', () => {
    const state = foldCase([registered('asp-recipient-certificate', '2026-11-23T10:00')]);
    const s = caseSchedule(state, calendar);
    expect(s.due).toEqual({ kind: 'dateTime', at: '2026-11-23T10:15' });
    expect(s.minutes).toBe(15);
    expect(at(state, '2026-11-23T10:05')).toMatchObject({ minutesLeft: 10, status: 'dueToday' });
    expect(at(state, '2026-11-23T10:20')).toMatchObject({ status: 'overdue', minutesLeft: -5 });
  });

  test('R-CERT-1: issued at 10:12 is on time; the current step is the issue within 15 minutes', () => {
    const events = [
      registered('asp-recipient-certificate', '2026-11-23T10:00'),
      ev('CertificateIssued', 'akim', '2026-11-23T10:09', {
        result: 'belongs',
        number: 'KZL01-1-C0001/2026',
        date: '2026-11-23',
        documentDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
      }),
    ];
    const signed = caseSchedule(foldCase(events), calendar);
    // Seed 002 governs certificates registered since 2016: apply, consent, issue within 15 minutes.
    expect(signed.current?.step.id).toBe('issue-certificate');
    expect(signed.current?.due).toEqual({ kind: 'dateTime', at: '2026-11-23T10:15' });
    expect(signed.current?.owner).toBe('akimat');

    const issued = foldCase([
      ...events,
      ev('ResultIssued', 'specialist', '2026-11-23T10:12', {
        date: '2026-11-23',
        way: 'inPerson',
        to: { kind: 'applicant', name: 'Сейітова Ә. Қ.' },
      }),
    ]);
    const s = caseSchedule(issued, calendar);
    expect(s.completed).toEqual({ at: '2026-11-23T10:12', result: 'onTime' });
    expect(s.phase).toBe('closed');
    expect(s.current).toBeNull();
  });

  test('a due date counted over an estimated holiday (Kurban Ait 16.05.2027) is provisional', () => {
    const state = foldCase([registered('targeted-social-assistance', '2027-04-29T10:00')]);
    expect(caseSchedule(state, calendar).provisionalDays).toEqual(['2027-05-16']);
    const after = foldCase([registered('targeted-social-assistance', '2027-05-17T10:00')]);
    expect(caseSchedule(after, calendar).provisionalDays).toEqual([]);
  });
});

describe('each rule-set says when its term starts (003:31 only for the 2023 rules)', () => {
  test('2012 regulations count from handing in: a package on Fri 20.11.2026 at 18:30 is registered that Friday (001:11109 / 4873)', () => {
    const planned = planRegistration({
      serviceId: 'targeted-social-assistance',
      receivedAt: '2026-11-20T18:30',
      calendar,
    });
    expect(planned.ok && planned.plan.start).toEqual({
      date: '2026-11-20',
      at: '2026-11-20T18:30',
    });
  });

  test('child benefit (001:7129 / 1261): a package on Saturday keeps that day as its registration date', () => {
    const planned = planRegistration({
      serviceId: 'child-benefit-under-18',
      receivedAt: '2026-11-21T11:00',
      calendar,
    });
    expect(planned.ok && planned.plan.start.date).toBe('2026-11-21');
    // 30 calendar days: Mon 21.12.2026.
    expect(planned.ok && planned.plan.dueDate).toBe('2026-12-21');
  });

  test('fuel aid (001:9289 / 3112) and the certificate (002:10) also run from handing in', () => {
    const fuel = planRegistration({
      serviceId: 'fuel-aid-rural-social-specialists',
      receivedAt: '2026-11-23T19:00',
      calendar,
    });
    expect(fuel.ok && fuel.plan.start.date).toBe('2026-11-23');
    const certificate = planRegistration({
      serviceId: 'asp-recipient-certificate',
      receivedAt: '2026-11-23T17:10',
      calendar,
    });
    expect(certificate.ok && certificate.plan.due).toEqual({
      kind: 'dateTime',
      at: '2026-11-23T17:25',
    });
  });
});

describe('step terms only where the rule-set has them', () => {
  test('R-ROUTE-1 (001:11262): targeted assistance forms the case for the commission within 1 working day of the resolution', () => {
    const s = caseSchedule(foldCase(tsaCase()), calendar);
    expect(s.current?.step.id).toBe('form-case');
    expect(s.current?.due).toEqual({ kind: 'date', date: '2026-11-24' });
    expect(s.current?.owner).toBe('akimat');
    const done = s.steps.find((x) => x.step.id === 'resolution');
    expect(done?.completedAt).toBe('2026-11-23T10:20');
    // 30 minutes from registration at 10:00, done at 10:20.
    expect(done?.late).toBe(false);
  });

  test('R-ROUTE-1: sent to the commission on Wed after a resolution on Mon is late', () => {
    const s = caseSchedule(
      foldCase([...tsaCase(), ev('SentToCommission', 'specialist', '2026-11-25T11:00', {})]),
      calendar,
    );
    const sending = s.steps.find((x) => x.step.id === 'form-case');
    expect(sending?.completedAt).toBe('2026-11-25T11:00');
    expect(sending?.late).toBe(true);
  });

  test('child benefit (001:7402 / 1500): no akim step to the commission; the district forms the case within 1 hour of getting it', () => {
    const resolved = [
      registered('child-benefit-under-18', '2026-11-23T10:00'),
      ev('ResolutionImposed', 'akim', '2026-11-23T10:20', { executorUserId: 'u', text: 'Орындау' }),
    ];
    const atAkimat = caseSchedule(foldCase(resolved), calendar);
    expect(atAkimat.steps.filter((x) => x.timed).some((x) => x.owner === 'akimat')).toBe(false);
    // The akimat has no timed step of its own left, and the district's hour has not started.
    expect(atAkimat.current).toBeNull();
    const forwarded = caseSchedule(
      foldCase([
        ...resolved,
        ev('ForwardedToDistrict', 'specialist', '2026-11-24T15:00', {
          registerId: 'r1',
          registerNumber: 'KZL01-1-R0001/2026',
        }),
      ]),
      calendar,
    );
    expect(forwarded.current?.step.id).toBe('form-case');
    expect(forwarded.current?.owner).toBe('district');
    expect(forwarded.current?.due).toEqual({ kind: 'dateTime', at: '2026-11-24T16:00' });
  });

  test('a step passed over (no commission before forwarding) is skipped; the next is the district’s', () => {
    const s = caseSchedule(
      foldCase([
        ...tsaCase(),
        ev('ForwardedToDistrict', 'specialist', '2026-11-24T12:00', {
          registerId: 'r1',
          registerNumber: 'KZL01-1-R0001/2026',
        }),
      ]),
      calendar,
    );
    const examination = s.steps.find((x) => x.step.id === 'commission-examination');
    expect(examination?.skipped).toBe(true);
    expect(examination?.current).toBe(false);
    expect(s.current?.step.id).toBe('prepare-notice');
    expect(s.current?.owner).toBe('district');
  });

  test('the village commission acts for the akimat; the special commission for the district', () => {
    const seed003 = ruleSetInForce('social-aid-maslikhat-categories', '2026-11-23');
    if (!seed003.ok) throw new Error('no 003');
    const steps = seed003.service.akimProcess?.steps ?? [];
    const owner = (id: string) => {
      const step = steps.find((x) => x.id === id);
      if (!step) throw new Error(id);
      return stepOwner(step);
    };
    expect(owner('send-to-village-commission')).toBe('akimat');
    expect(owner('commission-examination')).toBe('akimat');
    expect(owner('per-capita-income')).toBe('district');
    expect(owner('special-commission')).toBe('district');
    expect(owner('objection')).toBe('applicant');
  });

  test('R-ROUTE-4: only a rule-set with the 8 → 20 working-day branch offers an extension', () => {
    const seed000 = ruleSetInForce('social-aid-maslikhat-categories', '2020-01-10');
    if (!seed000.ok) throw new Error('no 000');
    const extension = extensionFor(seed000.service);
    expect(extension?.rule.standard).toEqual({ amount: 8, unit: 'workingDays' });
    expect(extension?.rule.extended).toEqual({ amount: 20, unit: 'workingDays' });
    if (!extension) return;
    expect(extendedDueDate('2026-11-24', extension.rule, calendar)).toBe(
      calendar.addWorkingDays('2026-11-24', 12),
    );
    const tsa = ruleSetInForce('targeted-social-assistance', '2026-11-23');
    expect(tsa.ok && extensionFor(tsa.service)).toBeNull();
  });
});

describe('notice terms of the rule-set', () => {
  test('fuel aid (001:9286 / 3109): a suspension notice within 10 working days of receiving the package', () => {
    const registration = registered('fuel-aid-rural-social-specialists', '2026-11-23T10:00');
    const open = caseSchedule(foldCase([registration]), calendar);
    const [notice] = open.notices;
    expect(notice?.term.id).toBe('refusal-or-suspension-notice');
    expect(notice?.due).toEqual({ kind: 'date', date: '2026-12-07' });
    expect(notice?.doneAt).toBeNull();

    const onTime = caseSchedule(
      foldCase([
        registration,
        ev('TermSuspended', 'specialist', '2026-12-07T16:00', {
          reason: 'Ауылдан көшіп кетті',
          groundCode: 'moved-away',
        }),
      ]),
      calendar,
    );
    expect(onTime.notices[0]).toMatchObject({ doneAt: '2026-12-07T16:00', late: false });
    const late = caseSchedule(
      foldCase([
        registration,
        ev('TermSuspended', 'specialist', '2026-12-08T09:00', {
          reason: 'Ауылдан көшіп кетті',
          groundCode: 'moved-away',
        }),
      ]),
      calendar,
    );
    expect(late.notices[0]?.late).toBe(true);
  });

  test('child benefit via the Centre (001:7132 / 1264): acceptance and issue days are not part of the 10 working days', () => {
    const planned = planRegistration({
      serviceId: 'child-benefit-under-18',
      receivedAt: '2026-11-23T10:00',
      calendar,
      route: 'serviceCenter',
    });
    // Accepted Mon 23.11: ten working days 24.11–07.12, issued the day after, Tue 08.12.
    expect(planned.ok && planned.plan.dueDate).toBe('2026-12-08');
  });

  test('child benefit via the Centre (001:7163-7164 / 1295-1296): refusal back in 10 calendar days, an incomplete package in 3 working days', () => {
    // The district department registers the Centre's package on Tue 24.11.2026.
    const state = foldCase([
      registered('child-benefit-under-18', '2026-11-24T09:00', 'serviceCenter'),
    ]);
    const notices = caseSchedule(state, calendar).notices;
    expect(notices.map((n) => [n.term.id, n.anchor, n.due])).toEqual([
      ['refusal-returned-via-centre', '2026-11-24', { kind: 'date', date: '2026-12-04' }],
      [
        'incomplete-package-returned-via-centre',
        '2026-11-24',
        { kind: 'date', date: '2026-11-27' },
      ],
    ]);
  });
});

describe('the akimat issues the result when the applicant has been told (001:11148 / 4913)', () => {
  // Targeted assistance at the akim: resolution, forwarded, the result recorded from the district's
  // paper notice on Wed 25.11 at 10:00. The issue step is "не более 15 минут" (table 001:11414):
  // service on the spot on the day the applicant comes (001:11113), so it runs from the notice.
  const returned = () => [
    ...tsaCase(),
    ev('ForwardedToDistrict', 'specialist', '2026-11-24T12:00', {
      registerId: 'r1',
      registerNumber: 'KZL01-1-R0001/2026',
    }),
    ev('DistrictResultRecorded', 'specialist', '2026-11-25T10:00', {
      decision: { outcome: 'grant', number: '12', date: '2026-11-24', amountTiyn: 2_500_000 },
      receivedOn: '2026-11-25',
    }),
  ];

  test('before the applicant is told, the issue step has no due point and nothing is late', () => {
    const s = caseSchedule(foldCase(returned()), calendar);
    const issue = s.steps.find((x) => x.step.id === 'issue-result');
    expect(issue?.due).toBeNull();
    expect(s.current).toBeNull();
    // The akimat holds the case again; the whole term (22 working days) still runs.
    expect(s.holder).toBe('akimat');
    expect(at(foldCase(returned()), '2026-11-25T11:00')).toMatchObject({ status: 'onTime' });
  });

  test('told by phone on Thu 26.11 at 09:40: the issue is due at 09:55 that day, late at 10:00', () => {
    const state = foldCase([
      ...returned(),
      ev('ApplicantNotifiedResultReady', 'specialist', '2026-11-26T09:40', { way: 'phone' }),
    ]);
    expect(state.resultReadyNotice).toEqual({
      at: '2026-11-26T09:40',
      way: 'phone',
      byUserId: 'u-specialist',
    });
    expect(state.stage).toBe('returned');
    const s = caseSchedule(state, calendar);
    expect(s.current?.step.id).toBe('issue-result');
    expect(s.current?.start).toEqual({ date: '2026-11-26', at: '2026-11-26T09:40' });
    expect(s.current?.due).toEqual({ kind: 'dateTime', at: '2026-11-26T09:55' });
    // The regulation names the akim, but the desk's specialist records the issue (ResultIssued).
    expect(s.currentRole).toBe('specialist');
    expect(s.holder).toBe('akimat');
  });

  test('a second notice does not move the start: the first one is the anchor', () => {
    const state = foldCase([
      ...returned(),
      ev('ApplicantNotifiedResultReady', 'specialist', '2026-11-26T09:40', { way: 'phone' }),
      ev('ApplicantNotifiedResultReady', 'specialist', '2026-11-27T09:00', { way: 'sms' }),
    ]);
    expect(state.conflicts).toEqual([]);
    expect(caseSchedule(state, calendar).current?.due).toEqual({
      kind: 'dateTime',
      at: '2026-11-26T09:55',
    });
  });

  test('the notice is the specialist’s, only once the result is back at the akimat', () => {
    const forwarded = foldCase(returned().slice(0, 3));
    const notice = ev('ApplicantNotifiedResultReady', 'specialist', '2026-11-24T13:00', {
      way: 'phone',
    });
    const early = foldCase([...returned().slice(0, 3), notice]);
    expect(forwarded.stage).toBe('forwarded');
    expect(early.conflicts.map((c) => c.reason)).toEqual(['case:rejections.notAllowedInStage']);
    const byAkim = foldCase([
      ...returned(),
      ev('ApplicantNotifiedResultReady', 'akim', '2026-11-26T09:40', { way: 'phone' }),
    ]);
    expect(byAkim.conflicts.map((c) => c.reason)).toEqual(['case:rejections.roleNotAllowed']);
  });
});

describe('who holds the case and who records its step', () => {
  test('from the forwarding until the result comes back the district holds the case', () => {
    const forwarded = caseSchedule(
      foldCase([
        ...tsaCase(),
        ev('ForwardedToDistrict', 'specialist', '2026-11-24T12:00', {
          registerId: 'r1',
          registerNumber: 'KZL01-1-R0001/2026',
        }),
      ]),
      calendar,
    );
    expect(forwarded.holder).toBe('district');
    expect(forwarded.current?.owner).toBe('district');
    expect(forwarded.currentRole).toBe('districtSpecialist');
  });

  test('registered: the akim’s resolution (30 minutes, 001:11141 / 4906) is the akim’s to record', () => {
    const s = caseSchedule(
      foldCase([registered('targeted-social-assistance', '2026-11-23T10:00')]),
      calendar,
    );
    expect(s.current?.step.id).toBe('resolution');
    expect(s.currentRole).toBe('akim');
    expect(s.holder).toBe('akimat');
  });

  test('R-ROUTE-1: after the resolution, forming the case for the commission is the specialist’s', () => {
    const s = caseSchedule(foldCase(tsaCase()), calendar);
    expect(s.current?.step.id).toBe('form-case');
    expect(s.currentRole).toBe('specialist');
  });

  test('a closed case has no holder and no step', () => {
    const s = caseSchedule(
      foldCase([
        ...tsaCase(),
        ev('Withdrawn', 'specialist', '2026-11-24T12:00', {
          reason: 'Өтініш',
          requestDate: '2026-11-24',
        }),
      ]),
      calendar,
    );
    expect(s.holder).toBeNull();
    expect(s.currentRole).toBeNull();
  });
});

describe('R-ROUTE-6 [I]: a case the district returned for a missing document', () => {
  const forward = (at: string, registerId: string) =>
    ev('ForwardedToDistrict', 'specialist', at, {
      registerId,
      registerNumber: `KZL01-1-${registerId}/2026`,
    });
  const returnedCase = () => [
    ...tsaCase(),
    forward('2026-11-24T12:00', 'R0001'),
    ev('ReceivedByDistrict', 'districtSpecialist', '2026-11-24T14:00', {}),
    ev('ReturnedForCompletion', 'districtSpecialist', '2026-11-25T10:00', {
      missingDocuments: [{ documentId: 'family-income', text: 'Отбасы табысы туралы мәліметтер' }],
    }),
  ];
  const completedAndBack = () => [
    ...returnedCase(),
    ev('ApplicationCorrected', 'specialist', '2026-11-26T10:00', {
      reason: 'Табыс туралы анықтама әкелінді',
      documents: [
        { documentId: 'application', state: 'presented' },
        { documentId: 'family-composition', state: 'presented' },
        { documentId: 'identity-document', state: 'presented' },
        { documentId: 'social-contract', state: 'notApplicable' },
        { documentId: 'family-income', state: 'presented' },
      ],
    }),
    forward('2026-11-27T10:00', 'R0002'),
    ev('ReceivedByDistrict', 'districtSpecialist', '2026-11-30T09:00', {}),
  ];

  test('the akimat holds it again, no step of the district is current, and the term runs on', () => {
    const state = foldCase(returnedCase());
    expect(state.conflicts).toEqual([]);
    const s = caseSchedule(state, calendar);
    expect(s.holder).toBe('akimat');
    expect(s.current).toBeNull();
    expect(s.currentRole).toBeNull();
    // The TSA rule-set names no suspension (001:11136): the return neither stops nor moves the term.
    expect(s.phase).toBe('running');
    expect(s.due).toEqual(caseSchedule(foldCase(tsaCase()), calendar).due);
  });

  test('R-ROUTE-2 (003:35): the district’s 1 working day counts from the second receipt', () => {
    const s = caseSchedule(foldCase(completedAndBack()), calendar);
    expect(s.holder).toBe('district');
    expect(s.current?.step.id).toBe('prepare-notice');
    expect(s.current?.owner).toBe('district');
    expect(s.current?.start).toEqual({ date: '2026-11-30', at: '2026-11-30T09:00' });
    expect(s.current?.due).toEqual({
      kind: 'date',
      date: calendar.addWorkingDays('2026-11-30', 1),
    });
  });
});
