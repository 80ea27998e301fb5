import { describe, expect, test } from 'vitest';
import { payloadSchemas, receivedApplication } from '../../../../../shared/case';
import { sampleRegistered } from '../../../../../shared/case/testing';
import { governingService } from '../../../../../shared/catalog';
import {
  buildCorrection,
  correctionDefaults,
  correctionFieldOf,
  type CorrectionChecks,
  type CorrectionValues,
} from './application-correction-form';

// The correction form's payload: only the sections that differ from the application as it stands, the
// typed values checked the intake's way, and every schema problem mapped back to its field.

const current = receivedApplication(sampleRegistered());
const checks: CorrectionChecks = {
  service: governingService('targeted-social-assistance', null, '2025-03-03'),
  today: '2025-03-05',
  receivedOn: '2025-03-03',
};
const start = (): CorrectionValues => ({
  ...correctionDefaults(current, 'ru'),
  reason: 'Опечатка',
});

describe('the correction form', () => {
  test('untouched, it corrects nothing: the schema asks for at least one section', () => {
    const built = buildCorrection(start(), current, checks);
    expect(built.errors).toEqual({});
    expect(built.payload).toEqual({ reason: 'Опечатка' });
    const parsed = payloadSchemas.ApplicationCorrected.safeParse(built.payload);
    expect(parsed.error?.issues[0]?.message).toBe('case:validation.correctionEmpty');
    expect(correctionFieldOf(parsed.error?.issues[0]?.path.join('.') ?? '')).toBe('sections');
  });

  test('a changed surname sends the applicant section only, with the phone as stored', () => {
    const v = start();
    v.applicant.lastName = 'Сейтова';
    const built = buildCorrection(v, current, checks);
    expect(built.errors).toEqual({});
    expect(built.payload).toEqual({
      reason: 'Опечатка',
      applicant: { ...current.applicant, lastName: 'Сейтова' },
    });
    expect(payloadSchemas.ApplicationCorrected.safeParse(built.payload).success).toBe(true);
  });

  test('typed values are checked as at intake: Latin look-alikes, no such date, a future date', () => {
    const v = start();
    v.applicant.lastName = 'Ceйтова'; // a Latin C
    v.family[0] = {
      ...(v.family[0] as CorrectionValues['family'][number]),
      birthDate: '31.02.2015',
    };
    v.incomes[0] = {
      ...(v.incomes[0] as CorrectionValues['incomes'][number]),
      periodTo: '01.01.2026',
    };
    const built = buildCorrection(v, current, checks);
    expect(built.errors).toEqual({
      'applicant.lastName': 'inputChecks:name.latinLookalike',
      'family.0.birthDate': 'inputChecks:date.noSuchDate',
      'incomes.0.periodTo': 'inputChecks:date.future',
    });
  });

  test('a representative added, then the applicant acting in person again', () => {
    const v = start();
    v.representative = {
      enabled: true,
      name: 'Омаров Данияр',
      iin: '',
      poaNumber: '17',
      poaDate: '01.03.2025',
      poaIssuer: 'Нотариус Иванова Л. М.',
      notarized: true,
    };
    const built = buildCorrection(v, current, checks);
    expect(built.errors).toEqual({});
    expect(built.payload).toEqual({
      reason: 'Опечатка',
      representation: {
        representative: {
          name: 'Омаров Данияр',
          powerOfAttorney: {
            number: '17',
            date: '2025-03-01',
            issuer: 'Нотариус Иванова Л. М.',
            notarized: true,
          },
        },
      },
    });
    const withOne = receivedApplication(
      sampleRegistered({
        representative: {
          name: 'Омаров Данияр',
          powerOfAttorney: { number: '17', date: '2025-03-01', issuer: 'Нотариус' },
        },
      }),
    );
    const off = { ...correctionDefaults(withOne, 'ru'), reason: 'Пришла сама' };
    off.representative.enabled = false;
    expect(buildCorrection(off, withOne, checks).payload).toEqual({
      reason: 'Пришла сама',
      representation: {},
    });
  });

  test('a representative stored with notarized: false is not sent back as a change', () => {
    const withOne = receivedApplication(
      sampleRegistered({
        representative: {
          name: 'Ахметов Бауыржан Серікұлы',
          powerOfAttorney: {
            number: '1-234',
            date: '2025-02-20',
            issuer: 'Нотариус',
            notarized: false,
          },
        },
      }),
    );
    const untouched = { ...correctionDefaults(withOne, 'kk'), reason: 'Тексеру' };
    expect(buildCorrection(untouched, withOne, checks).payload).toEqual({ reason: 'Тексеру' });
  });

  test('schema paths map back to the fields that hold them', () => {
    expect(correctionFieldOf('familyMembers.1.firstName')).toBe('family.1.firstName');
    expect(correctionFieldOf('applicantIncomes.0.amountTiyn')).toBe('incomes.0.amount');
    expect(correctionFieldOf('representation.representative.powerOfAttorney.issuer')).toBe(
      'representative.poaIssuer',
    );
    expect(correctionFieldOf('applicant.address')).toBe('applicant.address');
  });
});
