import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { intakeRouteOf } from '../../../../shared/intake';
import { elsewhereFor, officeHoursOf, planFor, serviceChoices } from './service-choices';

const calendar = createWorkingCalendar();
const defaults = officeHoursOf(null);

// An office that closes at 17:00.
const office = sampleOfficeProfile({
  workingHours: { opensAt: '09:00', closesAt: '17:00', lunchFrom: '13:00', lunchTo: '14:00' },
  intakeHours: { opensAt: '09:00', closesAt: '16:30', lunchFrom: '13:00', lunchTo: '14:00' },
});

describe('services at the desk', () => {
  test('the registrable services come apart from those filed elsewhere', () => {
    const choices = serviceChoices('2026-11-23T10:00', calendar, defaults.working, 'akim');
    const registrable = choices.registrable.map((c) => c.service.id);
    const elsewhere = choices.elsewhere.map((c) => c.service.id);
    expect(registrable).toEqual(
      expect.arrayContaining([
        'targeted-social-assistance',
        'child-benefit-under-18',
        'fuel-aid-rural-social-specialists',
        'asp-recipient-certificate',
      ]),
    );
    expect(elsewhere).toEqual(expect.arrayContaining(['housing-aid', 'unemployed-registration']));
    // Registrable at the akimat, but no term is stated: it cannot be registered at the desk.
    const noTerm = choices.elsewhere.find(
      (c) => c.service.id === 'social-aid-maslikhat-categories',
    );
    expect(noTerm?.plan).toEqual({ ok: false, reason: 'catalog:errors.termNotStated' });
    expect(registrable.some((id) => elsewhere.includes(id))).toBe(false);
  });

  test('a service filed elsewhere names the offices and their terms', () => {
    const where = elsewhereFor('housing-aid', '2026-11-23T10:00', 'akim');
    expect(where.ok && where.registrableAtAkimat).toBe(false);
    expect(where.ok && where.text?.ru).toMatch(/Уполномоченный орган/);
    expect(where.ok && where.channels.map((c) => c.route)).toEqual([
      'authorizedBody',
      'serviceCenter',
    ]);
  });

  test('the office’s own hours are the ones the desk plans with', () => {
    const own = officeHoursOf(office);
    expect(own.working).toEqual({
      open: '09:00',
      close: '17:00',
      lunch: { from: '13:00', to: '14:00' },
    });
    expect(own.intake.close).toBe('16:30');
    expect(defaults.working.close).toBe('18:00');
  });

  test('R-REG-1: under the 2012 rules a package is registered the day it is handed in, whatever the hours', () => {
    // The term runs from handing in the documents (001:11109 / 4873): after the office closed at
    // 17:00, the registration date is still the day of receipt.
    const own = officeHoursOf(office);
    const late = planFor(
      'targeted-social-assistance',
      '2026-11-23T17:30',
      calendar,
      own.working,
      'akim',
    );
    expect(late.ok && late.plan.start.date).toBe('2026-11-23');
    const usual = planFor(
      'targeted-social-assistance',
      '2026-11-23T17:30',
      calendar,
      defaults.working,
      'akim',
    );
    expect(usual.ok && usual.plan.start).toEqual(late.ok && late.plan.start);
  });

  test('the certificate is due 15 minutes after receipt, at the akimat itself', () => {
    const plan = planFor(
      'asp-recipient-certificate',
      '2026-11-23T10:00',
      calendar,
      defaults.working,
      'akim',
    );
    expect(plan.ok && plan.plan.due).toEqual({ kind: 'dateTime', at: '2026-11-23T10:15' });
    expect(plan.ok && plan.plan.caseRoute).toBe('akimLocal');
  });

  test('a year the calendar data does not cover is a message, not a crash', () => {
    const plan = planFor(
      'targeted-social-assistance',
      '2031-03-03T10:00',
      calendar,
      defaults.working,
      'akim',
    );
    expect(plan).toEqual({
      ok: false,
      reason: 'calendar:errors.yearMissing',
      params: { year: 2031 },
    });
  });
});

// Issue 9 §9: an application filed at the district department itself (003:13, «көрсетілетін қызметті
// беруші» accepts it) is planned on the provider's own route, the catalog's 'authorizedBody'.
describe('services at the district department’s desk', () => {
  const route = intakeRouteOf('district');

  test('the district plans on the authorizedBody route with that route’s term, and every case is its own', () => {
    expect(route).toBe('authorizedBody');
    // Child benefits: 30 calendar days at the akim, 10 working days at the provider (001:7130-7131).
    const atDistrict = planFor(
      'child-benefit-under-18',
      '2026-11-23T10:00',
      calendar,
      defaults.working,
      route,
    );
    const atAkimat = planFor(
      'child-benefit-under-18',
      '2026-11-23T10:00',
      calendar,
      defaults.working,
      'akim',
    );
    expect(atDistrict.ok && atDistrict.plan.route).toBe('authorizedBody');
    expect(atDistrict.ok && atDistrict.plan.term).toEqual({ amount: 10, unit: 'workingDays' });
    expect(atAkimat.ok && atAkimat.plan.term).toEqual({ amount: 30, unit: 'calendarDays' });
    expect(atDistrict.ok && atDistrict.plan.caseRoute).toBe('district');
    // The certificate too is decided and signed at the district: no akimat step on this route.
    const certificate = planFor(
      'asp-recipient-certificate',
      '2026-11-23T10:00',
      calendar,
      defaults.working,
      route,
    );
    expect(certificate.ok && certificate.plan.caseRoute).toBe('district');
  });

  test('services the akim does not accept are registrable at the district', () => {
    const choices = serviceChoices('2026-11-23T10:00', calendar, defaults.working, route);
    const registrable = choices.registrable.map((c) => c.service.id);
    expect(registrable).toEqual(
      expect.arrayContaining([
        'housing-aid',
        'unemployed-registration',
        'targeted-social-assistance',
      ]),
    );
    // No term stated on the provider's route either.
    expect(choices.elsewhere.map((c) => c.service.id)).toEqual(['social-aid-maslikhat-categories']);
  });

  test('where else to apply never names the desk’s own route', () => {
    const where = elsewhereFor('housing-aid', '2026-11-23T10:00', route);
    expect(where.ok && where.channels.map((c) => c.route)).toEqual(['serviceCenter']);
  });
});
