import { webcrypto } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { foldCase, type CaseEvent, type CaseState } from '../case';
import { sampleEvent, samplePath } from '../case/testing';
import { sampleOfficeProfile } from '../office/testing';
import {
  canonicalBytes,
  canonicalJson,
  generateSigningKeyPair,
  exportPublicKey,
  publicKeyFingerprint,
  sha256,
  signCanonical,
  toHex,
  type SubtleCryptoLike,
} from '../signing';
import {
  attachmentHashesOf,
  caseEventsSha256,
  certificateCandidates,
  certificateDocument,
  contentDigest,
  pickEvents,
  registerDocument,
  resultNoticeCandidates,
  resultNoticeDocument,
  tsaQuarterOf,
} from './document-content';

/** The value, or a failed test when it is missing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const subtle = webcrypto.subtle as unknown as SubtleCryptoLike;

const office = sampleOfficeProfile({
  officeId: 'office-1',
  deviceId: 'desk-1',
  lockAfterMinutes: 15,
});

const certificateCase = (): CaseState => foldCase(samplePath([['Registered', 'specialist', 1]]));

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
  // Two cases at the akimat, registered and resolved; the register lists them c2 first.
  const logOf = (caseId: string, start: number): CaseEvent[] =>
    samplePath(
      [
        ['Registered', 'specialist'],
        ['ResolutionImposed', 'akim'],
      ],
      { counter: start },
    ).map((e) => ({ ...e, caseId, id: `${caseId}-${e.id}` }));
  const c1 = logOf('c1', 1);
  const c2 = logOf('c2', 10);
  const logs = [
    { caseId: 'c1', events: c1 },
    { caseId: 'c2', events: c2 },
  ];
  const register = {
    id: 'r1',
    number: 'KZL01-1-R0001/2026',
    date: '2026-03-04',
    caseIds: ['c2', 'c1'],
  };

  test('lists the cases in the order of the register, each from its own folded events', async () => {
    const doc = await registerDocument(subtle, register, logs, office);
    expect(doc).toMatchObject({ type: 'coveringRegister', version: 2, number: register.number });
    expect(doc.cases.map((c) => c.caseId)).toEqual(['c2', 'c1']);
    expect(doc.cases[1]).toEqual({
      caseId: 'c1',
      registrationNumber: 'AK01-1-0001/2025',
      registrationDate: '2025-03-03',
      iin: '850315400124',
      applicantName: 'Сейітова Әйгерім Қайратқызы',
      serviceId: 'targeted-social-assistance',
      eventIds: c1.map((e) => e.id),
      eventsSha256: toHex(await sha256(subtle, canonicalBytes(c1))),
      attachments: ['a'.repeat(64)],
    });
  });

  test('the event hash is taken over the events sorted by (hlc, id), whatever order they came in', async () => {
    expect(await caseEventsSha256(subtle, [...c1].reverse())).toBe(
      toHex(await sha256(subtle, canonicalBytes(c1))),
    );
    const shuffled = await registerDocument(
      subtle,
      register,
      logs.map((l) => ({ ...l, events: [...l.events].reverse() })),
      office,
    );
    expect(canonicalJson(shuffled)).toBe(
      canonicalJson(await registerDocument(subtle, register, [...logs].reverse(), office)),
    );
  });

  test('extra logs are not signed; a missing, foreign or unregistered case is refused', async () => {
    const one = await registerDocument(subtle, { ...register, caseIds: ['c1'] }, logs, office);
    expect(one.cases).toHaveLength(1);
    await expect(
      registerDocument(subtle, { ...register, caseIds: ['c1', 'c3'] }, logs, office),
    ).rejects.toThrow(/c3/);
    const c2Log = { caseId: 'c2', events: c2 };
    await expect(
      registerDocument(subtle, register, [{ caseId: 'c1', events: c2 }, c2Log], office),
    ).rejects.toThrow(RangeError);
    const refused = samplePath([['AcceptanceRefused', 'specialist']]).map((e) => ({
      ...e,
      caseId: 'c1',
    }));
    await expect(
      registerDocument(subtle, register, [{ caseId: 'c1', events: refused }, c2Log], office),
    ).rejects.toThrow(/registration number/);
  });

  test('an income, a family member or the resolution changed in a log changes the content', async () => {
    const signedContent = await registerDocument(subtle, register, logs, office);
    const pair = await generateSigningKeyPair(subtle);
    const keyId = await publicKeyFingerprint(subtle, await exportPublicKey(subtle, pair.publicKey));
    const signature = await signCanonical(
      subtle,
      { privateKey: pair.privateKey, keyId },
      signedContent,
    );
    const withChanged = async (change: (e: CaseEvent) => CaseEvent) =>
      contentDigest(
        subtle,
        await registerDocument(
          subtle,
          register,
          [{ caseId: 'c1', events: c1.map(change) }, logs[1] ?? { caseId: 'c2', events: c2 }],
          office,
        ),
      );
    expect(await withChanged((e) => e)).toBe(signature.signedDigest);
    const income = await withChanged((e) =>
      e.type === 'Registered'
        ? {
            ...e,
            payload: {
              ...e.payload,
              applicantIncomes: [
                {
                  source: 'wages',
                  amountTiyn: 1_000,
                  periodFrom: '2024-10-01',
                  periodTo: '2024-12-31',
                },
              ],
            },
          }
        : e,
    );
    const family = await withChanged((e) =>
      e.type === 'Registered' ? { ...e, payload: { ...e.payload, familyMembers: [] } } : e,
    );
    const resolution = await withChanged((e) =>
      e.type === 'ResolutionImposed'
        ? { ...e, payload: { ...e.payload, text: 'Бас тартылсын' } }
        : e,
    );
    for (const digest of [income, family, resolution]) {
      expect(digest).not.toBe(signature.signedDigest);
    }
  });

  test('attachmentHashesOf names each scan once, sorted', () => {
    const registered = sampleEvent('Registered', { role: 'specialist', counter: 1 });
    const twice = {
      ...registered,
      payload: {
        ...registered.payload,
        attachments: [
          { sha256: 'c'.repeat(64), name: 'b.pdf', mime: 'application/pdf', size: 1 },
          { sha256: 'b'.repeat(64), name: 'a.pdf', mime: 'application/pdf', size: 1 },
          { sha256: 'c'.repeat(64), name: 'c.pdf', mime: 'application/pdf', size: 1 },
        ],
      },
    };
    expect(attachmentHashesOf([twice])).toEqual(['b'.repeat(64), 'c'.repeat(64)]);
  });

  test('pickEvents takes exactly the named events, or nothing', () => {
    const ids = c1.map((e) => e.id);
    expect(pickEvents([...c1, ...c2], ids)).toEqual(c1);
    expect(pickEvents(c2, ids)).toBeNull();
    expect(pickEvents(c1, [...ids, ids[0] ?? ''])).toBeNull();
    const first = must(c1[0]);
    const forged = { ...first, legalTime: '2025-03-03T09:59' };
    expect(pickEvents([...c1, forged], ids)).toBeNull();
    expect(pickEvents([...c1, { ...first }], ids)).toHaveLength(c1.length);
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

  // The digests of these notices as version 1 built them before notices named an occasion (taken
  // from that builder over these same fixtures): a notice signed then must still verify.
  test('R-DEC-5 a case with an application keeps its version 1 notice, byte for byte', async () => {
    for (const [variant, digest] of [
      [0, '/v3zMOiDEN8htvF4MtNp5rkQiFXG+qsLzHgxTgAe+Ms='],
      [1, 'K1tcuLAfq+bjzhD+SJU6rnHo/horRY3/Hbif8chs6NA='],
    ] as const) {
      const notice = resultNoticeDocument(decided(variant), office);
      expect(notice.version).toBe(1);
      expect(canonicalJson(notice)).not.toContain('occasion');
      expect(await contentDigest(subtle, notice)).toBe(digest);
      expect(resultNoticeCandidates(decided(variant), office)).toEqual([notice]);
    }
  });
});

describe('the notice of a proactive case (R-PRO-1, 003:30)', () => {
  // A refusal comes after the preliminary notice and the hearing (003:38-46), as for any case.
  const proactive = (variant: number): CaseState =>
    foldCase(
      samplePath([
        ['ProactiveCaseOpened', 'districtSpecialist'],
        ...(variant === 1
          ? ([
              ['PreliminaryRefusalNoticed', 'districtSpecialist'],
              ['RefusalNoticeReceived', 'districtSpecialist'],
              ['ObjectionFiled', 'districtSpecialist', 0],
              ['HearingProtocolRecorded', 'districtSpecialist'],
              ['ProtocolFamiliarized', 'districtSpecialist'],
            ] as const)
          : []),
        ['DecisionMade', 'districtSpecialist', variant],
      ]),
    );

  test('names the occasion (version 2) and no application', () => {
    const notice = resultNoticeDocument(proactive(0), office);
    expect(notice).toMatchObject({
      version: 2,
      form: 'app6',
      occasion: { code: 'victory-day', name: 'Жеңіс күні', date: '2025-05-09' },
    });
    expect(notice.registrationNumber).toBeUndefined();
    expect(notice.registrationDate).toBeUndefined();
    expect(resultNoticeDocument(proactive(1), office)).toMatchObject({
      version: 2,
      form: 'app7',
      occasion: { code: 'victory-day' },
    });
  });

  test('R-DEC-5 a notice signed before it named the occasion is still a candidate', async () => {
    const [now, before, ...more] = resultNoticeCandidates(proactive(0), office);
    expect(more).toEqual([]);
    expect(now).toEqual(resultNoticeDocument(proactive(0), office));
    expect(before?.version).toBe(1);
    expect(before).not.toHaveProperty('occasion');
    // The version 1 builder's digest of this notice.
    expect(await contentDigest(subtle, must(before))).toBe(
      'vNWXDOZV1IiwyXnmKptuicQ/Ir40Ltg4Qod3HIDexUA=',
    );
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
