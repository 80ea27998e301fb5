import { describe, expect, test } from 'vitest';
import { foldCase, type CaseState } from '../../../../shared/case';
import { sampleEvent, sampleRegistered } from '../../../../shared/case/testing';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { registeredBy, serviceOfCase, talonFacts } from './talon';

const calendar = createWorkingCalendar();

function registered(overrides: Parameters<typeof sampleRegistered>[0] = {}): CaseState {
  return foldCase([
    sampleEvent('Registered', {
      role: 'specialist',
      counter: 1,
      payload: sampleRegistered(overrides),
    }),
  ]);
}

const certificate = (receivedAt: string, registrationDate: string): CaseState =>
  registered({
    serviceId: 'asp-recipient-certificate',
    ruleSetId: '002-tsa-certificate-passport',
    route: 'akimLocal',
    receivedAt,
    registrationDate,
    dueDate: registrationDate,
  });

describe('talonFacts (R-REG-5)', () => {
  test('R-REG-5 prints the registration date, the due date and the accepting person', () => {
    const check = talonFacts(registered(), 'Жұмабаева Гүлнар', calendar);
    expect(check).toEqual({
      ok: true,
      facts: {
        registrationNumber: 'AK01-1-0001/2025',
        registrationDate: '2025-03-03',
        receivedAt: '2025-03-03T10:00',
        due: { kind: 'date', date: '2025-04-02' },
        dueProvisional: false,
        acceptedBy: 'Жұмабаева Гүлнар',
      },
    });
  });

  test('R-REG-5 is blocked when the accepting person is unknown', () => {
    expect(talonFacts(registered(), null, calendar)).toEqual({
      ok: false,
      reason: 'missingFields',
      missing: ['acceptedBy'],
    });
    expect(talonFacts(registered(), '   ', calendar)).toMatchObject({ missing: ['acceptedBy'] });
  });

  test('R-REG-5 is blocked when the registration date or the due date is empty', () => {
    const state = registered();
    const intake = state.intake;
    if (intake === null) throw new Error('not registered');
    // A damaged log without a due date: the talon is never printed without one.
    const noDue = { ...state, dueDate: null, intake: { ...intake, dueDate: '' } };
    expect(talonFacts(noDue, 'Жұмабаева Гүлнар', calendar)).toMatchObject({
      ok: false,
      missing: ['resultDate'],
    });
    expect(talonFacts({ ...noDue, registrationDate: null }, null, calendar)).toMatchObject({
      ok: false,
      missing: ['registrationDate', 'resultDate', 'acceptedBy'],
    });
  });

  test('the certificate is due 15 minutes after receipt (R-CERT-1)', () => {
    const check = talonFacts(
      certificate('2026-03-02T10:00', '2026-03-02'),
      'Жұмабаева Г.',
      calendar,
    );
    expect(check).toMatchObject({
      ok: true,
      facts: { due: { kind: 'dateTime', at: '2026-03-02T10:15' } },
    });
  });

  test('a refused application has no talon', () => {
    const refused = foldCase([
      sampleEvent('AcceptanceRefused', { role: 'specialist', counter: 1 }),
    ]);
    expect(talonFacts(refused, 'Жұмабаева Г.', calendar)).toEqual({
      ok: false,
      reason: 'notRegistered',
    });
  });
});

describe('registeredBy and serviceOfCase', () => {
  test('the accepting specialist is the actor of the Registered event', () => {
    expect(registeredBy(registered())).toBe('user-specialist');
  });

  test('the service comes from the case rule-set', () => {
    expect(serviceOfCase(certificate('2026-03-02T10:00', '2026-03-02'))?.routes.akim).toMatchObject(
      {
        available: true,
      },
    );
    expect(serviceOfCase(registered())?.id).toBe('targeted-social-assistance');
  });
});
