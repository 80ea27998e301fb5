import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Actor } from '../../../shared/case';
import { sampleApplicant, sampleRegistrationDraft } from '../../../shared/case/testing';
import { createWorkingCalendar } from '../../../shared/calendar';
import { addDays } from '../../../shared/time';
import { sampleJournalRow, type SampleRowInit } from '../../../shared/journal/testing';
import { addJournalRows, writeJournalRow } from './case-projection';
import { registerApplication, type ActContext } from './case-store';
import { DeskDatabase, type CaseRow } from './database';
import { seedActors } from './testing';
import {
  deadlineCounts,
  dueSoonLastDate,
  journalRows,
  numberSortKey,
  openCasesDueBy,
  parseJournalSearch,
  queryJournal,
  watchJournalWindow,
  type JournalContext,
  type JournalQuery,
} from './journal-queries';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

function freshDb(): DeskDatabase {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  return db;
}

const calendar = createWorkingCalendar();
// Wednesday 05.03.2025; Saturday 08.03 is a holiday, so Monday 10.03 is a day off instead.
const TODAY = '2025-03-05';
const NOW = `${TODAY}T10:00`;
const ctx: JournalContext = { now: NOW, calendar };

/** A row made the only way rows are made: events folded and projected (shared/journal/testing). */
const row = (init: SampleRowInit = {}): CaseRow => sampleJournalRow(init, calendar);

async function all(database: DeskDatabase, query: JournalQuery, context = ctx): Promise<CaseRow[]> {
  const result = await queryJournal(database, query, context);
  const rows = await result.window(0, result.total + 10);
  expect(rows).toHaveLength(result.total);
  return rows;
}

const numbers = (rows: readonly CaseRow[]) => rows.map((r) => r.number);
const names = (rows: readonly CaseRow[]) => rows.map((r) => r.applicantName);

describe('journal search', () => {
  test('reads what was typed: digits, a number, or words of a name', () => {
    expect(parseJournalSearch('  ')).toEqual({ kind: 'none' });
    expect(parseJournalSearch('850 315')).toEqual({ kind: 'digits', digits: '850315' });
    expect(parseJournalSearch('kzl01-1-0037')).toEqual({ kind: 'number', text: 'kzl01-1-0037' });
    expect(parseJournalSearch('0037/2025')).toEqual({ kind: 'number', text: '0037/2025' });
    expect(parseJournalSearch('Әбенов  Нұрлан')).toEqual({
      kind: 'name',
      tokens: ['абенов', 'нурлан'],
    });
  });

  test('a registration number by its prefix, in any letter case', async () => {
    const database = freshDb();
    await addJournalRows(database, [
      row({ number: 'KZL01-1-0037/2025' }),
      row({ number: 'KZL01-1-0031/2025' }),
      row({ number: 'KZL01-1-0137/2025' }),
      row({ number: 'KZL01-2-0037/2025' }),
    ]);
    expect(numbers(await all(database, { search: 'KZL01-1-003', sort: 'numberAsc' }))).toEqual([
      'KZL01-1-0031/2025',
      'KZL01-1-0037/2025',
    ]);
    expect(numbers(await all(database, { search: 'kzl01-2' }))).toEqual(['KZL01-2-0037/2025']);
  });

  test('the sequence typed alone finds the number on every desk and year', async () => {
    const database = freshDb();
    await addJournalRows(database, [
      row({ number: 'KZL01-1-0037/2025', date: '2025-02-03' }),
      row({ number: 'KZL01-1-0037/2024', date: '2024-02-05' }),
      row({ number: 'KZL01-2-0037/2025', date: '2025-02-04' }),
      row({ number: 'KZL01-1-0370/2025', date: '2025-02-10' }),
      row({ number: 'KZL01-1-0038/2025', date: '2025-02-11' }),
    ]);
    expect(numbers(await all(database, { search: '37', sort: 'numberAsc' }))).toEqual([
      'KZL01-1-0037/2024',
      'KZL01-1-0037/2025',
      'KZL01-2-0037/2025',
    ]);

    expect(numbers(await all(database, { search: '0037/2025', sort: 'numberAsc' }))).toEqual([
      'KZL01-1-0037/2025',
      'KZL01-2-0037/2025',
    ]);
    expect(numbers(await all(database, { search: '037', sort: 'numberAsc' }))).toEqual([
      'KZL01-1-0037/2024',
      'KZL01-1-0037/2025',
      'KZL01-1-0370/2025',
      'KZL01-2-0037/2025',
    ]);
  });

  test('a sequence alone is found at every desk, the first and the last of the index too', async () => {
    for (const numbersHeld of [
      ['KZL01-1-0037/2025'],
      ['AKK00-1-0037/2025', 'KZL01-1-0037/2025', 'KZL01-1-0001/2025'],
      ['AKK00-1-0037/2025', 'KZL01-1-0037/2025', 'KZL01-2-0037/2025', 'KZL01-3-0037/2025'],
    ]) {
      const database = freshDb();
      await addJournalRows(
        database,
        numbersHeld.map((number, i) => row({ number, date: `2025-02-${10 + i}` })),
      );
      const found = numbers(await all(database, { search: '37', sort: 'numberAsc' }));
      expect(found).toEqual(numbersHeld.filter((n) => n.includes('-0037/')).sort());
    }
  });

  test('an IIN by its first digits or in full', async () => {
    const database = freshDb();
    await addJournalRows(database, [
      row({ iin: '850315400124', name: 'Сейітова Әйгерім' }),
      row({ iin: '850316300111', name: 'Омаров Бақыт' }),
      row({ iin: '920101300222', name: 'Ким Виктор' }),
    ]);
    expect(names(await all(database, { search: '85031', sort: 'nameAsc' }))).toEqual([
      'Омаров Бақыт',
      'Сейітова Әйгерім',
    ]);
    expect(names(await all(database, { search: '850315400124' }))).toEqual(['Сейітова Әйгерім']);
    expect(await all(database, { search: '850315400125' })).toEqual([]);
  });

  test('twelve digits are a whole IIN, not the start of a number’s sequence', async () => {
    const database = freshDb();
    await addJournalRows(database, [
      row({ iin: '850315400124', name: 'Сейітова Әйгерім', number: 'KZL01-1-0001/2025' }),
      // A sequence of twelve digits: a number no desk gives, but one the number's form allows.
      row({ iin: '920101300222', name: 'Ким Виктор', number: 'KZL01-1-850315400124/2025' }),
    ]);
    expect(names(await all(database, { search: '850315400124' }))).toEqual(['Сейітова Әйгерім']);
    expect(names(await all(database, { search: '8503154001' }))).toEqual([
      'Ким Виктор',
      'Сейітова Әйгерім',
    ]);
    expect(names(await all(database, { search: 'KZL01-1-850315400124/2025' }))).toEqual([
      'Ким Виктор',
    ]);
  });

  test('a name by word prefixes, folding Kazakh letters and Latin look-alikes', async () => {
    const database = freshDb();
    await addJournalRows(database, [
      row({ name: 'Әбенов Нұрлан Қайратұлы' }),
      row({ name: 'Абенова Гүлнар' }),
      row({ name: 'Ісаев Ерлан' }),
      row({ name: 'Нұрланов Абай' }),
      row({ name: 'Ахметов Нұрлан' }),
    ]);
    expect(names(await all(database, { search: 'абен', sort: 'nameAsc' }))).toEqual([
      'Абенова Гүлнар',
      'Әбенов Нұрлан Қайратұлы',
    ]);
    expect(names(await all(database, { search: 'ӘБЕНОВ', sort: 'nameAsc' }))).toEqual([
      'Абенова Гүлнар',
      'Әбенов Нұрлан Қайратұлы',
    ]);
    // Latin I typed for Kazakh І.
    expect(names(await all(database, { search: 'Iсаев' }))).toEqual(['Ісаев Ерлан']);
    // Every word must match the start of some word of the name, in any order.
    expect(names(await all(database, { search: 'нурлан абен' }))).toEqual([
      'Әбенов Нұрлан Қайратұлы',
    ]);
    expect(names(await all(database, { search: 'нұр аб', sort: 'nameAsc' }))).toEqual([
      'Әбенов Нұрлан Қайратұлы',
      'Нұрланов Абай',
    ]);
    expect(await all(database, { search: 'абен ким' })).toEqual([]);
  });

  test('finds a case registered through the case store by a folded prefix of its name', async () => {
    const database = freshDb();
    const actor: Actor = {
      userId: 'u-spec',
      role: 'specialist',
      officeId: 'KZL01',
      districtId: 'KZL',
      deviceId: 'desk-1',
    };
    await seedActors(database, actor);
    const act: ActContext = {
      actor,
      legalTime: '2025-03-03T10:00',
      nowMs: Date.UTC(2025, 2, 3, 5),
      newId: () => crypto.randomUUID(),
    };
    const draft = sampleRegistrationDraft({
      applicant: { ...sampleApplicant, lastName: 'Әбенова', firstName: 'Сәуле' },
    });
    const saved = await registerApplication(
      database,
      'case-1',
      draft,
      { officeCode: 'KZL01', deviceNo: 1 },
      act,
    );
    expect(saved.ok).toBe(true);
    const rows = await all(database, { search: 'абен саул' });
    expect(rows.map((r) => [r.id, r.number, r.applicantName])).toEqual([
      ['case-1', 'KZL01-1-0001/2025', 'Әбенова Сәуле Қайратқызы'],
    ]);
  });
});

describe('journal filters', () => {
  // Fuel aid times no step of the akimat: these rows are late only by their whole term.
  const FUEL = 'fuel-aid-rural-social-specialists';
  async function seedDeadlines(database: DeskDatabase, withLateStep = false) {
    await addJournalRows(database, [
      row({ name: 'Overdue', dueDate: '2025-03-04', serviceId: FUEL }),
      row({ name: 'Today', dueDate: '2025-03-05', serviceId: FUEL }),
      row({ name: 'Friday', dueDate: '2025-03-07', serviceId: FUEL }),
      // Monday 10.03 is a day off, so Tuesday 11.03 is the third working day.
      row({ name: 'Tuesday', dueDate: '2025-03-11', serviceId: FUEL }),
      row({ name: 'Wednesday', dueDate: '2025-03-12', serviceId: FUEL }),
      row({ name: 'Issued late', dueDate: '2025-03-01', stage: 'issued', serviceId: FUEL }),
      row({ name: 'Withdrawn', dueDate: '2025-03-06', stage: 'withdrawn', serviceId: FUEL }),
      // Targeted assistance registered on Mon 03.03, due 02.04: the akim's 30 minutes for the
      // resolution (001:11141 / 4906) ran out on Monday. The step is late, the term is not.
      ...(withLateStep
        ? [row({ name: 'Step late', date: '2025-03-03', dueDate: '2025-04-02' })]
        : []),
    ]);
  }

  test('R-CAL-1: "due soon" is due today or within 3 working days on the holiday calendar', async () => {
    expect(dueSoonLastDate(TODAY, calendar)).toBe('2025-03-11');
    const database = freshDb();
    await seedDeadlines(database);
    expect(names(await all(database, { deadline: 'dueSoon', sort: 'dueAsc' }))).toEqual([
      'Today',
      'Friday',
      'Tuesday',
    ]);
    expect(
      names(
        await all(
          database,
          { deadline: 'dueSoon', sort: 'dueAsc' },
          { ...ctx, rowsAtOnceLimit: 0 },
        ),
      ),
    ).toEqual(['Today', 'Friday', 'Tuesday']);
  });

  test('overdue is an open case past its due date or its step’s; closed cases are never overdue', async () => {
    const database = freshDb();
    await seedDeadlines(database, true);
    expect(names(await all(database, { deadline: 'overdue' })).sort()).toEqual([
      'Overdue',
      'Step late',
    ]);
    // The late index (the filter alone), the row path and the key path (every condition large) agree.
    for (const path of [{ lateIndex: false }, { lateIndex: false, rowsAtOnceLimit: 0 }]) {
      expect(
        names(await all(database, { deadline: 'overdue' }, { ...ctx, ...path })).sort(),
      ).toEqual(['Overdue', 'Step late']);
    }
    // Newest first, then the number: the same order from the index's keys as from the rows.
    for (const sort of ['dateDesc', 'numberAsc'] as const) {
      expect(names(await all(database, { deadline: 'overdue', sort }))).toEqual(
        names(await all(database, { deadline: 'overdue', sort }, { ...ctx, lateIndex: false })),
      );
    }
    await database.cases.filter((r) => r.applicantName === 'Step late').delete();
    expect(await deadlineCounts(database, NOW)).toEqual({ overdue: 1, dueToday: 1 });
    expect(
      names(
        await all(
          database,
          { deadline: 'overdue' },
          { ...ctx, lateIndex: false, rowsAtOnceLimit: 0 },
        ),
      ),
    ).toEqual(['Overdue']);
    expect(names(await openCasesDueBy(database, '2025-03-07')).sort()).toEqual([
      'Friday',
      'Overdue',
      'Today',
    ]);
  });

  test('a certificate due at 10:15 today is due today at 10:00 and overdue from 10:16, in every count', async () => {
    const database = freshDb();
    const certificate = row({
      name: 'Анықтама Алу',
      date: TODAY,
      serviceId: 'asp-recipient-certificate',
    });
    expect(certificate.due).toBe(`${TODAY}T10:15`);
    await addJournalRows(database, [certificate]);
    const at = (now: string) => ({ ...ctx, now });
    expect(names(await all(database, { deadline: 'dueSoon' }, at(`${TODAY}T10:00`)))).toEqual([
      'Анықтама Алу',
    ]);
    expect(await deadlineCounts(database, `${TODAY}T10:15`)).toEqual({ overdue: 0, dueToday: 1 });
    expect(await deadlineCounts(database, `${TODAY}T10:16`)).toEqual({ overdue: 1, dueToday: 0 });
    expect(names(await all(database, { deadline: 'overdue' }, at(`${TODAY}T10:16`)))).toEqual([
      'Анықтама Алу',
    ]);
    expect(await all(database, { deadline: 'dueSoon' }, at(`${TODAY}T10:16`))).toEqual([]);
  });

  test('a suspended case is listed as suspended, never as overdue or due soon', async () => {
    const database = freshDb();
    await addJournalRows(database, [
      row({ name: 'Тоқтатылған Іс', dueDate: '2025-03-04', suspended: true }),
      row({ name: 'Мерзімі Өткен', dueDate: '2025-03-04' }),
    ]);
    expect(names(await all(database, { deadline: 'suspended' }))).toEqual(['Тоқтатылған Іс']);
    expect(names(await all(database, { deadline: 'overdue' }))).toEqual(['Мерзімі Өткен']);
    expect(await all(database, { deadline: 'dueSoon' })).toEqual([]);
    expect(await deadlineCounts(database, NOW)).toEqual({ overdue: 1, dueToday: 0 });
  });

  test('service and stage filters, alone and with a search', async () => {
    const database = freshDb();
    await addJournalRows(database, [
      row({ name: 'Ахметов Бек', serviceId: 'child-benefit-under-18', stage: 'forwarded' }),
      row({ name: 'Ахметова Дана', serviceId: 'targeted-social-assistance', stage: 'issued' }),
      row({ name: 'Бекова Айша', serviceId: 'child-benefit-under-18', stage: 'withdrawn' }),
      row({ name: 'Ахмедов Ержан', serviceId: 'child-benefit-under-18', stage: 'notAccepted' }),
    ]);
    const q = (query: JournalQuery) => all(database, { ...query, sort: 'nameAsc' }).then(names);
    expect(await q({ serviceId: 'child-benefit-under-18' })).toEqual([
      'Ахмедов Ержан',
      'Ахметов Бек',
      'Бекова Айша',
    ]);
    expect(await q({ stage: 'open' })).toEqual(['Ахметов Бек']);
    expect(await q({ stage: 'closed' })).toEqual(['Ахмедов Ержан', 'Ахметова Дана', 'Бекова Айша']);
    expect(await q({ stage: 'issued' })).toEqual(['Ахметова Дана']);
    expect(await q({ search: 'ахме', serviceId: 'child-benefit-under-18' })).toEqual([
      'Ахмедов Ержан',
      'Ахметов Бек',
    ]);
    expect(
      await q({ search: 'ахме', stage: 'closed', serviceId: 'child-benefit-under-18' }),
    ).toEqual(['Ахмедов Ержан']);
  });
});

describe('the name index answers a name search as the rows do', () => {
  test('same cases, same order, newest first and in book order, one word or two', async () => {
    const database = freshDb();
    const people = ['Бондаренко Ерлан', 'Бонд Сәуле', 'Әбенова Сәуле', 'Абенов Бондарь', 'Ким Ли'];
    const dates = ['2025-03-03', '2025-03-03', '2025-03-04', '2024-12-30'];
    await addJournalRows(
      database,
      people.flatMap((name, i) =>
        dates.map((date, j) =>
          row({
            name,
            date,
            number:
              j === 3 && i === 0
                ? '2-1/7'
                : `KZL01-${1 + (i % 2)}-${String(10 * i + j + 1).padStart(4, '0')}/${date.slice(0, 4)}`,
            ...(j === 3 && i === 0 ? { stage: 'notAccepted' as const } : {}),
          }),
        ),
      ),
    );
    for (const search of ['бонд', 'сәуле', 'абенов', 'әбен сәу', 'бон сәу', 'ким', 'жоқ']) {
      for (const sort of ['dateDesc', 'numberAsc'] as const) {
        const fromIndex = await all(database, { search, sort });
        const fromRows = await all(database, { search, sort }, { ...ctx, nameIndex: false });
        expect(numbers(fromIndex), `${search} ${sort}`).toEqual(numbers(fromRows));
      }
    }
    expect(names(await all(database, { search: 'бон сәу' }))).toEqual([
      'Бонд Сәуле',
      'Бонд Сәуле',
      'Бонд Сәуле',
      'Бонд Сәуле',
    ]);
  });
});

describe('journal order', () => {
  test('names in the Kazakh alphabet: Ә after А, Ғ after Г, Ұ Ү after У, І after Ы', async () => {
    const database = freshDb();
    const list = ['Ыбыраев Ы', 'Ұланов Ұ', 'Үсенов Ү', 'Ахметов А', 'Әбенов Ә', 'Ісаев І'];
    list.push('Уәлиев У', 'Ғаниев Ғ', 'Гүлов Г', 'Қасымов Қ', 'Кәрімов К');
    await addJournalRows(
      database,
      list.map((name) => row({ name })),
    );
    expect(names(await all(database, { sort: 'nameAsc' }))).toEqual([
      'Ахметов А',
      'Әбенов Ә',
      'Гүлов Г',
      'Ғаниев Ғ',
      'Кәрімов К',
      'Қасымов Қ',
      'Уәлиев У',
      'Ұланов Ұ',
      'Үсенов Ү',
      'Ыбыраев Ы',
      'Ісаев І',
    ]);
  });

  test('the book order of numbers: year, desk, sequence; other numbers last', async () => {
    expect(numberSortKey('KZL01-1-0037/2025') < numberSortKey('KZL01-1-0002/2026')).toBe(true);
    expect(numberSortKey('KZL01-1-9999/2025') < numberSortKey('KZL01-1-10000/2025')).toBe(true);
    const database = freshDb();
    await addJournalRows(database, [
      row({ number: 'KZL01-1-0002/2026', date: '2026-01-05' }),
      row({ number: 'KZL01-1-0037/2025' }),
      row({ number: '2-1/15', stage: 'notAccepted' }),
      row({ number: 'KZL01-2-0001/2025' }),
      row({ number: 'KZL01-1-0001/2026', date: '2026-01-05' }),
    ]);
    expect(numbers(await all(database, { sort: 'numberAsc' }))).toEqual([
      'KZL01-1-0037/2025',
      'KZL01-2-0001/2025',
      'KZL01-1-0001/2026',
      'KZL01-1-0002/2026',
      '2-1/15',
    ]);
  });

  /** 40 cases over 4 days, numbered in registration order, stored in random id order. */
  async function seedDays(database: DeskDatabase): Promise<CaseRow[]> {
    const rows: CaseRow[] = [];
    const days = ['2025-02-03', '2025-02-04', '2025-02-05', '2025-02-06'];
    let n = 0;
    for (const date of days) {
      for (let i = 0; i < 10; i++) {
        n += 1;
        const closed = n % 5 === 0;
        rows.push(
          row({
            date,
            number: `KZL01-1-${String(n).padStart(4, '0')}/2025`,
            stage: closed ? 'issued' : 'registered',
            // Due dates repeat, so due-date groups also straddle windows.
            dueDate: `2025-03-${String(10 + (n % 3)).padStart(2, '0')}`,
          }),
        );
      }
    }
    await addJournalRows(
      database,
      [...rows].sort(() => Math.random() - 0.5),
    );
    return rows;
  }

  async function windowsOf(database: DeskDatabase, query: JournalQuery, size: number, limit = 3) {
    const result = await queryJournal(database, query, { ...ctx, rowsAtOnceLimit: limit });
    const pages: CaseRow[] = [];
    for (let offset = 0; offset < result.total; offset += size) {
      pages.push(...(await result.window(offset, size)));
    }
    return { total: result.total, rows: pages };
  }

  test('newest first, numbers descending within a day, whatever the window size', async () => {
    const database = freshDb();
    const rows = await seedDays(database);
    const expected = numbers([...rows].reverse());
    for (const size of [1, 3, 7, 10, 40]) {
      const { total, rows: read } = await windowsOf(database, {}, size);
      expect(total).toBe(40);
      expect(numbers(read)).toEqual(expected);
    }
  });

  test('filtered to many cases, windows read from the key list keep the same order', async () => {
    const database = freshDb();
    const rows = await seedDays(database);
    const open = rows.filter((r) => r.stage !== 'issued');
    for (const size of [3, 7]) {
      const { total, rows: read } = await windowsOf(database, { stage: 'open' }, size);
      expect(total).toBe(32);
      expect(numbers(read)).toEqual(numbers([...open].reverse()));
    }
  });

  test('filtered to many cases over a year, the date index is read only as deep as the windows reach', async () => {
    const database = freshDb();
    // Two cases a date, every 7 days back over more than a year, one dated after today (a clock set
    // back), and on the first day of each of the date walk's stretches (32, 64, 128 … days).
    const rows: CaseRow[] = [];
    // The stretches: [02.02.2025, …), [30.11.2024, 02.02.2025), [25.07.2024, 30.11.2024) …
    const firsts = [32, 96, 224].map((days) => addDays(TODAY, 1 - days));
    const dates = [
      '2025-03-20',
      ...Array.from({ length: 60 }, (_, k) => addDays(TODAY, -7 * k)),
      ...firsts,
    ].sort((a, b) => b.localeCompare(a));
    dates.forEach((date, k) => {
      for (const i of [1, 2]) {
        const n = 1000 - 2 * k + i;
        rows.push(
          row({
            date,
            number: `KZL01-1-${String(n).padStart(4, '0')}/${date.slice(0, 4)}`,
            stage: n % 3 === 0 ? 'issued' : 'registered',
          }),
        );
      }
    });
    await addJournalRows(
      database,
      [...rows].sort(() => Math.random() - 0.5),
    );
    // Newest first, numbers descending within a date.
    const open = rows
      .filter((r) => r.stage === 'registered')
      .sort((a, b) => b.date.localeCompare(a.date) || b.number.localeCompare(a.number));
    for (const size of [1, 4, 9, 200]) {
      const { total, rows: read } = await windowsOf(database, { stage: 'open' }, size);
      expect(total).toBe(open.length);
      expect(numbers(read)).toEqual(numbers(open));
    }
    // The first page reads the last month's stretch of the date index's keys (7 dates, 14 cases),
    // not the whole index.
    const result = await queryJournal(database, { stage: 'open' }, { ...ctx, rowsAtOnceLimit: 3 });
    const collection = Object.getPrototypeOf(database.cases.toCollection()) as {
      primaryKeys: () => PromiseLike<unknown[]>;
    };
    const primaryKeys = vi.spyOn(collection, 'primaryKeys');
    const keysRead = async () =>
      (
        await Promise.all(primaryKeys.mock.results.map((r) => r.value as PromiseLike<unknown[]>))
      ).flat().length;
    expect(numbers(await result.window(0, 2))).toEqual(numbers(open.slice(0, 2)));
    expect(await keysRead()).toBe(14);
    // A window deep in the list reads on; the list is the same.
    expect(numbers(await result.window(open.length - 3, 3))).toEqual(numbers(open.slice(-3)));
    expect(numbers(await result.window(2, 3))).toEqual(numbers(open.slice(2, 5)));
    expect(await keysRead()).toBe(rows.length);
    primaryKeys.mockRestore();
  });

  test('by due date: open cases nearest first, then closed cases newest first', async () => {
    const database = freshDb();
    const rows = await seedDays(database);
    const open = rows
      .filter((r) => r.openDueDate !== undefined)
      .sort(
        (a, b) =>
          (a.openDueDate ?? '').localeCompare(b.openDueDate ?? '') ||
          a.number.localeCompare(b.number),
      );
    const closed = rows.filter((r) => r.openDueDate === undefined).reverse();
    const expected = numbers([...open, ...closed]);
    for (const size of [4, 9, 40]) {
      expect(numbers((await windowsOf(database, { sort: 'dueAsc' }, size)).rows)).toEqual(expected);
      const filtered = await windowsOf(
        database,
        { sort: 'dueAsc', serviceId: 'targeted-social-assistance' },
        size,
      );
      expect(numbers(filtered.rows)).toEqual(expected);
    }
  });

  test('the export reads every row of the result in order', async () => {
    const database = freshDb();
    const rows = await seedDays(database);
    const result = await queryJournal(database, {}, ctx);
    expect(numbers(await journalRows(result, 6))).toEqual(numbers([...rows].reverse()));
  });
});

describe('live windows', () => {
  test('a watched window follows new and changed cases', async () => {
    const database = freshDb();
    await addJournalRows(database, [row({ name: 'Бірінші', date: '2025-02-03' })]);
    const result = await queryJournal(database, {}, ctx);
    const seen: string[][] = [];
    let resolveNext: (() => void) | null = null;
    const stop = watchJournalWindow(result, 0, 10, (rows) => {
      seen.push(names(rows));
      resolveNext?.();
    });
    const next = () => new Promise<void>((resolve) => (resolveNext = resolve));
    await (seen.length > 0 ? Promise.resolve() : next());
    expect(seen.at(-1)).toEqual(['Бірінші']);
    const first = (await database.cases.toArray())[0];
    const changed = next();
    await writeJournalRow(database, {
      ...(first as CaseRow),
      applicantName: 'Бірінші (түзетілді)',
    });
    await changed;
    expect(seen.at(-1)).toEqual(['Бірінші (түзетілді)']);
    stop();
  });
});
