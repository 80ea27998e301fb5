import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../../shared/case';
import { iinControlDigit } from '../../../shared/identity';
import type { ActContext } from './case-store';
import { importCaseEvents, loadCase } from './case-store';
import { caseEventsOf } from './event-rows';
import { DeskDatabase } from './database';
import {
  openProactiveCases,
  proactiveCandidates,
  type ProactiveBatch,
  type ProactiveRecipientInput,
} from './proactive-commands';
import { seedActors } from './testing';
import { storeHubTsaPage } from './tsa-reference';
import { importTsaRecipients } from './tsa-register-queries';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

async function freshDatabase(): Promise<DeskDatabase> {
  db = new DeskDatabase(`proactive-${crypto.randomUUID()}`);
  await db.open();
  return db;
}

const DISTRICT_OFFICE = 'office-akk00';
const OKRUG_A = 'office-kzl01';
const OKRUG_B = 'office-btr02';
const place = { officeId: DISTRICT_OFFICE, districtId: 'AKK', deviceId: 'desk-akk-1' };
const districtSpecialist: Actor = { userId: 'u-dist', role: 'districtSpecialist', ...place };
/** An akimat's specialist on the same desk: the role, not the desk, refuses. */
const akimatSpecialist: Actor = { userId: 'u-akimat', role: 'specialist', ...place };

/** A valid IIN from its first 11 digits. */
function iinOf(first11: string): string {
  const control = iinControlDigit(first11);
  if (control === null) throw new Error(`never issued: ${first11}`);
  return `${first11}${control.digit}`;
}

const KNOWN = iinOf('45050940012');
const NEW_1 = iinOf('52011140034');
const NEW_2 = iinOf('60070230015');

const RECIPIENTS: readonly ProactiveRecipientInput[] = [
  { iin: KNOWN, fullName: 'Жұмабаев Серік Әлиұлы' },
  { iin: NEW_1, fullName: 'Қасымова Гүлнар Төлегенқызы', address: 'Қызылсай ауылы, Абай к., 3' },
  { iin: NEW_2, fullName: 'Иванов Пётр Сергеевич', address: 'Қызылсай ауылы, Мир к., 8' },
];

const VICTORY_DAY = { code: 'victory-day', name: 'Жеңіс күні', date: '2026-05-09' };

const batch = (over: Partial<ProactiveBatch> = {}): ProactiveBatch => ({
  serviceId: 'social-aid-maslikhat-categories',
  occasion: VICTORY_DAY,
  officeId: OKRUG_A,
  recipients: RECIPIENTS,
  ...over,
});

function act(actor: Actor, prefix: string): ActContext {
  let n = 0;
  return {
    actor,
    legalTime: '2026-05-04T10:00',
    nowMs: Date.UTC(2026, 4, 4, 5),
    newId: () => `${prefix}-${++n}`,
  };
}

async function seeded(): Promise<DeskDatabase> {
  const d = await freshDatabase();
  await seedActors(d, districtSpecialist, akimatSpecialist);
  // A recipient the desk knows from an earlier case: their data come from here.
  await d.people.put({
    iin: KNOWN,
    lastName: 'Жұмабаев',
    firstName: 'Серік',
    patronymic: 'Әлиұлы',
    birthDate: '1945-05-09',
    sex: 'M',
    address: 'Қызылсай ауылы, Бейбітшілік к., 1',
    phone: '+77011112233',
    inMobileCitizensDb: true,
    updatedAtMs: 1,
  });
  return d;
}

describe('openProactiveCases', () => {
  test('R-PRO-1 (003:30): a batch opens one case per recipient, without an application, as the okrug’s', async () => {
    const d = await seeded();
    const result = await openProactiveCases(d, batch(), act(districtSpecialist, 'a'));
    if (!result.ok) throw new Error(result.reason);
    expect(result.opened.map((o) => o.iin)).toEqual([KNOWN, NEW_1, NEW_2]);
    expect(result.skipped).toEqual([]);
    for (const { caseId, iin } of result.opened) {
      const state = await loadCase(d, caseId);
      expect(state.proactive).toBe(true);
      expect(state.application).toBeNull();
      expect(state.registrationNumber).toBeNull();
      expect(state.stage).toBe('atDistrict');
      expect(state.applicant?.iin).toBe(iin);
      expect(state.proactiveOpening?.occasion).toEqual(VICTORY_DAY);
      expect(state.ruleSetId).toBe('003-mlspp-order84-amendment-2023');
      // The okrug's case: its akimat sees it (the hub scopes by it too).
      expect(state.officeId).toBe(OKRUG_A);
      // In the journal, with the outbox entry that takes it to the hub.
      expect((await d.cases.get(caseId))?.officeId).toBe(OKRUG_A);
      expect(await d.outbox.where('caseId').equals(caseId).count()).toBe(1);
    }
    // The person the desk knew is named as the desk knows them; the others from the register and IIN.
    const known = await loadCase(d, result.opened[0]?.caseId ?? '');
    expect(known.applicant?.phone).toBe('+77011112233');
    const fresh = await loadCase(d, result.opened[2]?.caseId ?? '');
    expect(fresh.applicant).toMatchObject({
      lastName: 'Иванов',
      firstName: 'Пётр',
      patronymic: 'Сергеевич',
      birthDate: '1960-07-02',
      sex: 'M',
      address: 'Қызылсай ауылы, Мир к., 8',
      inMobileCitizensDb: false,
    });
  });

  test('R-PRO-1: a recipient already given a case for the occasion is skipped and named', async () => {
    const d = await seeded();
    const first = await openProactiveCases(
      d,
      batch({ recipients: RECIPIENTS.slice(0, 2) }),
      act(districtSpecialist, 'a'),
    );
    if (!first.ok) throw new Error(first.reason);
    const again = await openProactiveCases(d, batch(), act(districtSpecialist, 'b'));
    if (!again.ok) throw new Error(again.reason);
    expect(again.opened.map((o) => o.iin)).toEqual([NEW_2]);
    expect(again.skipped).toEqual([
      { iin: KNOWN, name: 'Жұмабаев Серік Әлиұлы', caseId: 'a-1' },
      { iin: NEW_1, name: 'Қасымова Гүлнар Төлегенқызы', caseId: first.opened[1]?.caseId },
    ]);
    // The same occasion next year is another occasion.
    const nextYear = await openProactiveCases(
      d,
      batch({ occasion: { ...VICTORY_DAY, date: '2027-05-09' } }),
      { ...act(districtSpecialist, 'c'), legalTime: '2027-05-04T10:00' },
    );
    expect(nextYear.ok && nextYear.opened.length).toBe(3);
  });

  test('R-PRO-1: the same recipient twice in one list gets one case', async () => {
    const d = await seeded();
    const result = await openProactiveCases(
      d,
      batch({ recipients: [RECIPIENTS[1], RECIPIENTS[1]].flatMap((r) => (r ? [r] : [])) }),
      act(districtSpecialist, 'a'),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.opened).toHaveLength(1);
    expect(result.skipped).toEqual([
      { iin: NEW_1, name: 'Қасымова Гүлнар Төлегенқызы', caseId: null },
    ]);
  });

  test('R-PRO-1: an akimat user cannot open them, and nothing is written', async () => {
    const d = await seeded();
    const result = await openProactiveCases(d, batch(), act(akimatSpecialist, 'a'));
    expect(result).toEqual({ ok: false, reason: 'case:rejections.roleNotAllowed', iin: KNOWN });
    expect(await d.events.count()).toBe(0);
    expect(await d.cases.count()).toBe(0);
  });

  test('a recipient the desk does not know, with no address typed, stops the batch and is named', async () => {
    const d = await seeded();
    const recipients = [RECIPIENTS[0], { iin: NEW_1, fullName: 'Қасымова Гүлнар' }].flatMap((r) =>
      r ? [r] : [],
    );
    const result = await openProactiveCases(d, batch({ recipients }), act(districtSpecialist, 'a'));
    expect(result).toEqual({ ok: false, reason: 'proactive:errors.addressMissing', iin: NEW_1 });
    // All or nothing: the first recipient's case is not kept either.
    expect(await d.events.count()).toBe(0);
  });

  test('only a service the catalog gives proactively, and a whole occasion', async () => {
    const d = await seeded();
    const ctx = act(districtSpecialist, 'a');
    expect(await openProactiveCases(d, batch({ serviceId: 'tsa-certificate' }), ctx)).toEqual({
      ok: false,
      reason: 'proactive:errors.serviceNotProactive',
    });
    expect(
      await openProactiveCases(d, batch({ occasion: { ...VICTORY_DAY, name: ' ' } }), ctx),
    ).toEqual({ ok: false, reason: 'proactive:errors.nameMissing' });
    expect(await d.events.count()).toBe(0);
  });
});

describe('the recipient afterwards', () => {
  test('R-PRO-1: someone given a proactive case is known here, as on a desk the case reaches by sync: the next occasion needs no address typed', async () => {
    const d = await seeded();
    const first = await openProactiveCases(
      d,
      batch({ recipients: [RECIPIENTS[1] as ProactiveRecipientInput] }),
      act(districtSpecialist, 'a'),
    );
    if (!first.ok) throw new Error(first.reason);
    const person = await d.people.get(NEW_1);
    expect(person).toMatchObject({
      iin: NEW_1,
      lastName: 'Қасымова',
      firstName: 'Гүлнар',
      address: 'Қызылсай ауылы, Абай к., 3',
    });
    // The desk the case reaches by sync holds the same person.
    const other = new DeskDatabase(`proactive-synced-${crypto.randomUUID()}`);
    try {
      await other.open();
      const events = await caseEventsOf(d, first.opened[0]?.caseId ?? '');
      await importCaseEvents(other, events, Date.UTC(2026, 4, 4, 6));
      const { updatedAtMs: _here, ...here } = person ?? { updatedAtMs: 0 };
      const { updatedAtMs: _there, ...there } = (await other.people.get(NEW_1)) ?? {
        updatedAtMs: 0,
      };
      expect(there).toEqual(here);
    } finally {
      await other.delete();
    }
    // Elderly day: the register's name only, no address typed; the case has the address known.
    const next = await openProactiveCases(
      d,
      batch({
        occasion: { code: 'elderly-day', name: 'Қарттар күні', date: '2026-10-01' },
        recipients: [{ iin: NEW_1, fullName: 'Қасымова Гүлнар Төлегенқызы' }],
      }),
      act(districtSpecialist, 'b'),
    );
    if (!next.ok) throw new Error(next.reason);
    expect(next.opened.map((o) => o.iin)).toEqual([NEW_1]);
    const state = await loadCase(d, next.opened[0]?.caseId ?? '');
    expect(state.applicant?.address).toBe('Қызылсай ауылы, Абай к., 3');
  });
});

describe('proactiveCandidates', () => {
  test('the quarter’s recipients with the okrugs of their cases here, and whether the desk knows them', async () => {
    const d = await seeded();
    await importTsaRecipients(
      d,
      RECIPIENTS.map((r) => ({
        iin: r.iin,
        fullName: r.fullName,
        quarter: '2026-Q2',
        familyMembers: [],
      })),
      { source: 'tsa.xlsx', nowMs: 1 },
    );
    const opened = await openProactiveCases(
      d,
      batch({
        recipients: RECIPIENTS.slice(0, 1),
        occasion: { ...VICTORY_DAY, date: '2025-05-09' },
      }),
      act(districtSpecialist, 'a'),
    );
    expect(opened.ok).toBe(true);
    const listed = await proactiveCandidates(d, '2026-Q2');
    // A file names no okrug: the register's okrugs are unknown.
    expect(listed).toEqual([
      {
        iin: KNOWN,
        fullName: 'Жұмабаев Серік Әлиұлы',
        known: true,
        okrugs: [OKRUG_A],
        registerOkrugs: null,
      },
      {
        iin: NEW_2,
        fullName: 'Иванов Пётр Сергеевич',
        known: false,
        okrugs: [],
        registerOkrugs: null,
      },
      {
        iin: NEW_1,
        fullName: 'Қасымова Гүлнар Төлегенқызы',
        known: false,
        okrugs: [],
        registerOkrugs: null,
      },
    ]);
    expect(await proactiveCandidates(d, '2026-Q1')).toEqual([]);
  });

  test('issue 9 §10: the hub’s lists name each recipient’s okrug, and a recipient on two okrugs’ lists has both', async () => {
    const d = await seeded();
    const row = (r: ProactiveRecipientInput, officeId: string) => ({
      iin: r.iin,
      fullName: r.fullName,
      familyMembers: [],
      officeId,
    });
    const [known, new1, new2] = RECIPIENTS as [
      ProactiveRecipientInput,
      ProactiveRecipientInput,
      ProactiveRecipientInput,
    ];
    await storeHubTsaPage(
      d,
      {
        version: 2,
        more: false,
        quarters: [
          {
            quarter: '2026-Q2',
            sources: ['btr02.csv', 'kzl01.csv'],
            rows: [
              row(new2, OKRUG_B),
              row(known, OKRUG_B),
              row(known, OKRUG_A),
              row(new1, OKRUG_A),
            ],
          },
        ],
      },
      'https://hub.akkol.kz',
      1,
    );
    const listed = await proactiveCandidates(d, '2026-Q2');
    expect(listed.map((c) => [c.iin, c.registerOkrugs])).toEqual([
      [KNOWN, [OKRUG_B, OKRUG_A].sort()],
      [NEW_2, [OKRUG_B]],
      [NEW_1, [OKRUG_A]],
    ]);
  });
});

describe('a proactive case on the okrug’s desk', () => {
  test('R-PRO-1: the akimat of the okrug, given the case’s events by sync, has it in its journal as its own', async () => {
    const d = await seeded();
    const result = await openProactiveCases(d, batch(), act(districtSpecialist, 'a'));
    if (!result.ok) throw new Error(result.reason);
    const caseId = result.opened[0]?.caseId ?? '';
    const events = await caseEventsOf(d, caseId);
    const akimatDesk = new DeskDatabase(`proactive-akimat-${crypto.randomUUID()}`);
    try {
      await akimatDesk.open();
      const imported = await importCaseEvents(akimatDesk, events, Date.UTC(2026, 4, 4, 6));
      expect(imported.stored).toBe(1);
      const row = await akimatDesk.cases.get(caseId);
      expect(row?.officeId).toBe(OKRUG_A);
      expect(row?.iin).toBe(KNOWN);
      expect((await loadCase(akimatDesk, caseId)).proactiveOpening?.occasion.code).toBe(
        'victory-day',
      );
    } finally {
      await akimatDesk.delete();
    }
  });
});
