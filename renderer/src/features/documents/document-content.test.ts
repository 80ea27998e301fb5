import { webcrypto } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { foldCase, type CaseState } from '../../../../shared/case';
import { samplePath } from '../../../../shared/case/testing';
import type { OfficeProfile } from '../../../../shared/office';
import {
  canonicalJson,
  generateSigningKeyPair,
  exportPublicKey,
  publicKeyFingerprint,
  signCanonical,
  type SubtleCryptoLike,
} from '../../../../shared/signing';
import {
  certificateCandidates,
  certificateDocument,
  contentDigest,
  personName,
  registerDocument,
  resultNoticeDocument,
  tsaQuarterOf,
} from './document-content';

/** The value, or a failed test when it is missing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const subtle = webcrypto.subtle as unknown as SubtleCryptoLike;

const office: OfficeProfile = {
  officeId: 'office-1',
  nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Кызылсайского сельского округа',
  code: 'KZL01',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Қызылсай ауылы, Бейбітшілік көшесі, 1',
  deviceNo: 1,
  deviceId: 'desk-1',
  workingHours: { opensAt: '09:00', closesAt: '18:00', lunchFrom: '13:00', lunchTo: '14:00' },
  intakeHours: { opensAt: '09:00', closesAt: '17:30', lunchFrom: '13:00', lunchTo: '14:30' },
  lockAfterMinutes: 15,
};

const certificateCase = (): CaseState => foldCase(samplePath([['Registered', 'specialist', 1]]));

describe('personName', () => {
  test('joins the parts the applicant has, without empty patronymics', () => {
    expect(
      personName({ lastName: 'Сейітова', firstName: 'Әйгерім', patronymic: 'Қайратқызы' }),
    ).toBe('Сейітова Әйгерім Қайратқызы');
    expect(personName({ lastName: 'Ivanov ', firstName: ' Ivan', patronymic: ' ' })).toBe(
      'Ivanov Ivan',
    );
  });
});

describe('tsaQuarterOf', () => {
  test.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-11-23', '2026-Q4'],
  ])('%s is in %s', (date, quarter) => {
    expect(tsaQuarterOf(date)).toBe(quarter);
  });
});

describe('certificateDocument (R-CERT-3: both variants)', () => {
  test('R-CERT-3 "belongs" names the quarter and the family members of the register row', () => {
    const state = certificateCase();
    const doc = certificateDocument(
      state,
      office,
      { result: 'belongs', number: 'С-3', date: '2025-03-03' },
      { quarter: '2025-Q1', familyMembers: ['Сейітов Нұрлан', 'Сейітова Дана'] },
    );
    expect(doc).toMatchObject({
      type: 'tsaRecipientCertificate',
      caseId: state.caseId,
      registrationNumber: state.registrationNumber,
      result: 'belongs',
      number: 'С-3',
      quarter: '2025-Q1',
      applicant: { iin: '850315400124', name: 'Сейітова Әйгерім Қайратқызы' },
      familyMembers: ['Сейітов Нұрлан', 'Сейітова Дана'],
      office: { officeId: 'office-1', nameKk: office.nameKk, nameRu: office.nameRu },
    });
  });

  test('R-CERT-3 "does not belong" lists nobody and speaks of the quarter of its date', () => {
    const doc = certificateDocument(
      certificateCase(),
      office,
      { result: 'doesNotBelong', number: 'С-4', date: '2025-05-20' },
      { quarter: '2025-Q1', familyMembers: ['Сейітов Нұрлан'] },
    );
    expect(doc).toMatchObject({ result: 'doesNotBelong', quarter: '2025-Q2', familyMembers: [] });
  });

  test('the same inputs give the same canonical bytes, whatever language is printed', () => {
    const issue = { result: 'belongs', number: 'С-3', date: '2025-03-03' } as const;
    const recipient = { quarter: '2025-Q1', familyMembers: ['Сейітов Нұрлан'] };
    const a = certificateDocument(certificateCase(), office, issue, recipient);
    const b = certificateDocument(certificateCase(), { ...office }, { ...issue }, { ...recipient });
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    const other = certificateDocument(
      certificateCase(),
      office,
      { ...issue, number: 'С-5' },
      recipient,
    );
    expect(canonicalJson(other)).not.toBe(canonicalJson(a));
  });

  test('a case that was never registered cannot be certified', () => {
    const refused = foldCase(samplePath([['AcceptanceRefused', 'specialist', 1]]));
    expect(() =>
      certificateDocument(
        refused,
        office,
        { result: 'belongs', number: '1', date: '2025-03-03' },
        null,
      ),
    ).toThrow(RangeError);
  });
});

describe('registerDocument', () => {
  const rows = [
    {
      id: 'c1',
      number: 'KZL01-1-0001/2026',
      date: '2026-03-02',
      iin: '850315400124',
      applicantName: 'Сейітова Әйгерім Қайратқызы',
      serviceId: 'child-benefit-under-18',
    },
    {
      id: 'c2',
      number: 'KZL01-1-0002/2026',
      date: '2026-03-03',
      iin: '900101300123',
      applicantName: 'Иванов Иван',
      serviceId: 'fuel-aid-rural-social-specialists',
    },
  ];
  const register = {
    id: 'r1',
    number: 'KZL01-1-R1/2026',
    date: '2026-03-04',
    caseIds: ['c2', 'c1'],
  };

  test('lists the cases in the order of the register', () => {
    const doc = registerDocument(register, rows, office) as {
      cases: { caseId: string; registrationNumber: string }[];
    };
    expect(doc.cases.map((c) => c.caseId)).toEqual(['c2', 'c1']);
    expect(doc.cases[1]).toMatchObject({
      registrationNumber: 'KZL01-1-0001/2026',
      registrationDate: '2026-03-02',
      iin: '850315400124',
      applicantName: 'Сейітова Әйгерім Қайратқызы',
      serviceId: 'child-benefit-under-18',
    });
  });

  test('extra rows are not signed, a missing row is refused', () => {
    const one = registerDocument({ ...register, caseIds: ['c1'] }, rows, office) as {
      cases: unknown[];
    };
    expect(one.cases).toHaveLength(1);
    expect(() => registerDocument({ ...register, caseIds: ['c1', 'c3'] }, rows, office)).toThrow(
      /c3/,
    );
  });

  test('a signature over the content matches the digest the print view recomputes', async () => {
    const pair = await generateSigningKeyPair(subtle);
    const keyId = await publicKeyFingerprint(subtle, await exportPublicKey(subtle, pair.publicKey));
    const content = registerDocument(register, rows, office);
    const signature = await signCanonical(subtle, { privateKey: pair.privateKey, keyId }, content);
    expect(
      await contentDigest(subtle, registerDocument(register, [...rows].reverse(), office)),
    ).toBe(signature.signedDigest);
    const changed = [{ ...must(rows[0]), applicantName: 'Басқа адам' }, must(rows[1])];
    expect(await contentDigest(subtle, registerDocument(register, changed, office))).not.toBe(
      signature.signedDigest,
    );
  });
});

describe('resultNoticeDocument (R-DEC-1)', () => {
  const decided = (variant: number): CaseState =>
    foldCase(
      samplePath([
        ['Registered', 'specialist', 0],
        ['ResolutionImposed', 'akim'],
        ['ForwardedToDistrict', 'specialist'],
        ['DistrictResultRecorded', 'specialist', variant],
      ]),
    );

  test('R-DEC-1 a grant is an app. 6 notice with amount', () => {
    expect(resultNoticeDocument(decided(0), office)).toMatchObject({
      form: 'app6',
      decision: { outcome: 'grant', number: '118', amountTiyn: 2_500_000 },
    });
  });

  test('R-DEC-1 R-DEC-6 a refusal is an app. 7 notice carrying its justification', () => {
    expect(resultNoticeDocument(decided(1), office)).toMatchObject({
      form: 'app7',
      decision: { outcome: 'refuse', justification: 'Жан басына шаққандағы табыс шектен жоғары' },
    });
  });

  test('no decision, no notice', () => {
    expect(() => resultNoticeDocument(certificateCase(), office)).toThrow(RangeError);
  });
});

describe('certificateCandidates', () => {
  test('one of them is what the signer built, whichever quarter row was used', async () => {
    const base = certificateCase();
    const state: CaseState = {
      ...base,
      certificate: { result: 'belongs', number: 'С-9', date: '2025-04-01', documentDigest: 'x' },
    };
    const rows = [
      { quarter: '2025-Q1', familyMembers: ['Сейітов Нұрлан'] },
      { quarter: '2025-Q2', familyMembers: ['Сейітов Нұрлан', 'Сейітова Дана'] },
    ];
    const signed = certificateDocument(
      state,
      office,
      { result: 'belongs', number: 'С-9', date: '2025-04-01' },
      must(rows[0]),
    );
    const candidates = certificateCandidates(state, office, rows);
    expect(candidates.map((c) => c.quarter).sort()).toEqual(['2025-Q1', '2025-Q2']);
    const digests = await Promise.all(candidates.map((c) => contentDigest(subtle, c)));
    expect(digests).toContain(await contentDigest(subtle, signed));
  });

  test('a certificate that states its quarter and family is rebuilt from the event alone', async () => {
    const base = certificateCase();
    const issue = { result: 'belongs' as const, number: 'С-10', date: '2025-04-01' };
    const stated = { quarter: '2025-Q2', familyMembers: ['Сейітов Нұрлан'] };
    const signed = certificateDocument(base, office, { ...issue, quarter: stated.quarter }, stated);
    const state: CaseState = {
      ...base,
      certificate: { ...issue, documentDigest: 'x', ...stated },
    };
    // The local register has changed since (another family list): the certificate still matches.
    const changedRows = [{ quarter: '2025-Q2', familyMembers: ['Сейітова Дана'] }];
    const candidates = certificateCandidates(state, office, changedRows);
    expect(candidates).toHaveLength(1);
    expect(await contentDigest(subtle, must(candidates[0]))).toBe(
      await contentDigest(subtle, signed),
    );
  });

  test('no certificate, no candidates', () => {
    expect(certificateCandidates(certificateCase(), office, [])).toEqual([]);
  });
});
