import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../calendar';
import {
  applicantsOverTime,
  applicationChanges,
  applicationHistory,
  correctApplication,
  receivedApplication,
  sameValue,
  type ApplicationData,
} from './application';
import { caseEventSchema, payloadSchemas } from './events';
import type { CaseEvent, CaseRole, PayloadOf } from './events';
import { foldCase } from './fold';
import type { CaseState } from './state';
import {
  sampleActor,
  sampleApplicant,
  sampleEvent,
  samplePath,
  samplePayload,
  sampleRegistered,
} from './testing';
import type { SampleStep } from './testing';
import { canAppend, checkEvent } from './transitions';

// The application as registered and as corrected (ARCHITECTURE §3: a correction is a new event; the
// log is the audit trail). R-STAT-3: every correction keeps who made it and when.

type Correction = PayloadOf<'ApplicationCorrected'>;

const REGISTERED: readonly SampleStep[] = [['Registered', 'specialist']];

/** Appends one event of `role` with `payload` to the log, counter after the last. */
function then<T extends CaseEvent['type']>(
  events: readonly CaseEvent[],
  type: T,
  role: CaseRole,
  payload?: PayloadOf<T>,
  deviceId = 'desk-1',
): CaseEvent[] {
  const state = foldCase(events);
  const event = sampleEvent(type, {
    role,
    counter: events.length + 1,
    deviceId,
    state,
    ...(payload !== undefined ? { payload } : {}),
  });
  return [...events, event];
}

const renamed: Correction = {
  reason: 'Тегі қате жазылған',
  applicant: { ...sampleApplicant, lastName: 'Сейтова' },
};

const rejected = (code: string) => ({ ok: false, reason: `case:rejections.${code}` });

describe('ApplicationCorrected: the schema', () => {
  test('a correction names at least one section and a reason, and nothing unknown', () => {
    const schema = payloadSchemas.ApplicationCorrected;
    expect(schema.safeParse(renamed).success).toBe(true);
    const empty = schema.safeParse({ reason: 'Бос' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe('case:validation.correctionEmpty');
    expect(schema.safeParse({ ...renamed, reason: '  ' }).success).toBe(false);
    expect(schema.safeParse({ ...renamed, consents: {} }).success).toBe(false);
    // The representative section without a representative: the applicant now acts in person.
    expect(schema.safeParse({ reason: 'Өзі келді', representation: {} }).success).toBe(true);
  });
});

describe('ApplicationCorrected: the fold', () => {
  test('the case holds the corrected data; the registered event and intake stay as registered', () => {
    const events = then(samplePath(REGISTERED), 'ApplicationCorrected', 'specialist', renamed);
    const state = foldCase(events);
    expect(state.conflicts).toEqual([]);
    expect(state.applicant?.lastName).toBe('Сейтова');
    expect(state.application?.applicant.lastName).toBe('Сейтова');
    expect(state.intake?.applicant.lastName).toBe('Сейітова');
    expect(state.stage).toBe('registered');
    // R-STAT-3: who and when.
    expect(state.corrections).toEqual([
      {
        eventId: events[1]?.id,
        at: events[1]?.legalTime,
        byUserId: 'user-specialist',
        role: 'specialist',
        reason: 'Тегі қате жазылған',
        changes: {
          sections: ['applicant'],
          applicantFields: ['lastName'],
          representativeFields: [],
          documents: [],
        },
      },
    ]);
  });

  test('R-DEC-2: a corrected mobile-database flag changes how the decision notice goes out', () => {
    const before = foldCase(samplePath(REGISTERED));
    expect(before.notificationChannel).toBe('sms');
    const events = then(samplePath(REGISTERED), 'ApplicationCorrected', 'specialist', {
      reason: 'Нөмір мобильді азаматтар базасында жоқ',
      applicant: { ...sampleApplicant, inMobileCitizensDb: false },
    });
    expect(foldCase(events).notificationChannel).toBe('printForPickup');
  });

  test('each section replaces only its own; the representative may be added and removed', () => {
    let events = samplePath(REGISTERED);
    events = then(
      events,
      'ApplicationCorrected',
      'specialist',
      samplePayload('ApplicationCorrected', 2, foldCase(events)),
    );
    expect(foldCase(events).representative?.name).toBe('Ахметов Бауыржан Серікұлы');
    events = then(events, 'ApplicationCorrected', 'specialist', {
      reason: 'Өзі келді',
      representation: {},
    });
    const state = foldCase(events);
    expect(state.representative).toBeNull();
    expect(state.application?.familyMembers).toEqual(sampleRegistered().familyMembers);
    expect(state.corrections.map((c) => c.changes.representativeFields)).toEqual([
      ['present', 'name', 'poaNumber', 'poaDate', 'poaIssuer', 'poaNotarized'],
      ['present', 'name', 'poaNumber', 'poaDate', 'poaIssuer', 'poaNotarized'],
    ]);
  });

  test('a correction after the case moved on on another desk is a conflict, kept and flagged', () => {
    const atAkim = samplePath([
      ['Registered', 'specialist'],
      ['ResolutionImposed', 'akim'],
    ]);
    const forwarded = sampleEvent('ForwardedToDistrict', {
      role: 'specialist',
      counter: 3,
      deviceId: 'desk-a',
    });
    const correction = sampleEvent('ApplicationCorrected', {
      role: 'specialist',
      counter: 3,
      deviceId: 'desk-b',
      payload: renamed,
    });
    const merged = foldCase([correction, ...atAkim, forwarded]);
    expect(merged.stage).toBe('forwarded');
    expect(merged.applicant?.lastName).toBe('Сейітова');
    expect(merged.conflicts).toEqual([
      { event: correction, reason: 'case:rejections.notAllowedInStage', acknowledgedBy: null },
    ]);
    expect(merged.flagged).toBe(true);
  });
});

describe('ApplicationCorrected: who may correct, and when', () => {
  const registered = foldCase(samplePath(REGISTERED));
  const as = sampleActor;

  test('the akimat before forwarding, the district department before its decision', () => {
    expect(
      canAppend(registered, 'ApplicationCorrected', as('specialist'), { context: null }),
    ).toEqual({ ok: true });
    expect(canAppend(registered, 'ApplicationCorrected', as('akim'), { context: null })).toEqual(
      rejected('roleNotAllowed'),
    );
    const forwarded = foldCase(
      samplePath([
        ['Registered', 'specialist'],
        ['ResolutionImposed', 'akim'],
        ['ForwardedToDistrict', 'specialist'],
      ]),
    );
    expect(
      canAppend(forwarded, 'ApplicationCorrected', as('specialist'), { context: null }),
    ).toEqual(rejected('notAllowedInStage'));
    const decided = foldCase(
      samplePath([
        ['Registered', 'specialist'],
        ['ResolutionImposed', 'akim'],
        ['ForwardedToDistrict', 'specialist'],
        ['ReceivedByDistrict', 'districtSpecialist'],
        ['DecisionMade', 'districtSpecialist', 0],
      ]),
    );
    expect(
      canAppend(decided, 'ApplicationCorrected', as('districtSpecialist'), { context: null }),
    ).toEqual(rejected('notAllowedInStage'));
    const certified = foldCase(
      samplePath([
        ['Registered', 'specialist', 1],
        ['CertificateIssued', 'akim'],
      ]),
    );
    expect(
      canAppend(certified, 'ApplicationCorrected', as('specialist'), { context: null }),
    ).toEqual(rejected('notAllowedInStage'));
  });

  test('while the term is suspended the papers brought can be marked', () => {
    const suspended = foldCase(
      samplePath([
        ['Registered', 'specialist'],
        ['TermSuspended', 'specialist'],
      ]),
    );
    expect(
      canAppend(suspended, 'ApplicationCorrected', as('specialist'), {
        context: null,
        payload: renamed,
      }),
    ).toEqual({ ok: true });
  });

  test('R-PRO-1: a case opened without an application has none to correct', () => {
    const proactive = foldCase(samplePath([['ProactiveCaseOpened', 'districtSpecialist']]));
    expect(
      canAppend(proactive, 'ApplicationCorrected', as('districtSpecialist'), { context: null }),
    ).toEqual(rejected('noApplicationToCorrect'));
  });

  test('R-REG-6: a correction never leaves a gap in the package', () => {
    const documents = sampleRegistered().documents.map((d) =>
      d.documentId === 'family-composition' ? { ...d, state: 'missing' as const } : d,
    );
    expect(
      canAppend(registered, 'ApplicationCorrected', as('specialist'), {
        context: null,
        payload: { reason: 'Анықтама жоқ', documents },
      }),
    ).toEqual(rejected('correctionLeavesGap'));
  });

  test('a correction that changes nothing is refused (key order does not matter)', () => {
    const same = Object.fromEntries(
      Object.entries(sampleApplicant).reverse(),
    ) as typeof sampleApplicant;
    expect(
      canAppend(registered, 'ApplicationCorrected', as('specialist'), {
        context: null,
        payload: {
          reason: 'Тексерілді',
          applicant: same,
          familyMembers: sampleRegistered().familyMembers ?? [],
        },
      }),
    ).toEqual(rejected('correctionChangesNothing'));
  });

  test('R-REG-2 (002:15): the certificate representative needs a notarized power of attorney', () => {
    const certificate = foldCase([
      sampleEvent('Registered', {
        role: 'specialist',
        counter: 1,
        payload: sampleRegistered({
          serviceId: 'asp-recipient-certificate',
          ruleSetId: '002-tsa-certificate-passport',
          route: 'akimLocal',
          receivedAt: '2026-12-03T10:00',
          registrationDate: '2026-12-03',
          registrationNumber: 'AK01-1-0001/2026',
          dueDate: '2026-12-03',
        }),
      }),
    ]);
    const powerOfAttorney = { number: '17', date: '2026-12-01', issuer: 'Нотариус Иванова Л. М.' };
    const correction = (notarized: boolean): Correction => ({
      reason: 'Өтінішті өкіл берді',
      representation: {
        representative: {
          name: 'Омаров Данияр',
          powerOfAttorney: { ...powerOfAttorney, notarized },
        },
      },
    });
    const context = { calendar: createWorkingCalendar() };
    expect(
      canAppend(certificate, 'ApplicationCorrected', as('specialist'), {
        context,
        payload: correction(false),
      }),
    ).toEqual(rejected('notarizedPowerOfAttorneyRequired'));
    expect(
      canAppend(certificate, 'ApplicationCorrected', as('specialist'), {
        context,
        payload: correction(true),
      }),
    ).toEqual({ ok: true });
  });
});

describe('applicationHistory: the application as registered and as corrected', () => {
  test('each corrected fact names its last correction; the registered value stays visible', () => {
    let events = samplePath(REGISTERED);
    events = then(events, 'ApplicationCorrected', 'specialist', renamed);
    events = then(events, 'ApplicationCorrected', 'specialist', {
      reason: 'Мекенжай нақтыланды',
      applicant: { ...sampleApplicant, lastName: 'Сейтова', address: 'Қызылсай ауылы, 14' },
      documents: sampleRegistered().documents.map((d) =>
        d.documentId === 'social-contract' ? { ...d, state: 'presented' as const } : d,
      ),
    });
    const state = foldCase(events);
    const history = applicationHistory(state);
    expect(history).not.toBeNull();
    if (!history) return;
    expect(history.registered).toBe(true);
    expect(history.received.applicant).toEqual(sampleApplicant);
    expect(history.current.applicant.address).toBe('Қызылсай ауылы, 14');
    expect(history.applicantFields.map((f) => [f.field, f.by.eventId])).toEqual([
      ['lastName', events[1]?.id],
      ['address', events[2]?.id],
    ]);
    expect(history.documents.map((d) => [d.field, d.by.reason])).toEqual([
      ['social-contract', 'Мекенжай нақтыланды'],
    ]);
    expect(history.sections.applicant?.eventId).toBe(events[2]?.id);
    expect(history.sections.familyMembers).toBeUndefined();
    expect(history.consents).toEqual({ personalData: true, protectedInformation: true });
    expect(history.attachments).toHaveLength(1);
    expect(history.corrections).toHaveLength(2);
  });

  test('a fact corrected and put back as registered is not shown as corrected; both stay logged', () => {
    let events = samplePath(REGISTERED);
    events = then(events, 'ApplicationCorrected', 'specialist', renamed);
    events = then(events, 'ApplicationCorrected', 'specialist', {
      reason: 'Алғашқы жазу дұрыс болған',
      applicant: sampleApplicant,
    });
    const history = applicationHistory(foldCase(events));
    expect(history?.applicantFields).toEqual([]);
    expect(history?.sections).toEqual({});
    expect(history?.corrections).toHaveLength(2);
  });

  test('a refused application is shown as received and cannot be corrected', () => {
    const refused = foldCase(samplePath([['AcceptanceRefused', 'specialist']]));
    const history = applicationHistory(refused);
    expect(history?.registered).toBe(false);
    expect(history?.consents).toBeNull();
    expect(history?.current.documents.some((d) => d.state === 'missing')).toBe(true);
    expect(
      canAppend(refused, 'ApplicationCorrected', sampleActor('specialist'), { context: null }),
    ).toEqual(rejected('caseClosed'));
  });

  test('proactive assistance has no application', () => {
    expect(
      applicationHistory(foldCase(samplePath([['ProactiveCaseOpened', 'districtSpecialist']]))),
    ).toBeNull();
  });

  test('a family member left out at registration is added; the family shows as corrected', () => {
    let events = samplePath(REGISTERED);
    events = then(
      events,
      'ApplicationCorrected',
      'specialist',
      samplePayload('ApplicationCorrected', 1, foldCase(events)),
    );
    const history = applicationHistory(foldCase(events));
    expect(history?.current.familyMembers.map((m) => m.firstName)).toEqual(['Нұрлан', 'Дана']);
    expect(history?.received.familyMembers.map((m) => m.firstName)).toEqual(['Нұрлан']);
    expect(history?.sections.familyMembers?.eventId).toBe(events[1]?.id);
  });

  test('the journal finds the case by every name the applicant had', () => {
    let events = samplePath(REGISTERED);
    events = then(events, 'ApplicationCorrected', 'specialist', renamed);
    expect(applicantsOverTime(foldCase(events)).map((a) => a.lastName)).toEqual([
      'Сейітова',
      'Сейтова',
    ]);
  });
});

// ---- properties ------------------------------------------------------------------------------------

const lastNames = ['Сейітова', 'Сейтова', 'Сеитова', 'Ахметова'] as const;
const correctionArb: fc.Arbitrary<Correction> = fc
  .record({
    lastName: fc.option(fc.constantFrom(...lastNames), { nil: undefined }),
    address: fc.option(fc.constantFrom('Қызылсай ауылы, 12', 'Қызылсай ауылы, 14'), {
      nil: undefined,
    }),
    members: fc.option(fc.nat(2), { nil: undefined }),
    representative: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ lastName, address, members, representative }): Correction => {
    const p: Correction = { reason: 'Түзету' };
    const applicant =
      lastName !== undefined || address !== undefined
        ? {
            ...sampleApplicant,
            ...(lastName !== undefined ? { lastName } : {}),
            ...(address !== undefined ? { address } : {}),
          }
        : undefined;
    return {
      ...p,
      ...(applicant ? { applicant } : {}),
      ...(members !== undefined
        ? {
            familyMembers: Array.from({ length: members }, (_, i) => ({
              lastName: 'Сейітов',
              firstName: ['Нұрлан', 'Дана'][i] ?? 'Әли',
              birthDate: '2015-06-01',
              relation: 'child' as const,
              incomes: [],
            })),
          }
        : {}),
      ...(representative !== undefined
        ? {
            representation: representative
              ? {
                  representative: {
                    name: 'Омаров Данияр',
                    powerOfAttorney: { number: '17', date: '2025-02-01', issuer: 'Нотариус' },
                  },
                }
              : {},
          }
        : {}),
      ...(applicant === undefined && members === undefined && representative === undefined
        ? { applicantIncomes: [] }
        : {}),
    };
  });

/** The corrections a desk would append: each checked against the state it reaches. */
function correctedLog(corrections: readonly Correction[], deviceId: string, from: CaseEvent[]) {
  let events = from;
  for (const payload of corrections) {
    const state: CaseState = foldCase(events);
    const event = sampleEvent('ApplicationCorrected', {
      role: 'specialist',
      counter: events.length + 1,
      deviceId,
      payload,
    });
    if (checkEvent(state, event, null).ok) events = [...events, event];
  }
  return events;
}

describe('properties of corrections', () => {
  test('the current application is the registered one with each applied correction in log order', () => {
    fc.assert(
      fc.property(fc.array(correctionArb, { maxLength: 8 }), (corrections) => {
        const events = correctedLog(corrections, 'desk-1', samplePath(REGISTERED));
        for (const e of events) expect(caseEventSchema.safeParse(e).success).toBe(true);
        const state = foldCase(events);
        expect(state.conflicts).toEqual([]);
        let expected: ApplicationData = receivedApplication(sampleRegistered());
        for (const e of events) {
          if (e.type === 'ApplicationCorrected') {
            // Written out independently of correctApplication: given sections replace, others stay.
            const p = e.payload;
            const next: ApplicationData = {
              applicant: p.applicant ?? expected.applicant,
              representative: p.representation
                ? (p.representation.representative ?? null)
                : expected.representative,
              familyMembers: p.familyMembers ?? expected.familyMembers,
              applicantIncomes: p.applicantIncomes ?? expected.applicantIncomes,
              documents: p.documents ?? expected.documents,
            };
            expect(correctApplication(expected, p)).toEqual(next);
            // Every applied correction changed something (correctionChangesNothing otherwise).
            expect(applicationChanges(expected, next).sections.length).toBeGreaterThan(0);
            expected = next;
          }
        }
        expect(sameValue(state.application, expected)).toBe(true);
        expect(state.applicant).toEqual(expected.applicant);
        // What was registered is never changed by a correction.
        expect(applicationHistory(state)?.received).toEqual(
          receivedApplication(sampleRegistered()),
        );
      }),
      { numRuns: 200 },
    );
  });

  test('corrections from two desks merge to the same state in any delivery order', () => {
    fc.assert(
      fc.property(
        fc.array(correctionArb, { maxLength: 5 }),
        fc.array(correctionArb, { maxLength: 5 }),
        fc.gen(),
        (a, b, g) => {
          const start = samplePath(REGISTERED);
          const desk1 = correctedLog(a, 'desk-1', start);
          const desk2 = correctedLog(b, 'desk-2', start);
          const all = [...desk1, ...desk2.slice(start.length)];
          const shuffled = g(fc.shuffledSubarray, all, {
            minLength: all.length,
            maxLength: all.length,
          });
          const state = foldCase(shuffled);
          expect(state).toEqual(foldCase(all));
          // Each applied correction is recorded once, with its author; none is lost.
          expect(state.corrections.length + state.conflicts.length).toBe(all.length - start.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
