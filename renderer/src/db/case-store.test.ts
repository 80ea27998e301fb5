import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { EVENT_SCHEMA_VERSION, type Actor, type PayloadOf } from '../../../shared/case';
import { sampleApplicant, sampleRegistrationDraft } from '../../../shared/case/testing';
import { createWorkingCalendar } from '../../../shared/calendar';
import { atRestKeysFromSecret } from './at-rest';
import { DeskDatabase } from './database';
import { caseEventsOf } from './event-rows';
import { requestCounter } from './request-count';
import { deskCaseStateHash } from './sync-commands';
import { queryJournal } from './journal-queries';
import { readJournalTallies } from './journal-tallies';
import {
  appendEvent,
  appendEvents,
  importCaseEvents,
  loadCase,
  LOGGED_WALK_FROM,
  registerApplication,
  type ActContext,
  type AppendResult,
  type RegistrationDraft,
} from './case-store';
import { seedActors } from './testing';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

async function openDb(...actors: Actor[]): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await seedActors(db, ...actors);
  return db;
}

const place = { officeId: 'KZL01', districtId: 'AKK' };
const specialist: Actor = { userId: 'u-spec', role: 'specialist', ...place, deviceId: 'desk-1' };
const akim: Actor = { ...specialist, userId: 'u-akim', role: 'akim' };
const department = { officeId: 'AKK-DEPT', districtId: 'AKK', deviceId: 'desk-d1' };
const districtSpecialist: Actor = { userId: 'u-ds', role: 'districtSpecialist', ...department };

function context(actor: Actor, legalTime = '2025-03-03T10:00'): ActContext {
  let n = 0;
  return {
    actor,
    legalTime,
    nowMs: Date.UTC(2025, 2, 3, 5, n),
    newId: () => `${actor.userId}-${++n}-${crypto.randomUUID()}`,
  };
}

const numbering = { officeCode: 'KZL01', deviceNo: 1 };

function draft(overrides: Partial<PayloadOf<'Registered'>> = {}): RegistrationDraft {
  const rest = sampleRegistrationDraft(overrides);
  return rest;
}

/** The akim's resolution on a case of `source`: a second event of its log. */
function resolveOn(source: DeskDatabase, caseId: string): Promise<AppendResult> {
  return appendEvent(
    source,
    {
      caseId,
      type: 'ResolutionImposed',
      payload: { executorUserId: 'u-spec', text: 'Қарауға' },
    },
    context(akim),
  );
}

describe('case store', () => {
  test('R-STAT-1: registration numbers follow the desk counter and never repeat', async () => {
    const db = await openDb(specialist);
    const a = await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
    const b = await registerApplication(db, 'case-b', draft(), numbering, context(specialist));
    expect(a.ok && a.state.registrationNumber).toBe('KZL01-1-0001/2025');
    expect(b.ok && b.state.registrationNumber).toBe('KZL01-1-0002/2025');
    const rows = await db.cases.orderBy('number').toArray();
    expect(rows.map((r) => r.number)).toEqual(['KZL01-1-0001/2025', 'KZL01-1-0002/2025']);
    expect(await db.outbox.count()).toBe(2);
    expect((await db.outbox.toArray()).map((o) => o.stream)).toEqual(['case', 'case']);
  });

  test('R-VER-1, R-REG-1: the store works out the rule-set, registration date and due date itself', async () => {
    const db = await openDb(specialist);
    // Targeted assistance (2012): the term runs from handing in the documents (001:11109 / 4873),
    // so a package accepted at 18:30 on Friday 20.11.2026 is registered that Friday.
    const result = await registerApplication(
      db,
      'case-a',
      draft({ receivedAt: '2026-11-20T18:30' }),
      numbering,
      context(specialist, '2026-11-20T18:30'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.ruleSetId).toBe('001-timiryazev-2012-n302');
    expect(result.state.registrationDate).toBe('2026-11-20');
    // 22 working days after Fri 20.11.2026, over Independence Day (Wed 16.12.2026).
    expect(result.state.dueDate).toBe('2026-12-23');
    const row = await db.cases.get('case-a');
    expect(row?.due).toBe('2026-12-23');
    expect(row?.openDueDate).toBe('2026-12-23');
    expect(row?.termPhase).toBe('running');
    expect(row?.officeId).toBe('KZL01');
  });

  test('a registration the schema refuses uses no number and writes nothing', async () => {
    const db = await openDb(specialist);
    const bad = { ...draft(), consents: { personalData: false, protectedInformation: true } };
    const result = await registerApplication(db, 'case-x', bad, numbering, context(specialist));
    expect(result.ok).toBe(false);
    expect(await db.events.count()).toBe(0);
    const good = await registerApplication(db, 'case-y', draft(), numbering, context(specialist));
    expect(good.ok && good.state.registrationNumber).toBe('KZL01-1-0001/2025');
  });

  test('the actor must be an active user of this desk with the role it claims', async () => {
    const db = await openDb(specialist);
    const stranger = { ...specialist, userId: 'u-nobody' };
    expect(await registerApplication(db, 'case-a', draft(), numbering, context(stranger))).toEqual({
      ok: false,
      reason: 'case:rejections.unknownActor',
    });
    const posing = { ...specialist, role: 'akim' as const };
    await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
    const resolution = {
      caseId: 'case-a',
      type: 'ResolutionImposed' as const,
      payload: { executorUserId: 'u-spec', text: 'Қарауға' },
    };
    expect(await appendEvent(db, resolution, context(posing))).toEqual({
      ok: false,
      reason: 'case:rejections.unknownActor',
    });
    await db.users.update('u-spec', { active: false });
    expect(
      await registerApplication(db, 'case-b', draft(), numbering, context(specialist)),
    ).toEqual({ ok: false, reason: 'case:rejections.unknownActor' });
    expect(await db.events.count()).toBe(1);
  });

  test('the transition table is checked before saving', async () => {
    const db = await openDb(specialist, akim);
    await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
    const bySpecialist = await appendEvent(
      db,
      {
        caseId: 'case-a',
        type: 'ResolutionImposed',
        payload: { executorUserId: 'u-spec', text: 'Қарауға' },
      },
      context(specialist),
    );
    expect(bySpecialist).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^case:rejections\./),
    });
    const byAkim = await appendEvent(
      db,
      {
        caseId: 'case-a',
        type: 'ResolutionImposed',
        payload: { executorUserId: 'u-spec', text: 'Қарауға' },
      },
      context(akim),
    );
    expect(byAkim.ok).toBe(true);
    const state = await loadCase(db, 'case-a');
    expect(state.stage).toBe('resolutionImposed');
    expect((await db.cases.get('case-a'))?.stage).toBe('resolutionImposed');
  });

  test('a batch is saved whole or not at all', async () => {
    const db = await openDb(specialist, akim);
    await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
    const result = await appendEvents(
      db,
      [
        {
          caseId: 'case-a',
          type: 'ResolutionImposed',
          payload: { executorUserId: 'u-spec', text: 'Орындауға' },
        },
        // Not allowed for an akim: the whole batch must roll back.
        { caseId: 'case-a', type: 'SentToCommission', payload: {} },
      ],
      context(akim),
    );
    expect(result.ok).toBe(false);
    expect((await loadCase(db, 'case-a')).stage).toBe('registered');
  });

  test('journal rows are searchable by folded name words and list open due dates', async () => {
    const db = await openDb(specialist);
    await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
    const journal = { now: '2025-03-04T09:00', calendar: createWorkingCalendar() } as const;
    for (const sort of ['dateDesc', 'nameAsc'] as const) {
      const byName = await queryJournal(db, { search: 'айге', sort }, journal);
      expect(await byName.window(0, 10), sort).toMatchObject([{ id: 'case-a' }]);
    }
    // Registered Mon 03.03.2025: 22 working days later is Tue 08.04.2025.
    expect((await db.cases.get('case-a'))?.openDueDate).toBe('2025-04-08');
    expect((await db.people.get(sampleApplicant.iin))?.firstName).toBe(sampleApplicant.firstName);
  });

  test('no suspension where the rule-set has no grounds (001:11136 / 4901); fuel aid on its ground (001:9284 / 3107)', async () => {
    const db = await openDb(specialist);
    await registerApplication(db, 'tsa', draft(), numbering, context(specialist));
    const suspend = (caseId: string, groundCode?: string) =>
      appendEvent(
        db,
        {
          caseId,
          type: 'TermSuspended',
          payload: { reason: 'Көшіп кетті', ...(groundCode ? { groundCode } : {}) },
        },
        context(specialist, '2025-03-04T10:00'),
      );
    expect(await suspend('tsa')).toEqual({
      ok: false,
      reason: 'case:rejections.suspensionNotProvided',
    });
    await registerApplication(
      db,
      'fuel',
      draft({ serviceId: 'fuel-aid-rural-social-specialists' }),
      numbering,
      context(specialist),
    );
    expect(await suspend('fuel')).toEqual({
      ok: false,
      reason: 'case:rejections.suspensionGroundUnknown',
    });
    const suspended = await suspend('fuel', 'moved-away');
    expect(suspended.ok).toBe(true);
    const row = await db.cases.get('fuel');
    expect(row?.termPhase).toBe('suspended');
    expect(row?.openDueDate).toBeUndefined();
    expect(row?.stepId).toBeUndefined();
    expect(row?.stepOverdueFrom).toBeUndefined();
  });

  test('R-CAL-2 (002:12): the store refuses a certificate package handed in after 17:30', async () => {
    const db = await openDb(specialist);
    const certificate = draft({
      serviceId: 'asp-recipient-certificate',
      route: 'akimLocal',
      receivedAt: '2026-12-03T17:40',
    });
    expect(
      await registerApplication(
        db,
        'late',
        certificate,
        numbering,
        context(specialist, '2026-12-03T17:40'),
      ),
    ).toEqual({ ok: false, reason: 'case:rejections.outsideIntakeHours' });
    const inTime = { ...certificate, receivedAt: '2026-12-03T17:20' };
    const ok = await registerApplication(db, 'c', inTime, numbering, context(specialist));
    expect(ok.ok).toBe(true);
    expect((await db.cases.get('c'))?.due).toBe('2026-12-03T17:35');
  });

  test('text that is not NFC is refused; the form normalizes it first', async () => {
    const db = await openDb(specialist);
    const applicant = { ...sampleApplicant, firstName: 'Сергеи\u0306' };
    const clock = await db.settings.get('hlc');
    const result = await registerApplication(
      db,
      'case-a',
      draft({ applicant }),
      numbering,
      context(specialist),
    );
    expect(result).toMatchObject({ ok: false, reason: 'case:validation.notNormalized' });
    expect(await db.events.count()).toBe(0);
    // Refused by the event's schema, after its envelope was stamped: not the clock, the journal or
    // the person was written either (every write waits for every check).
    expect(await db.settings.get('hlc')).toEqual(clock);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.cases.count()).toBe(0);
    expect(await db.caseNames.count()).toBe(0);
    expect(await db.people.count()).toBe(0);
  });
});

describe('the hearing before a refusal, at the store (003:38-47)', () => {
  // A case filed at the district department (its desk in district mode), noticed Mon 07.04.2025.
  async function noticed(receivedOn?: string) {
    const db = await openDb(districtSpecialist);
    const ds = (legalTime: string) => context(districtSpecialist, legalTime);
    const registered = await registerApplication(
      db,
      'case-h',
      draft({ route: 'district', receivedAt: '2025-04-03T10:00' }),
      { officeCode: 'AKKD', deviceNo: 1 },
      ds('2025-04-03T10:00'),
    );
    expect(registered.ok).toBe(true);
    const notice = await appendEvent(
      db,
      {
        caseId: 'case-h',
        type: 'PreliminaryRefusalNoticed',
        payload: {
          grounds: [{ code: 'income-above-poverty-line', text: 'Табыс шектен жоғары' }],
          noticeDate: '2025-04-07',
          ...(receivedOn ? { receivedOn } : {}),
          hearing: { at: '2025-04-10T11:00', mode: 'video' },
        },
      },
      ds('2025-04-07T09:30'),
    );
    expect(notice.ok).toBe(true);
    const append = <
      T extends
        | 'ObjectionFiled'
        | 'HearingProtocolRecorded'
        | 'ProtocolFamiliarized'
        | 'RemarksFiled'
        | 'RefusalNoticeReceived'
        | 'DecisionMade',
    >(
      type: T,
      payload: PayloadOf<T>,
      legalTime: string,
    ) => appendEvent(db, { caseId: 'case-h', type, payload }, ds(legalTime));
    const refuse = (date: string, extra: Partial<PayloadOf<'DecisionMade'>> = {}) =>
      append(
        'DecisionMade',
        {
          outcome: 'refuse',
          number: 'D-1',
          date,
          justification: 'Табыс кедейлік шегінен асады',
          ...extra,
        } as PayloadOf<'DecisionMade'>,
        `${date}T16:00`,
      );
    return { db, append, refuse };
  }

  test('R-HEAR-3 (003:43): a refusal inside the objection window is refused; after it, it is saved', async () => {
    const { db, append, refuse } = await noticed();
    // The day the applicant received the notice is not known yet: no refusal at all.
    expect(await refuse('2025-04-14')).toEqual({
      ok: false,
      reason: 'case:rejections.noticeReceiptUnknown',
    });
    expect(
      (await append('RefusalNoticeReceived', { receivedOn: '2025-04-09' }, '2025-04-09T15:00')).ok,
    ).toBe(true);
    // Received Wed 09.04 → the applicant may object until the end of Fri 11.04.
    expect(await refuse('2025-04-11')).toEqual({
      ok: false,
      reason: 'case:rejections.objectionWindowOpen',
    });
    expect((await loadCase(db, 'case-h')).stage).toBe('hearing');
    const refused = await refuse('2025-04-14');
    expect(refused.ok).toBe(true);
    expect((await db.cases.get('case-h'))?.stage).toBe('decided');
  });

  test('R-HEAR-1 (003:38): never earlier than 3 working days after the notice', async () => {
    const { refuse } = await noticed('2025-04-07');
    expect(await refuse('2025-04-09')).toEqual({
      ok: false,
      reason: 'case:rejections.refusalTooEarly',
    });
    expect((await refuse('2025-04-10')).ok).toBe(true);
  });

  test('R-HEAR-4..6 (003:44-47): an objection, then the hearing, the protocol read, the remarks window, then the refusal', async () => {
    const { db, append, refuse } = await noticed('2025-04-07');
    expect(
      (await append('ObjectionFiled', { form: 'oral', date: '2025-04-08' }, '2025-04-08T10:00')).ok,
    ).toBe(true);
    // Objection made: no refusal before the hearing and its protocol.
    expect(await refuse('2025-04-21')).toEqual({
      ok: false,
      reason: 'case:rejections.protocolRequired',
    });
    expect(
      (
        await append(
          'HearingProtocolRecorded',
          { date: '2025-04-10', summary: 'Қарсылық тыңдалды' },
          '2025-04-10T12:00',
        )
      ).ok,
    ).toBe(true);
    expect(await refuse('2025-04-21')).toEqual({
      ok: false,
      reason: 'case:rejections.protocolNotFamiliarized',
    });
    expect(
      (await append('ProtocolFamiliarized', { date: '2025-04-10' }, '2025-04-10T12:30')).ok,
    ).toBe(true);
    // Read Thu 10.04 → remarks until the end of Tue 15.04.
    expect(await refuse('2025-04-15')).toEqual({
      ok: false,
      reason: 'case:rejections.remarksWindowOpen',
    });
    expect((await loadCase(db, 'case-h')).decision).toBeNull();
    const refused = await refuse('2025-04-16');
    expect(refused.ok).toBe(true);
  });

  test('R-HEAR-6 (003:47): remarks filed close the window; the refusal answers them', async () => {
    const { append, refuse } = await noticed('2025-04-07');
    await append('ObjectionFiled', { form: 'written', date: '2025-04-08' }, '2025-04-08T10:00');
    await append(
      'HearingProtocolRecorded',
      { date: '2025-04-10', summary: 'Тыңдалды' },
      '2025-04-10T12:00',
    );
    await append('ProtocolFamiliarized', { date: '2025-04-10' }, '2025-04-10T12:30');
    await append('RemarksFiled', { date: '2025-04-11', text: 'Ескерту' }, '2025-04-11T09:00');
    expect(await refuse('2025-04-14')).toEqual({
      ok: false,
      reason: 'case:rejections.remarksNotConsidered',
    });
    expect((await refuse('2025-04-14', { remarksConsideration: 'Қаралды' })).ok).toBe(true);
  });
});

describe('events from elsewhere', () => {
  test.each([
    ['plain', false],
    ['sealed', true],
  ])(
    "%s: a case's events that arrive together are one stored row; a repeat stores nothing, and what is new is a row of its own",
    async (_name, sealed) => {
      const source = await openDb(specialist, akim);
      const a = await registerApplication(
        source,
        'case-a',
        draft(),
        numbering,
        context(specialist),
      );
      const resolve = (caseId: string) => resolveOn(source, caseId);
      const resolvedA = await resolve('case-a');
      const b = await registerApplication(
        source,
        'case-b',
        draft(),
        numbering,
        context(specialist),
      );
      const resolvedB = await resolve('case-b');
      if (!a.ok || !resolvedA.ok || !b.ok || !resolvedB.ok) throw new Error('not written');
      const name = `t-${crypto.randomUUID()}`;
      const keys = sealed
        ? await atRestKeysFromSecret(new Uint8Array(32).fill(7), 'osSecretStore')
        : null;
      db = new DeskDatabase(name, keys);
      await seedActors(db, specialist, akim);
      const now = Date.UTC(2025, 2, 4);
      expect(await importCaseEvents(db, [a.event, resolvedA.event, b.event], now)).toEqual({
        stored: 3,
        duplicates: 0,
        held: 0,
        invalid: [],
      });
      // case-a's two events in one row, keyed by the first; case-b's one event is its own row.
      expect(await db.events.count()).toBe(2);
      const run = await db.events.get(a.event.id);
      expect(run && 'run' in run ? run.run.map((e) => e.id) : run).toEqual([
        a.event.id,
        resolvedA.event.id,
      ]);
      expect(await loadCase(db, 'case-a')).toEqual(await loadCase(source, 'case-a'));
      expect((await db.cases.get('case-a'))?.stage).toBe((await source.cases.get('case-a'))?.stage);
      // The same delivery again with case-b's next event: only that one is stored, a row of its own.
      expect(
        await importCaseEvents(db, [a.event, resolvedA.event, b.event, resolvedB.event], now),
      ).toEqual({ stored: 1, duplicates: 3, held: 0, invalid: [] });
      expect(await db.events.count()).toBe(3);
      expect(await deskCaseStateHash(db)).toBe(await deskCaseStateHash(source));
      if (keys) {
        // The run is sealed whole: the stored row holds its key and case, nothing of the events.
        const raw = new DeskDatabase(name);
        const stored = (await raw.events.get(a.event.id)) as unknown as Record<string, unknown>;
        raw.close();
        expect(Object.keys(stored).sort()).toEqual(['atRest', 'caseId', 'id']);
      }
    },
  );

  test('a delivery of many cases walks the index once and reads the logs of the cases the desk holds, no others', async () => {
    const source = await openDb(specialist, akim);
    const known = await registerApplication(
      source,
      'case-a',
      draft(),
      numbering,
      context(specialist),
    );
    const resolved = await resolveOn(source, 'case-a');
    if (!known.ok || !resolved.ok) throw new Error('not written');
    const others = [];
    for (let i = 0; i < LOGGED_WALK_FROM; i++) {
      const r = await registerApplication(
        source,
        `case-${i}`,
        draft(),
        numbering,
        context(specialist),
      );
      if (!r.ok) throw new Error('not registered');
      others.push(r.event);
    }
    const counter = requestCounter();
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    db.use(counter.middleware);
    await seedActors(db, specialist, akim);
    await importCaseEvents(db, [known.event], Date.UTC(2025, 2, 4));
    counter.take();
    expect(
      await importCaseEvents(db, [known.event, resolved.event, ...others], Date.UTC(2025, 2, 4)),
    ).toEqual({ stored: 1 + LOGGED_WALK_FROM, duplicates: 1, held: 0, invalid: [] });
    const asked = counter.take();
    expect([asked['events.cursor'], asked['events.query']]).toEqual([1, 1]);
    // The known case was folded with what it held: its row is its whole log's.
    expect((await db.cases.get('case-a'))?.stage).toBe((await loadCase(source, 'case-a')).stage);
    expect((await db.cases.get('case-a'))?.stage).not.toBe('registered');
    expect(await deskCaseStateHash(db)).toBe(await deskCaseStateHash(source));
  });

  test('a run whose first event has the id of an event of another case: that event is a duplicate, the rest of the run is stored', async () => {
    const source = await openDb(specialist, akim);
    const x = await registerApplication(source, 'case-x', draft(), numbering, context(specialist));
    const resolvedX = await resolveOn(source, 'case-x');
    db = await openDb(specialist, akim);
    const here = await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
    if (!x.ok || !resolvedX.ok || !here.ok) throw new Error('not written');
    const clash = { ...x.event, id: here.event.id };
    expect(await importCaseEvents(db, [clash, resolvedX.event], Date.UTC(2025, 2, 4))).toEqual({
      stored: 1,
      duplicates: 1,
      held: 0,
      invalid: [],
    });
    expect((await db.events.get(here.event.id))?.caseId).toBe('case-a');
    // Stored a row of its own (its case's fold holds it as a conflict: no registration before it).
    expect((await caseEventsOf(db, 'case-x')).map((e) => e.id)).toEqual([resolvedX.event.id]);
  });

  test('the journal row of a case this desk held no event of is not read, only written; a known one is read and replaced', async () => {
    const source = await openDb(specialist, akim);
    const a = await registerApplication(source, 'case-a', draft(), numbering, context(specialist));
    const resolved = await resolveOn(source, 'case-a');
    const b = await registerApplication(source, 'case-b', draft(), numbering, context(specialist));
    if (!a.ok || !resolved.ok || !b.ok) throw new Error('not written');
    const db = await openDb(specialist, akim);
    await importCaseEvents(db, [a.event], Date.UTC(2025, 2, 4));
    const reads = vi.spyOn(db.cases, 'bulkGet');
    await importCaseEvents(db, [resolved.event, b.event], Date.UTC(2025, 2, 4));
    expect(reads.mock.calls).toEqual([[['case-a']]]);
    // Both rows as the one projection makes them, and the journal counted each case once.
    expect((await db.cases.get('case-a'))?.stage).toBe((await loadCase(db, 'case-a')).stage);
    expect((await db.cases.get('case-b'))?.number).toBe((await source.cases.get('case-b'))?.number);
    expect(await readJournalTallies(db)).toEqual({ cases: 2, open: 2 });
  });

  test('an event from a newer desk is kept, not folded, and the case says an update is needed', async () => {
    const db = await openDb(specialist, akim);
    const registered = await registerApplication(
      db,
      'case-a',
      draft(),
      numbering,
      context(specialist),
    );
    if (!registered.ok) throw new Error('not registered');
    const newer = {
      ...registered.event,
      id: 'from-the-future',
      v: EVENT_SCHEMA_VERSION + 1,
      type: 'AppealFiled',
      hlc: '000001741000000-000000-desk-9',
      payload: { court: 'Ақкөл' },
    };
    const invalid = { ...registered.event, id: 'broken', hlc: 'bad' };
    const result = await importCaseEvents(
      db,
      [newer, registered.event, invalid],
      Date.UTC(2025, 2, 4),
    );
    expect(result).toEqual({ stored: 0, duplicates: 1, held: 1, invalid: ['broken'] });
    expect(await db.events.count()).toBe(1);
    expect((await db.heldEvents.get('from-the-future'))?.raw).toEqual(newer);
    expect((await loadCase(db, 'case-a')).stage).toBe('registered');
    expect((await db.cases.get('case-a'))?.needsUpdate).toBe(true);
    // Held again, nothing doubles.
    expect(await importCaseEvents(db, [newer], Date.UTC(2025, 2, 4))).toEqual({
      stored: 0,
      duplicates: 0,
      held: 0,
      invalid: [],
    });
  });

  test.each([
    ['plain', false],
    ['sealed', true],
  ])(
    '%s: an event arriving under the id of an event of another case is stored once: a duplicate, and the rest of its delivery is stored',
    async (_name, sealed) => {
      const keys = sealed
        ? await atRestKeysFromSecret(new Uint8Array(32).fill(7), 'osSecretStore')
        : null;
      db = new DeskDatabase(`t-${crypto.randomUUID()}`, keys);
      await seedActors(db, specialist, akim);
      const here = await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
      if (!here.ok) throw new Error('not registered');
      // Another desk's two cases, one of whose events carries the id this desk's case-a has.
      const other = new DeskDatabase(`t-${crypto.randomUUID()}`);
      await seedActors(other, specialist, akim);
      const x = await registerApplication(other, 'case-x', draft(), numbering, context(specialist));
      const y = await registerApplication(other, 'case-y', draft(), numbering, context(specialist));
      await other.delete();
      if (!x.ok || !y.ok) throw new Error('not registered');
      const clash = { ...x.event, id: here.event.id };
      expect(await importCaseEvents(db, [clash, y.event], Date.UTC(2025, 2, 4))).toEqual({
        stored: 1,
        duplicates: 1,
        held: 0,
        invalid: [],
      });
      expect((await db.events.get(here.event.id))?.caseId).toBe('case-a');
      expect(await db.events.where('caseId').equals('case-x').count()).toBe(0);
      expect(await db.cases.get('case-x')).toBeUndefined();
      expect((await loadCase(db, 'case-y')).stage).toBe('registered');
      expect((await db.cases.get('case-y'))?.id).toBe('case-y');
    },
  );
});
