import { describe, expect, test } from 'vitest';
import { ruleSetInForce, type ServiceDefinition } from '../../../../shared/catalog';
import {
  checkIntake,
  intakeNotes,
  documentStateOptions,
  emptyIntake,
  intakeMode,
  serviceNeeds,
  type IntakeFormValues,
  checkIncomes,
  checkRepresentative,
  incomeValuesOf,
  representativeValuesOf,
} from './intake-model';

const TODAY = '2026-11-23';

function service(id: string): ServiceDefinition {
  const found = ruleSetInForce(id, TODAY);
  if (!found.ok) throw new Error(`no ${id} in force`);
  return found.service;
}

const TSA = service('targeted-social-assistance');
const CERTIFICATE = service('asp-recipient-certificate');
const FUEL = service('fuel-aid-rural-social-specialists');

/** Every document of the service marked "presented". */
function allPresented(s: ServiceDefinition): IntakeFormValues['documents'] {
  return Object.fromEntries(
    serviceNeeds(s, 'akim').documents.map((d) => [d.id, 'presented' as const]),
  );
}

function filled(s: ServiceDefinition, patch: Partial<IntakeFormValues> = {}): IntakeFormValues {
  const base = emptyIntake('kk');
  return {
    ...base,
    serviceId: s.id,
    applicant: {
      iin: ' 850315400124 ',
      lastName: ' Сейітова ',
      firstName: 'Әйгерім',
      patronymic: 'Қайратқызы',
      address: 'Қызылсай ауылы, Бейбітшілік көшесі, 12',
      phone: '8 (701) 123-45-67',
      inMobileCitizensDb: true,
    },
    documents: allPresented(s),
    consents: { personalData: true, protectedInformation: true },
    ...patch,
  };
}

describe('what a service asks for', () => {
  test('at the district department the checklist is the provider route’s: housing aid asks for the title and household papers too (issue 9 §9)', () => {
    const HOUSING = service('housing-aid');
    const akim = serviceNeeds(HOUSING, 'akim').documents.map((d) => d.id);
    const district = serviceNeeds(HOUSING, 'authorizedBody').documents.map((d) => d.id);
    expect(district).toEqual(
      expect.arrayContaining(['title-document-copy', 'household-register-copy']),
    );
    expect(akim).not.toContain('title-document-copy');
    // A package checked against the akim's list is not complete at the district.
    const values = filled(HOUSING, {
      documents: Object.fromEntries(akim.map((id) => [id, 'presented' as const])),
    });
    const result = checkIntake(values, { service: HOUSING, today: TODAY, route: 'authorizedBody' });
    expect(!result.ok && result.errors['documents.title-document-copy']).toBeTruthy();
    const complete = filled(HOUSING, {
      documents: Object.fromEntries(district.map((id) => [id, 'presented' as const])),
    });
    expect(
      checkIntake(complete, { service: HOUSING, today: TODAY, route: 'authorizedBody' }).ok,
    ).toBe(true);
  });

  test('family members and incomes for targeted social assistance, from its documents', () => {
    const needs = serviceNeeds(TSA, 'akim');
    expect(needs.familyMembers).toBe(true);
    expect(needs.incomes).toBe(true);
    expect(needs.notarizedPowerOfAttorney).toBe(false);
  });

  test('child benefits ask for the family too; fuel aid and the certificate do not', () => {
    expect(serviceNeeds(service('child-benefit-under-18'), 'akim').familyMembers).toBe(true);
    expect(serviceNeeds(FUEL, 'akim').familyMembers).toBe(false);
    expect(serviceNeeds(CERTIFICATE, 'akim').familyMembers).toBe(false);
  });

  test('R-REG-2: the certificate needs a notarized power of attorney (002:15)', () => {
    expect(serviceNeeds(CERTIFICATE, 'akim').notarizedPowerOfAttorney).toBe(true);
    expect(serviceNeeds(CERTIFICATE, 'akim').citedConsents.map((c) => c.id)).toEqual([
      'protectedSecrets',
    ]);
  });

  test('R-CERT-4: only a waivable document may be confirmed by an information system', () => {
    const docs = serviceNeeds(CERTIFICATE, 'akim').documents;
    const identity = docs.find((d) => d.id === 'identity-document');
    const application = docs.find((d) => d.id === 'application');
    const poa = docs.find((d) => d.id === 'notarized-power-of-attorney');
    expect(identity && documentStateOptions(identity)).toEqual([
      'presented',
      'confirmedByInformationSystem',
      'missing',
      'expired',
    ]);
    expect(application && documentStateOptions(application)).toEqual(['presented', 'missing']);
    expect(poa && documentStateOptions(poa)).toEqual([
      'presented',
      'notApplicable',
      'missing',
      'expired',
    ]);
    const optional = serviceNeeds(TSA, 'akim').documents.find((d) => d.requirement === 'optional');
    expect(optional).toBeUndefined();
  });
});

describe('checking the typed intake', () => {
  test('text typed with a decomposed letter (и + ◌̆) is saved as one NFC letter (й)', () => {
    const decomposed = (text: string) => text.normalize('NFD');
    const typed = filled(TSA, {
      applicant: {
        ...filled(TSA).applicant,
        lastName: decomposed('Майлыбаева'),
        firstName: decomposed('Айгүл'),
        address: decomposed('Қызылсай ауылы, Бейбітшілік көшесі, 12'),
      },
      representative: {
        enabled: true,
        name: decomposed('Ыбырай Әлия'),
        iin: '',
        poaNumber: '12',
        poaDate: '01.11.2026',
        poaIssuer: decomposed('Нотариус Йсаева'),
        notarized: true,
      },
    });
    expect(typed.applicant.lastName).not.toBe('Майлыбаева');
    const result = checkIntake(typed, { service: TSA, today: TODAY, route: 'akim' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.applicant.lastName).toBe('Майлыбаева');
    expect(result.data.applicant.firstName).toBe('Айгүл');
    expect(result.data.applicant.address).toBe('Қызылсай ауылы, Бейбітшілік көшесі, 12');
    expect(result.data.representative?.name).toBe('Ыбырай Әлия');
    expect(result.data.representative?.powerOfAttorney.issuer).toBe('Нотариус Йсаева');
  });

  test('a complete TSA application gives the payload parts, with IIN-derived birth date and sex', () => {
    const values = filled(TSA, {
      familyMembers: [
        {
          lastName: 'Сейітов',
          firstName: 'Нұрлан',
          patronymic: '',
          birthDate: '1.6.2015',
          relation: 'child',
          iin: '150601500129',
          incomes: [],
        },
      ],
      applicantIncomes: [
        { source: 'Жалақы', amount: '45 000,50', periodFrom: '01.08.2026', periodTo: '31.10.2026' },
      ],
    });
    const result = checkIntake(values, { service: TSA, today: TODAY, route: 'akim' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.mode).toBe('register');
    expect(result.data.applicant).toEqual({
      iin: '850315400124',
      lastName: 'Сейітова',
      firstName: 'Әйгерім',
      patronymic: 'Қайратқызы',
      birthDate: '1985-03-15',
      sex: 'F',
      address: 'Қызылсай ауылы, Бейбітшілік көшесі, 12',
      phone: '+77011234567',
      inMobileCitizensDb: true,
      // Prefilled from the interface language (emptyIntake('kk')): correspondence in Kazakh.
      language: 'kk',
    });
    expect(result.data.familyMembers).toEqual([
      {
        iin: '150601500129',
        lastName: 'Сейітов',
        firstName: 'Нұрлан',
        birthDate: '2015-06-01',
        relation: 'child',
        incomes: [],
      },
    ]);
    expect(result.data.applicantIncomes).toEqual([
      { source: 'Жалақы', amountTiyn: 4_500_050, periodFrom: '2026-08-01', periodTo: '2026-10-31' },
    ]);
    expect(result.data.documents).toContainEqual({ documentId: 'application', state: 'presented' });
    expect(result.data.representative).toBeUndefined();
  });

  test('every field error is a message key under the field it belongs to', () => {
    const values = filled(TSA, {
      applicant: {
        iin: '850315400125',
        lastName: ' ',
        firstName: 'Әйгерім',
        patronymic: '',
        address: '',
        phone: '+7 727 123 45 67',
        inMobileCitizensDb: false,
      },
      documents: {},
    });
    const result = checkIntake(values, { service: TSA, today: TODAY, route: 'akim' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      'applicant.iin': 'identity:iin.checksum',
      'applicant.lastName': 'case:validation.required',
      'applicant.address': 'case:validation.required',
      'applicant.phone': 'identity:phone.landline',
      'documents.application': 'intake:errors.documentState',
    });
    expect(result.errors['applicant.birthDate']).toBeUndefined();
  });

  test('R-DEC-2: the mobile citizens’ database flag needs a phone number', () => {
    const values = filled(FUEL);
    values.applicant.phone = '';
    const result = checkIntake(values, { service: FUEL, today: TODAY, route: 'akim' });
    expect(!result.ok && result.errors['applicant.phone']).toBe(
      'case:validation.phoneRequiredForMobileDb',
    );
  });

  test('no service chosen is an error of the service field', () => {
    const result = checkIntake(filled(FUEL), { service: null, today: TODAY, route: 'akim' });
    expect(!result.ok && result.errors['serviceId']).toBe('intake:errors.serviceRequired');
  });

  test('R-REG-7: registration without both consents says which one is missing', () => {
    const values = filled(FUEL, { consents: { personalData: true, protectedInformation: false } });
    const result = checkIntake(values, { service: FUEL, today: TODAY, route: 'akim' });
    expect(!result.ok && result.errors).toEqual({
      'consents.protectedInformation': 'intake:errors.consentRequired',
    });
  });

  test('R-REG-6: an expired required document turns the intake into a refusal, without consents or family', () => {
    const values = filled(TSA, {
      documents: { ...allPresented(TSA), 'family-income': 'expired' },
      consents: { personalData: false, protectedInformation: false },
      familyMembers: [
        {
          lastName: '',
          firstName: '',
          patronymic: '',
          birthDate: '',
          relation: '',
          iin: '',
          incomes: [],
        },
      ],
    });
    expect(intakeMode(values.documents, serviceNeeds(TSA, 'akim').documents)).toBe('refuse');
    const result = checkIntake(values, { service: TSA, today: TODAY, route: 'akim' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.mode).toBe('refuse');
    expect(result.data.familyMembers).toBeUndefined();
    expect(result.data.documents).toContainEqual({ documentId: 'family-income', state: 'expired' });
  });

  test('R-REG-2: a representative needs the power of attorney: number, date and issuer', () => {
    const values = filled(FUEL, {
      representative: {
        enabled: true,
        name: 'Ахметов Бауыржан',
        iin: '',
        poaNumber: '',
        poaDate: '31.12.2026',
        poaIssuer: '',
        notarized: false,
      },
    });
    const result = checkIntake(values, { service: FUEL, today: TODAY, route: 'akim' });
    expect(!result.ok && result.errors).toEqual({
      'representative.poaNumber': 'case:validation.required',
      'representative.poaDate': 'inputChecks:date.future',
      'representative.poaIssuer': 'case:validation.required',
    });
  });

  test('R-REG-2: the certificate refuses a power of attorney that is not notarized', () => {
    const representative = {
      enabled: true,
      name: 'Ахметов Бауыржан',
      iin: '900101300552',
      poaNumber: '1-234',
      poaDate: '20.11.2026',
      poaIssuer: 'Нотариус Иванова Л.',
      notarized: false,
    };
    const values = filled(CERTIFICATE, { representative });
    const refused = checkIntake(values, { service: CERTIFICATE, today: TODAY, route: 'akim' });
    expect(!refused.ok && refused.errors).toEqual({
      'representative.notarized': 'case:rejections.notarizedPowerOfAttorneyRequired',
    });
    values.representative.notarized = true;
    const ok = checkIntake(values, { service: CERTIFICATE, today: TODAY, route: 'akim' });
    expect(ok.ok && ok.data.representative).toEqual({
      name: 'Ахметов Бауыржан',
      iin: '900101300552',
      powerOfAttorney: {
        number: '1-234',
        date: '2026-11-20',
        issuer: 'Нотариус Иванова Л.',
        notarized: true,
      },
    });
  });

  test('incomes: amount in tenge, real dates (31.02 is no such date), period in order', () => {
    const values = filled(TSA, {
      applicantIncomes: [
        { source: 'Зейнетақы', amount: '12,345', periodFrom: '31.02.2026', periodTo: '' },
        { source: '', amount: '100', periodFrom: '01.10.2026', periodTo: '01.09.2026' },
      ],
    });
    const result = checkIntake(values, { service: TSA, today: TODAY, route: 'akim' });
    expect(!result.ok && result.errors).toEqual({
      'applicantIncomes.0.amount': 'intake:errors.amount',
      'applicantIncomes.0.periodFrom': 'inputChecks:date.noSuchDate',
      'applicantIncomes.0.periodTo': 'case:validation.required',
      'applicantIncomes.1.source': 'case:validation.required',
      'applicantIncomes.1.periodTo': 'case:validation.periodOrder',
    });
  });

  test('a family member’s birth date must agree with their IIN', () => {
    const values = filled(TSA, {
      familyMembers: [
        {
          lastName: 'Сейітов',
          firstName: 'Нұрлан',
          patronymic: '',
          birthDate: '02.06.2015',
          relation: '',
          iin: '150601500129',
          incomes: [],
        },
      ],
    });
    const result = checkIntake(values, { service: TSA, today: TODAY, route: 'akim' });
    expect(!result.ok && result.errors).toEqual({
      'familyMembers.0.birthDate': 'intake:errors.birthDateIinMismatch',
      'familyMembers.0.relation': 'case:validation.choice',
    });
  });
});

describe('input a careful specialist would question (issue 10 §3)', () => {
  const CHILD_BENEFIT = service('child-benefit-under-18');

  test('a name typed with Latin look-alikes is refused; its Cyrillic twin passes', () => {
    const latin = filled(TSA, {
      applicant: { ...filled(TSA).applicant, lastName: 'Ceйiтовa', firstName: 'Aйгерім' },
      familyMembers: [
        {
          lastName: 'Сейітов',
          firstName: 'Nurlan',
          patronymic: '',
          birthDate: '01.06.2015',
          relation: 'child',
          iin: '',
          incomes: [],
        },
      ],
    });
    const result = checkIntake(latin, { service: TSA, today: TODAY, route: 'akim' });
    expect(!result.ok && result.errors).toEqual({
      'applicant.lastName': 'inputChecks:name.latinLookalike',
      'applicant.firstName': 'inputChecks:name.latinLookalike',
      'familyMembers.0.firstName': 'inputChecks:name.notCyrillic',
    });
  });

  test('a name part too long for the printed line is refused', () => {
    const values = filled(FUEL, {
      applicant: { ...filled(FUEL).applicant, lastName: 'Ә'.repeat(41) },
    });
    const result = checkIntake(values, { service: FUEL, today: TODAY, route: 'akim' });
    expect(!result.ok && result.errors).toEqual({
      'applicant.lastName': 'inputChecks:name.tooLong',
    });
  });

  test('an applicant under 18 applies through a legal representative (catalog inputBounds)', () => {
    // 100101600019: a girl born 01.01.2010, 16 on 23.11.2026.
    const minor = filled(FUEL, { applicant: { ...filled(FUEL).applicant, iin: '100101600019' } });
    const result = checkIntake(minor, { service: FUEL, today: TODAY, route: 'akim' });
    expect(!result.ok && result.errors).toEqual({
      'applicant.iin': 'inputChecks:age.applicantUnderAge',
    });
    const represented = checkIntake(
      {
        ...minor,
        representative: {
          enabled: true,
          name: 'Сейітова Гүлнар',
          iin: '',
          poaNumber: '12',
          poaDate: '01.11.2026',
          poaIssuer: 'Нотариус Әбенова',
          notarized: false,
        },
      },
      { service: FUEL, today: TODAY, route: 'akim' },
    );
    expect(represented.ok).toBe(true);
  });

  test('the child benefit notes a child of 18 or over, without refusing (001:7126)', () => {
    const member = (birthDate: string) => ({
      lastName: 'Сейітов',
      firstName: 'Нұрлан',
      patronymic: '',
      birthDate,
      relation: 'child' as const,
      iin: '',
      incomes: [],
    });
    const values = filled(CHILD_BENEFIT, {
      familyMembers: [member('23.11.2008'), member('24.11.2008')],
    });
    expect(intakeNotes(values, { service: CHILD_BENEFIT, today: TODAY, route: 'akim' })).toEqual({
      'familyMembers.0.birthDate': 'inputChecks:age.childOverAge',
    });
    expect(intakeNotes(values, { service: TSA, today: TODAY, route: 'akim' })).toEqual({});
  });

  test('an income with an extra zero is questioned (catalog inputBounds.income)', () => {
    const values = filled(TSA, {
      applicantIncomes: [
        { source: 'Жалақы', amount: '8 500 000', periodFrom: '01.08.2026', periodTo: '31.10.2026' },
        {
          source: 'Зейнетақы',
          amount: '255 000',
          periodFrom: '01.08.2026',
          periodTo: '31.10.2026',
        },
      ],
    });
    const result = checkIntake(values, { service: TSA, today: TODAY, route: 'akim' });
    expect(!result.ok && result.errors).toEqual({
      'applicantIncomes.0.amount': 'inputChecks:amount.tooLarge',
    });
  });
});

describe('one mapping of the application for the intake and the correction', () => {
  const today = '2026-03-02';
  test('a stored representative and income read back through the form give the same facts', () => {
    const representative = {
      name: 'Омаров Данияр',
      iin: '850315400124',
      powerOfAttorney: {
        number: '17',
        date: '2025-03-01',
        issuer: 'Нотариус Иванова Л. М.',
        notarized: true,
      },
    };
    const values = representativeValuesOf(representative);
    expect(values).toMatchObject({ enabled: true, poaDate: '01.03.2025', notarized: true });
    const errors: Record<string, string> = {};
    expect(checkRepresentative(values, errors, today)).toEqual(representative);
    expect(errors).toEqual({});
    expect(representativeValuesOf(null).enabled).toBe(false);

    const income = {
      source: 'wages',
      amountTiyn: 8_500_050,
      periodFrom: '2025-10-01',
      periodTo: '2025-12-31',
    };
    const typed = incomeValuesOf(income, 'ru');
    expect(typed.periodFrom).toBe('01.10.2025');
    expect(checkIncomes([typed], errors, 'incomes.', today, null)).toEqual([income]);
    expect(errors).toEqual({});
  });

  test('the same problems on the same fields: a representative in Latin letters, an income period in the future', () => {
    const errors: Record<string, string> = {};
    const rep = checkRepresentative(
      {
        ...representativeValuesOf(null),
        enabled: true,
        name: 'Omarov',
        poaNumber: '1',
        poaDate: '01.03.2025',
        poaIssuer: 'Нотариус',
      },
      errors,
      today,
    );
    expect(rep).toBeUndefined();
    expect(errors['representative.name']).toBe('inputChecks:name.notCyrillic');
    checkIncomes(
      [{ source: 'wages', amount: '1000', periodFrom: '01.01.2026', periodTo: '31.12.2026' }],
      errors,
      'incomes.',
      today,
      null,
    );
    expect(errors['incomes.0.periodTo']).toBe('inputChecks:date.future');
  });
});
