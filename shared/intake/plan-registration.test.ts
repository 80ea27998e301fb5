import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../calendar';
import { ruleSetInForce } from '../catalog';
import { outsideIntakeWindow } from './intake-window';
import { intakeRouteOf, planRegistration } from './plan-registration';

const calendar = createWorkingCalendar();

describe('registration plan (catalog + calendar + deadline engine)', () => {
  test.each([
    // service, received at, registration date, due
    ['child-benefit-under-18', '2026-02-20T10:00', '2026-02-20', '2026-03-26'],
    ['fuel-aid-rural-social-specialists', '2024-04-30T16:00', '2024-04-30', '2024-05-24'],
    // 2012 regulations: the term runs from handing in the documents, even after hours
    // (001:11109 / 4873); Kurban Ait (Fri 06.06.2025) and Independence Day are skipped.
    ['targeted-social-assistance', '2025-06-05T18:05', '2025-06-05', '2025-07-09'],
    ['targeted-social-assistance', '2026-11-20T18:30', '2026-11-20', '2026-12-23'],
  ])('R-REG-5: %s received %s is registered %s and due %s', (serviceId, receivedAt, reg, due) => {
    const result = planRegistration({ serviceId, receivedAt, calendar });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.start.date).toBe(reg);
    expect(result.plan.dueDate).toBe(due);
    expect(result.plan.caseRoute).toBe('akimToDistrict');
  });

  test('R-CERT-1: the certificate is due 15 minutes after registration, all at the akimat', () => {
    const result = planRegistration({
      serviceId: 'asp-recipient-certificate',
      receivedAt: '2026-11-23T10:00',
      calendar,
    });
    expect(result.ok && result.plan.due).toEqual({ kind: 'dateTime', at: '2026-11-23T10:15' });
    expect(result.ok && result.plan.caseRoute).toBe('akimLocal');
  });

  test('a service without an akim route cannot be planned at the akimat', () => {
    expect(
      planRegistration({ serviceId: 'housing-aid', receivedAt: '2026-11-23T10:00', calendar }),
    ).toEqual({
      ok: false,
      reason: 'catalog:errors.noAkimRoute',
    });
  });

  test('the service-centre route counts its own term: 10 working days for child benefits, acceptance and issue days not counted (001:7132 / 1264)', () => {
    const result = planRegistration({
      serviceId: 'child-benefit-under-18',
      receivedAt: '2026-11-23T10:00',
      calendar,
      route: 'serviceCenter',
    });
    expect(result.ok && result.plan.term).toEqual({ amount: 10, unit: 'workingDays' });
    expect(result.ok && result.plan.dueDate).toBe('2026-12-08');
    expect(result.ok && result.plan.caseRoute).toBe('district');
  });

  test('R-VER-1: the rule-set is the one in force on the registration date', () => {
    const result = planRegistration({
      serviceId: 'targeted-social-assistance',
      receivedAt: '2026-11-23T10:00',
      calendar,
    });
    expect(result.ok && result.plan.ruleSetId).toBe('001-timiryazev-2012-n302');
  });
});

// Issue 9 §9: the rules name the service provider (the district department) first among those who
// accept applications (003:13); the same intake at its desk plans on the provider's own route.
describe('the intake route of an office (003:13)', () => {
  test('an akimat takes applications on the akim route, the district department on its own', () => {
    expect(intakeRouteOf('akimat')).toBe('akim');
    expect(intakeRouteOf('district')).toBe('authorizedBody');
  });

  test('at the district the certificate is the district’s own case, with the 15 minutes of 002:10', () => {
    const result = planRegistration({
      serviceId: 'asp-recipient-certificate',
      receivedAt: '2026-11-23T10:00',
      calendar,
      route: intakeRouteOf('district'),
    });
    expect(result.ok && result.plan.route).toBe('authorizedBody');
    expect(result.ok && result.plan.caseRoute).toBe('district');
    expect(result.ok && result.plan.due).toEqual({ kind: 'dateTime', at: '2026-11-23T10:15' });
  });

  test('002:12 the certificate’s intake window is the akim route’s: the district’s route states none', () => {
    const found = ruleSetInForce('asp-recipient-certificate', '2026-11-23');
    const certificate = found.ok ? found.service : null;
    expect(certificate).not.toBeNull();
    // 17:45 on a working day: after the akim route's window (until 17:30).
    expect(outsideIntakeWindow(certificate, '2026-11-23T17:45', calendar)).toBe(true);
    expect(outsideIntakeWindow(certificate, '2026-11-23T17:45', calendar, 'akim')).toBe(true);
    expect(
      outsideIntakeWindow(certificate, '2026-11-23T17:45', calendar, intakeRouteOf('district')),
    ).toBe(false);
  });
});
