import { describe, expect, test } from 'vitest';
import { CASE_EVENT_TYPES, caseEventSchema, parseCaseEvent, payloadSchemas } from './events';
import type { CaseEvent } from './events';
import { VALIDATION } from './messages';
import { sampleEvent, samplePayload, sampleRegistered } from './testing';

function messagesOf(input: unknown): string[] {
  const result = caseEventSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

function registeredWith(payload: unknown): unknown {
  return { ...sampleEvent('Registered', { role: 'specialist', counter: 1 }), payload };
}

describe('case event schemas', () => {
  test.each(CASE_EVENT_TYPES)('a sample %s event parses unchanged', (type) => {
    const event = sampleEvent(type, { role: 'specialist', counter: 3 });
    const parsed = parseCaseEvent(event);
    expect(parsed.ok).toBe(true);
    // Schemas never transform: what is signed is what is stored.
    if (parsed.ok) expect(parsed.event).toEqual(event);
  });

  test('both decision outcomes parse', () => {
    expect(payloadSchemas.DecisionMade.safeParse(samplePayload('DecisionMade', 0)).success).toBe(
      true,
    );
    expect(payloadSchemas.DecisionMade.safeParse(samplePayload('DecisionMade', 1)).success).toBe(
      true,
    );
  });

  test('an unknown key is rejected, not stripped', () => {
    const event = sampleEvent('SentToCommission', { role: 'specialist', counter: 1 });
    expect(caseEventSchema.safeParse({ ...event, extra: 1 }).success).toBe(false);
    expect(caseEventSchema.safeParse({ ...event, payload: { extra: 1 } }).success).toBe(false);
  });

  test('an unknown event type is rejected', () => {
    const event = sampleEvent('SentToCommission', { role: 'specialist', counter: 1 });
    expect(caseEventSchema.safeParse({ ...event, type: 'Teleported' }).success).toBe(false);
  });

  test('dates and times must be real office dates', () => {
    const event = sampleEvent('ProtocolFamiliarized', { role: 'districtSpecialist', counter: 1 });
    expect(messagesOf({ ...event, payload: { date: '2025-02-30' } })).toEqual([
      VALIDATION.localDate,
    ]);
    expect(messagesOf({ ...event, legalTime: '2025-03-03 09:00' })).toEqual([
      VALIDATION.localDateTime,
    ]);
  });

  test('the envelope role is one of the five roles', () => {
    const event = sampleEvent('SentToCommission', { role: 'specialist', counter: 1 });
    expect(messagesOf({ ...event, actor: { ...event.actor, role: 'janitor' } })).toEqual([
      VALIDATION.choice,
    ]);
  });

  test('R-REG-2: a representative without power-of-attorney details is rejected', () => {
    const withoutPower = sampleRegistered({
      representative: { name: 'Омаров Данияр', iin: '900101300126' } as never,
    });
    expect(messagesOf(registeredWith(withoutPower))).toEqual([VALIDATION.powerOfAttorneyRequired]);

    const blankIssuer = sampleRegistered({
      representative: {
        name: 'Омаров Данияр',
        powerOfAttorney: { number: '17', date: '2025-02-01', issuer: '  ' },
      },
    });
    expect(messagesOf(registeredWith(blankIssuer))).toEqual([VALIDATION.required]);

    const complete = sampleRegistered({
      representative: {
        name: 'Омаров Данияр',
        powerOfAttorney: {
          number: '17',
          date: '2025-02-01',
          issuer: 'Нотариус Ким А.',
          notarized: true,
        },
      },
    });
    expect(messagesOf(registeredWith(complete))).toEqual([]);
  });

  test('R-DEC-2: a number in the mobile citizens database must be given', () => {
    const { phone: _phone, ...withoutPhone } = sampleRegistered().applicant;
    expect(messagesOf(registeredWith(sampleRegistered({ applicant: withoutPhone })))).toEqual([
      VALIDATION.phoneRequiredForMobileDb,
    ]);
    expect(
      messagesOf(
        registeredWith(
          sampleRegistered({ applicant: { ...withoutPhone, inMobileCitizensDb: false } }),
        ),
      ),
    ).toEqual([]);
  });

  test('R-STAT-1: the registration number is checked and matches the registration year', () => {
    expect(messagesOf(registeredWith(sampleRegistered({ registrationNumber: '17' })))).toEqual([
      VALIDATION.registrationNumberFormat,
    ]);
    expect(
      messagesOf(registeredWith(sampleRegistered({ registrationNumber: 'AK01-1-0001/2024' }))),
    ).toEqual([VALIDATION.registrationNumberYear]);
  });

  test('R-REG-1: registration is never dated before receipt, the due date never before registration', () => {
    expect(
      messagesOf(registeredWith(sampleRegistered({ registrationDate: '2025-03-02' }))),
    ).toContain(VALIDATION.registrationBeforeReceipt);
    expect(messagesOf(registeredWith(sampleRegistered({ dueDate: '2025-03-01' })))).toEqual([
      VALIDATION.dueBeforeRegistration,
    ]);
  });

  test('R-HEAR-2: a hearing cannot be saved without a mode or a time', () => {
    const event = sampleEvent('PreliminaryRefusalNoticed', {
      role: 'districtSpecialist',
      counter: 1,
    });
    const { mode: _mode, ...noMode } = event.payload.hearing;
    expect(messagesOf({ ...event, payload: { ...event.payload, hearing: noMode } })).toEqual([
      VALIDATION.hearingModeRequired,
    ]);
    expect(
      messagesOf({
        ...event,
        payload: { ...event.payload, hearing: { ...event.payload.hearing, mode: 'telepathy' } },
      }),
    ).toEqual([VALIDATION.choice]);
    const { at: _at, ...noTime } = event.payload.hearing;
    expect(messagesOf({ ...event, payload: { ...event.payload, hearing: noTime } })).toEqual([
      VALIDATION.hearingTimeRequired,
    ]);
    const { hearing: _hearing, ...noHearing } = event.payload;
    expect(messagesOf({ ...event, payload: noHearing })).toEqual([VALIDATION.hearingTimeRequired]);
  });

  test('R-DEC-6: a refusal cannot be saved with an empty justification', () => {
    const event = sampleEvent('DecisionMade', {
      role: 'districtSpecialist',
      counter: 1,
      variant: 1,
    });
    expect(event.payload.outcome).toBe('refuse');
    expect(messagesOf({ ...event, payload: { ...event.payload, justification: '  ' } })).toEqual([
      VALIDATION.justificationRequired,
    ]);
    const { justification: _j, ...withoutJustification } = event.payload as {
      justification: string;
    };
    expect(messagesOf({ ...event, payload: withoutJustification })).toEqual([
      VALIDATION.justificationRequired,
    ]);
    // A grant needs none.
    expect(
      messagesOf(sampleEvent('DecisionMade', { role: 'districtSpecialist', counter: 1 })),
    ).toEqual([]);
  });

  test('R-DEC-5: signed results carry a signature, other events need none', () => {
    const signed = sampleEvent('ResultSigned', { role: 'districtHead', counter: 1 });
    const { signature: _s, ...unsigned } = signed;
    expect(caseEventSchema.safeParse(unsigned).success).toBe(false);
    const certificate = sampleEvent('CertificateIssued', { role: 'akim', counter: 1 });
    const { signature: _c, ...unsignedCertificate } = certificate;
    expect(caseEventSchema.safeParse(unsignedCertificate).success).toBe(false);
    const plain: CaseEvent = sampleEvent('SentToCommission', { role: 'specialist', counter: 1 });
    expect(plain.signature).toBeUndefined();
    expect(caseEventSchema.safeParse(plain).success).toBe(true);
  });

  test('money is whole tiyn, never negative', () => {
    const event = sampleEvent('IncomeComputed', { role: 'districtSpecialist', counter: 1 });
    for (const perCapitaIncomeTiyn of [-1, 10.5]) {
      expect(messagesOf({ ...event, payload: { ...event.payload, perCapitaIncomeTiyn } })).toEqual([
        VALIDATION.amount,
      ]);
    }
  });

  test('attachments are named by their SHA-256', () => {
    const bad = sampleRegistered({
      attachments: [{ sha256: 'ABC', name: 'scan.pdf', mime: 'application/pdf', size: 1 }],
    });
    expect(messagesOf(registeredWith(bad))).toEqual([VALIDATION.sha256]);
  });
});
