import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import type { OfficeProfile } from '../../../../shared/office';
import { elsewhereFor, officeHoursOf, planFor, serviceChoices } from './service-choices';

const calendar = createWorkingCalendar();
const defaults = officeHoursOf(null);

const office: OfficeProfile = {
  officeId: 'office-kzl01',
  nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Кызылсайского сельского округа',
  code: 'KZL01',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Қызылсай ауылы',
  deviceNo: 1,
  deviceId: 'desk-1',
  // An office that closes at 17:00.
  workingHours: { opensAt: '09:00', closesAt: '17:00', lunchFrom: '13:00', lunchTo: '14:00' },
  intakeHours: { opensAt: '09:00', closesAt: '16:30', lunchFrom: '13:00', lunchTo: '14:00' },
  lockAfterMinutes: 10,
};

describe('services at the desk', () => {
  test('the registrable services come apart from those filed elsewhere', () => {
    const choices = serviceChoices('2026-11-23T10:00', calendar, defaults.working);
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
    const where = elsewhereFor('housing-aid', '2026-11-23T10:00');
    expect(where.ok && where.registrableAtAkimat).toBe(false);
    expect(where.ok && where.text?.ru).toMatch(/Уполномоченный орган/);
    expect(where.ok && where.channels.map((c) => c.route)).toEqual([
      'authorizedBody',
      'serviceCenter',
    ]);
  });

  test('R-REG-1: the office’s own working hours decide the registration date', () => {
    const own = officeHoursOf(office);
    const late = planFor('targeted-social-assistance', '2026-11-23T17:30', calendar, own.working);
    expect(late.ok && late.plan.start.date).toBe('2026-11-24');
    const usual = planFor(
      'targeted-social-assistance',
      '2026-11-23T17:30',
      calendar,
      defaults.working,
    );
    expect(usual.ok && usual.plan.start.date).toBe('2026-11-23');
    // Saturday → Monday.
    const saturday = planFor(
      'fuel-aid-rural-social-specialists',
      '2026-11-28T11:00',
      calendar,
      own.working,
    );
    expect(saturday.ok && saturday.plan.start.date).toBe('2026-11-30');
  });

  test('the certificate is due 15 minutes after receipt, at the akimat itself', () => {
    const plan = planFor(
      'asp-recipient-certificate',
      '2026-11-23T10:00',
      calendar,
      defaults.working,
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
    );
    expect(plan).toEqual({
      ok: false,
      reason: 'calendar:errors.yearMissing',
      params: { year: 2031 },
    });
  });
});
