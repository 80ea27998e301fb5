// The registration journal over the `cases` table (CaseRow, one per case), built to stay fast at
// 100,000 rows. What must stay true:
// - Nothing here loads the whole table to show the first page of the default view (date, newest
//   first): that view is read as index windows (offset + limit on the `date` index), and its size is
//   the journal's tally (journal-tallies.ts), never a native count, which walks every row on disk.
// - A name search alone (the commonest search) is answered from the name index's keys (name-index.ts),
//   the overdue filter alone from the late index's keys (late-index.ts), and both read rows only for
//   the window on screen.
// - Any other search or filter is answered from its index ranges (a name word from the name index's
//   keys: the rows have no name index): the most selective condition (counted natively first) has its
//   rows read with one getAll per range, the others are tested on those rows in JS, and the few
//   survivors are sorted. Conditions that all match many cases are intersected as key sets
//   (getAllKeys, no rows) and ordered by the sort index's keys, so each window is a bulk get of the
//   ids at its positions, at any scroll depth. Newest first, the date index's keys are read a stretch
//   of dates at a time, only as deep as the windows asked for reach (dateWalk): the first page of an
//   okrug's or a service's cases reads the last weeks of the index, not its 100,000 keys.
// - Inside one sort key (many cases share a date or a due date) the order is fixed by the registration
//   number, never by the random case id. Index windows reach that order by re-reading the whole group of
//   equal keys at each edge of the window (a day's registrations: tens of rows), so every case has one
//   position and the order does not depend on where a window starts.
import { liveQuery, type Collection, type InsertType } from 'dexie';
import { numberSortKey, TERMINAL_STAGES, CASE_STAGES } from '../../../shared/case';
import type { CaseStage } from '../../../shared/case';
import type { WorkingCalendar } from '../../../shared/calendar';
import { AT_RISK_WORKING_DAYS } from '../../../shared/deadlines';
import { IIN_LENGTH } from '../../../shared/identity';
import { isLateAt } from '../../../shared/journal';
import { searchTokens } from '../../../shared/text';
import { addDays, datePart, type LocalDate, type LocalDateTime } from '../../../shared/time';
import { prepareBlindValues } from './at-rest';
import type { CaseRow, DeskDatabase } from './database';
import { readJournalTallies } from './journal-tallies';
import { lateUpperBound } from './late-index';
import { nameKeyRange, parseJournalKey, type JournalKeyEntry } from './name-index';

export const JOURNAL_SORTS = ['dateDesc', 'dueAsc', 'numberAsc', 'nameAsc'] as const;
/**
 * - dateDesc: registration date, newest first (the default), then number, highest first;
 * - dueAsc: open cases by due date, nearest first, then the closed ones by date, newest first;
 * - numberAsc: the book's own order: year, office, desk, sequence;
 * - nameAsc: applicant's name in Kazakh alphabetical order (compareKazakh).
 */
export type JournalSort = (typeof JOURNAL_SORTS)[number];

/** 'open' = every stage that is not terminal; 'closed' = issued, withdrawn, not accepted. */
export type JournalStageFilter = 'open' | 'closed' | CaseStage;
/**
 * overdue: the current step or the whole term is late (shared/journal isLateAt, whoever's it is: the
 * status column says whose); dueSoon (due today, or ≤ 3 working days left) / suspended: the term's
 * status as shared/schedule termStateOf gives it, the same answer as the case page and the dashboard.
 */
export type JournalDeadlineFilter = 'dueSoon' | 'overdue' | 'suspended';

export interface JournalQuery {
  /** A registration number (or its sequence), an IIN or its first digits, or words of a name. */
  search?: string;
  serviceId?: string | null;
  stage?: JournalStageFilter | null;
  deadline?: JournalDeadlineFilter | null;
  /** The office (okrug) that opened the case: the district desk's okrug filter. */
  officeId?: string | null;
  sort?: JournalSort;
}

export interface JournalContext {
  /** The office's wall clock now (from the desk clock): deadline filters judge every case at it. */
  now: LocalDateTime;
  calendar: WorkingCalendar;
  /** Orders names; default compareKazakh. */
  compareNames?: (a: string, b: string) => number;
  /** Default ROWS_AT_ONCE_LIMIT; tests lower it to reach the many-keys path with few rows. */
  rowsAtOnceLimit?: number;
  /** Default true: a name search is answered from the name index; tests compare it with the rows. */
  nameIndex?: boolean;
  /** Default true: the overdue filter alone is answered from the late index; tests compare too. */
  lateIndex?: boolean;
}

export interface JournalResult {
  /** How many cases match. */
  readonly total: number;
  /** The cases at positions [offset, offset + limit) of the ordered result. */
  window(offset: number, limit: number): Promise<CaseRow[]>;
}

/** Above this many matching keys the rows are not read at once; the sort index orders the keys. */
export const ROWS_AT_ONCE_LIMIT = 3000;

export const OPEN_STAGES: readonly CaseStage[] = CASE_STAGES.filter(
  (s) => s !== 'new' && !TERMINAL_STAGES.includes(s),
);

/**
 * The last due date that counts as "due soon" today: due today, or with at most 3 working days left,
 * the same rule as termStatus's dueToday/atRisk (working days in (today, due] ≤ 3). That is every date
 * before the 4th working day after today.
 */
export function dueSoonLastDate(today: LocalDate, calendar: WorkingCalendar): LocalDate {
  return addDays(calendar.addWorkingDays(today, AT_RISK_WORKING_DAYS + 1), -1);
}

// ---- search ---------------------------------------------------------------------------------------

export type JournalSearch =
  | { kind: 'none' }
  /** Only digits: an IIN prefix, or a registration number's sequence. */
  | { kind: 'digits'; digits: string }
  /** Letters with digits, or '-' '/' between digits: a registration or receipt number. */
  | { kind: 'number'; text: string }
  /** Words: prefixes of the applicant's name, folded (shared/text), in any order. */
  | { kind: 'name'; tokens: string[] };

export function parseJournalSearch(text: string): JournalSearch {
  const trimmed = text.normalize('NFC').trim();
  if (trimmed === '') return { kind: 'none' };
  const compact = trimmed.replace(/\s+/g, '');
  if (/^\d+$/.test(compact)) return { kind: 'digits', digits: compact };
  // Names never hold digits; numbers always do.
  if (/\d/.test(compact)) return { kind: 'number', text: compact };
  const tokens = [...new Set(searchTokens(trimmed))];
  return tokens.length === 0 ? { kind: 'none' } : { kind: 'name', tokens };
}

/** `${officeCode}-${deviceNo}-` of a canonical number (shared/case registration-number). */
const DESK_PREFIX = /^([\p{L}\p{N}]{1,16}-[1-9]\d?-)\d{4,}\/\d{4}$/u;
const MAX_PREFIX_PROBES = 200;

/**
 * The distinct desk prefixes ("KZL01-1-") among the numbers, found by skipping through the number
 * index one prefix at a time (one index probe per desk, not a scan): people type the sequence alone
 * ("37", "0037/2025"), which is not a prefix of the stored number. The last number is read with the
 * first probe, and the walk stops at its prefix (the numbers of one prefix are one run of the index):
 * a journal of one desk is one round of reads, of two desks two.
 */
async function deskPrefixes(db: DeskDatabase): Promise<string[]> {
  const prefixes: string[] = [];
  const after = async (bound: string) =>
    (await db.cases.where('number').above(bound).limit(1).keys())[0];
  const [first, [last]] = await Promise.all([
    after(''),
    db.cases.orderBy('number').reverse().limit(1).keys(),
  ]);
  const lastPrefix = typeof last === 'string' ? DESK_PREFIX.exec(last)?.[1] : undefined;
  let key = first;
  for (let probe = 0; probe < MAX_PREFIX_PROBES && typeof key === 'string'; probe++) {
    const prefix = DESK_PREFIX.exec(key)?.[1];
    if (prefix === undefined) {
      // A receipt number in its own format: step over it.
      key = await after(key);
      continue;
    }
    prefixes.push(prefix);
    if (prefix === lastPrefix) break;
    key = await after(`${prefix}\uffff`);
  }
  return prefixes;
}

/** An index range of the journal's rows. */
type CaseRange = Collection<CaseRow, string, InsertType<CaseRow, 'id'>>;

/**
 * One condition of a query, twice: as where to find its cases and as a test on a row. Its cases are
 * index ranges of `cases` (a native count, getAll or getAllKeys each), or the ids a keys-only index
 * gives (a name word: the name index's keys, read once). The query reads the rows of its most
 * selective condition and tests the others in JS.
 */
interface RangeConstraint {
  readonly ranges: readonly CaseRange[];
  readonly test: (row: CaseRow) => boolean;
}
interface IdsConstraint {
  readonly ids: () => Promise<ReadonlySet<string>>;
  readonly test: (row: CaseRow) => boolean;
}
type Constraint = RangeConstraint | IdsConstraint;

async function sizeOf(constraint: Constraint): Promise<number> {
  if ('ids' in constraint) return (await constraint.ids()).size;
  const counts = await Promise.all(constraint.ranges.map((range) => range.count()));
  return counts.reduce((sum, n) => sum + n, 0);
}

async function rowsOfConstraint(db: DeskDatabase, constraint: Constraint): Promise<CaseRow[]> {
  if ('ids' in constraint) return rowsOf(db, [...(await constraint.ids())]);
  const parts = await Promise.all(constraint.ranges.map((range) => range.toArray()));
  // Ranges of one condition may overlap (an IIN and a number that both start with the digits).
  const byId = new Map<string, CaseRow>();
  for (const part of parts) for (const row of part) byId.set(row.id, row);
  return [...byId.values()];
}

async function keysOfConstraint(constraint: Constraint): Promise<ReadonlySet<string>> {
  if ('ids' in constraint) return constraint.ids();
  const parts = await Promise.all(constraint.ranges.map((range) => range.primaryKeys()));
  return new Set(parts.flat());
}

/** The name index's entries of the cases with a name word starting with `token`, by case id. */
async function nameWordEntries(
  db: DeskDatabase,
  token: string,
): Promise<Map<string, JournalKeyEntry>> {
  const [lower, upper] = nameKeyRange(token);
  const keys = await db.caseNames.where(':id').between(lower, upper, true, true).primaryKeys();
  const byId = new Map<string, JournalKeyEntry>();
  for (const key of keys) {
    const entry = parseJournalKey(key);
    if (entry) byId.set(entry.id, entry);
  }
  return byId;
}

/** A name word as a condition: its cases from the name index, read once however often asked. */
function nameWordConstraint(db: DeskDatabase, token: string): Constraint {
  let ids: Promise<ReadonlySet<string>> | null = null;
  return {
    ids: () => (ids ??= nameWordEntries(db, token).then((entries) => new Set(entries.keys()))),
    test: (row) => row.nameTokens.some((word) => word.startsWith(token)),
  };
}

/** Whether a number matches what was typed: its start, or the start of its sequence. */
function numberMatches(number: string, typed: string): boolean {
  if (number.toLowerCase().startsWith(typed.toLowerCase())) return true;
  const prefix = DESK_PREFIX.exec(number)?.[1];
  if (prefix === undefined) return false;
  const rest = number.slice(prefix.length);
  return (
    rest.startsWith(typed) ||
    (/^\d{1,3}$/.test(typed) && rest.startsWith(`${typed.padStart(4, '0')}/`))
  );
}

async function numberConstraint(db: DeskDatabase, typed: string): Promise<RangeConstraint> {
  const index = () => db.cases.where('number');
  // Office codes are letters: a code typed in lower case still finds the number.
  const ranges = [
    /\p{L}/u.test(typed) ? index().startsWithIgnoreCase(typed) : index().startsWith(typed),
  ];
  for (const prefix of await deskPrefixes(db)) {
    ranges.push(index().startsWith(prefix + typed));
    // "37" is the sequence 0037: numbers pad the sequence to four digits.
    if (/^\d{1,3}$/.test(typed)) {
      ranges.push(index().startsWith(`${prefix}${typed.padStart(4, '0')}/`));
    }
  }
  return { ranges, test: (row) => numberMatches(row.number, typed) };
}

async function searchConstraints(db: DeskDatabase, search: JournalSearch): Promise<Constraint[]> {
  switch (search.kind) {
    case 'none':
      return [];
    case 'digits': {
      // The IIN's blind value is made (WebCrypto) while the number index is probed.
      prepareBlindValues(db.atRest, [search.digits], []);
      // Twelve digits are a whole IIN, never a number's sequence (a desk numbers a year's cases
      // from 0001): the number index is not probed, which is most of an IIN lookup's reads.
      if (search.digits.length === IIN_LENGTH) {
        return [
          {
            ranges: [db.cases.where('iin').equals(search.digits)],
            test: (row) => row.iin === search.digits,
          },
        ];
      }
      const number = await numberConstraint(db, search.digits);
      return [
        {
          ranges: [db.cases.where('iin').startsWith(search.digits), ...number.ranges],
          test: (row) => row.iin.startsWith(search.digits) || number.test(row),
        },
      ];
    }
    case 'number':
      return [await numberConstraint(db, search.text)];
    case 'name':
      // Every word must start some word of the name: one condition per word.
      return search.tokens.map((token) => nameWordConstraint(db, token));
  }
}

// ---- filters --------------------------------------------------------------------------------------

function stagesOf(filter: JournalStageFilter): readonly CaseStage[] {
  if (filter === 'open') return OPEN_STAGES;
  if (filter === 'closed') return TERMINAL_STAGES;
  return [filter];
}

function filterConstraints(
  db: DeskDatabase,
  query: JournalQuery,
  ctx: JournalContext,
): Constraint[] {
  const out: Constraint[] = [];
  const today = datePart(ctx.now);
  // Late now ⇔ overdueFrom ≤ now or stepOverdueFrom ≤ now (shared/journal isLateAt; overdueFrom
  // mirrors isPastDue) ⇔ lateFrom ≤ now, the earlier of the two: one exact range, so the
  // key-intersection path agrees with rowWork and the case page's termStateOf too.
  if (query.deadline === 'overdue') {
    out.push({
      ranges: [db.cases.where('lateFrom').belowOrEqual(ctx.now)],
      test: (row) => isLateAt(row, ctx.now),
    });
  } else if (query.deadline === 'dueSoon') {
    // Due today or within 3 working days, and not overdue already (a minute term past its moment).
    const last = dueSoonLastDate(today, ctx.calendar);
    out.push(
      {
        ranges: [db.cases.where('openDueDate').between(today, last, true, true)],
        test: (row) =>
          row.openDueDate !== undefined && row.openDueDate >= today && row.openDueDate <= last,
      },
      {
        ranges: [db.cases.where('overdueFrom').above(ctx.now)],
        test: (row) => row.overdueFrom !== undefined && row.overdueFrom > ctx.now,
      },
    );
  } else if (query.deadline === 'suspended') {
    out.push({
      ranges: [db.cases.where('termPhase').equals('suspended')],
      test: (row) => row.termPhase === 'suspended',
    });
  }
  const serviceId = query.serviceId;
  if (serviceId) {
    out.push({
      ranges: [db.cases.where('serviceId').equals(serviceId)],
      test: (row) => row.serviceId === serviceId,
    });
  }
  const officeId = query.officeId;
  if (officeId) {
    out.push({
      ranges: [db.cases.where('officeId').equals(officeId)],
      test: (row) => row.officeId === officeId,
    });
  }
  if (query.stage) {
    const stages = stagesOf(query.stage);
    out.push({
      // One plain range per stage: each is a native read, where anyOf() would walk a cursor.
      ranges: stages.map((stage) => db.cases.where('stage').equals(stage)),
      test: (row) => stages.includes(row.stage),
    });
  }
  return out;
}

function intersect(sets: readonly ReadonlySet<string>[]): Set<string> {
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  if (!smallest) return new Set();
  return new Set([...smallest].filter((k) => rest.every((s) => s.has(k))));
}

// ---- order ----------------------------------------------------------------------------------------

// Kazakh alphabetical order is shared/text's (the hub orders names the same way).
import { compareKazakh } from '../../../shared/text/collation';
export { compareKazakh };

export { numberSortKey };

type Compare = (a: CaseRow, b: CaseRow) => number;

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Sort keys of rows already compared: a sort of a few thousand rows parses each number once. */
const numberKeys = new WeakMap<CaseRow, string>();
function numberKeyOf(row: CaseRow): string {
  let key = numberKeys.get(row);
  if (key === undefined) {
    key = numberSortKey(row.number);
    numberKeys.set(row, key);
  }
  return key;
}
const byNumberAsc: Compare = (a, b) =>
  byString(numberKeyOf(a), numberKeyOf(b)) || byString(a.id, b.id);
const byDateDesc: Compare = (a, b) => byString(b.date, a.date) || byNumberAsc(b, a);
const byDueAsc: Compare = (a, b) => {
  const da = a.openDueDate;
  const dbd = b.openDueDate;
  if (da !== undefined && dbd !== undefined) return byString(da, dbd) || byNumberAsc(a, b);
  if (da !== undefined) return -1;
  if (dbd !== undefined) return 1;
  return byDateDesc(a, b);
};

export function journalComparator(
  sort: JournalSort,
  compareNames: (a: string, b: string) => number,
): Compare {
  switch (sort) {
    case 'dateDesc':
      return byDateDesc;
    case 'dueAsc':
      return byDueAsc;
    case 'numberAsc':
      return byNumberAsc;
    case 'nameAsc':
      return (a, b) => compareNames(a.applicantName, b.applicantName) || byDateDesc(a, b);
  }
}

// ---- segments: pieces of an ordered result that know how to read a window ----------------------------

interface Segment {
  readonly count: number;
  window(offset: number, limit: number): Promise<CaseRow[]>;
}

type SortIndex = 'date' | 'openDueDate';

interface IndexOrder {
  index: SortIndex;
  dir: 'asc' | 'desc';
  /** The full order, consistent with the index order: key first, then the tie-break. */
  compare: Compare;
}

const DATE_ORDER: IndexOrder = { index: 'date', dir: 'desc', compare: byDateDesc };
const DUE_ORDER: IndexOrder = { index: 'openDueDate', dir: 'asc', compare: byDueAsc };

function keyOf(row: CaseRow, index: SortIndex): string | undefined {
  return index === 'date' ? row.date : row.openDueDate;
}

interface Group {
  /** Position of the group's first case in the whole ordered result. */
  start: number;
  /** Every case of the group, in the full order. */
  members: CaseRow[];
}

/**
 * Rows read from an index window are in (key, case id) order. Re-orders them by the full order: the
 * cases strictly inside the window's first and last key are all here and are just sorted; for the two
 * edge keys the whole group is read and the window takes the members at its own positions.
 */
async function settleTies(
  rows: CaseRow[],
  offset: number,
  order: IndexOrder,
  groupOf: (key: string) => Promise<Group>,
): Promise<CaseRow[]> {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return rows;
  const firstKey = keyOf(first, order.index);
  const lastKey = keyOf(last, order.index);
  if (firstKey === undefined || lastKey === undefined) return rows;
  const end = offset + rows.length;
  let settled: CaseRow[];
  if (firstKey === lastKey) {
    const group = await groupOf(firstKey);
    settled = group.members.slice(offset - group.start, end - group.start);
  } else {
    const [head, tail] = await Promise.all([groupOf(firstKey), groupOf(lastKey)]);
    const middle = rows
      .filter((r) => {
        const key = keyOf(r, order.index);
        return key !== firstKey && key !== lastKey;
      })
      .sort(order.compare);
    settled = [
      ...head.members.slice(offset - head.start),
      ...middle,
      ...tail.members.slice(0, end - tail.start),
    ];
  }
  // The data changed between reading the window and its groups: the next live refresh brings a
  // consistent result; until then show the rows read, in the full order.
  return settled.length === rows.length ? settled : [...rows].sort(order.compare);
}

/** Every case of an index, read by offset and limit: the unfiltered journal. */
function indexSegment(db: DeskDatabase, order: IndexOrder, count: number): Segment {
  const ordered = () =>
    order.dir === 'desc' ? db.cases.orderBy(order.index).reverse() : db.cases.orderBy(order.index);
  const groupOf = async (key: string): Promise<Group> => {
    const where = db.cases.where(order.index);
    const [members, start] = await Promise.all([
      where.equals(key).toArray(),
      order.dir === 'desc'
        ? db.cases.where(order.index).above(key).count()
        : db.cases.where(order.index).below(key).count(),
    ]);
    return { start, members: members.sort(order.compare) };
  };
  return {
    count,
    async window(offset, limit) {
      const rows = await ordered().offset(offset).limit(limit).toArray();
      return settleTies(rows, offset, order, groupOf);
    },
  };
}

async function rowsOf(db: DeskDatabase, ids: readonly string[]): Promise<CaseRow[]> {
  const rows = await db.cases.bulkGet([...ids]);
  return rows.filter((r): r is CaseRow => r !== undefined);
}

/**
 * Ids already in the index's order; a window is a bulk get of its slice. `loadIds(needed)` gives at
 * least the first `needed` ids (all of them when there are fewer), every case of a sort key together,
 * and later calls the same list grown.
 */
function idsSegment(
  db: DeskDatabase,
  order: IndexOrder,
  count: number,
  loadIds: (needed: number) => Promise<readonly string[]>,
): Segment {
  // Each id's position, for the ids loaded so far.
  const position = new Map<string, number>();
  let positioned = 0;
  return {
    count,
    async window(offset, limit) {
      const ids = await loadIds(offset + limit);
      for (; positioned < ids.length; positioned++) position.set(ids[positioned] ?? '', positioned);
      const rows = await rowsOf(db, ids.slice(offset, offset + limit));
      return settleTies(rows, offset, order, async (key) => {
        const members = (await db.cases.where(order.index).equals(key).toArray())
          .filter((r) => position.has(r.id))
          .sort(order.compare);
        const start = members.reduce(
          (min, r) => Math.min(min, position.get(r.id) ?? Infinity),
          Infinity,
        );
        return { start: Number.isFinite(start) ? start : offset, members };
      });
    },
  };
}

/** A loader that runs once, however often and with whatever it is asked. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}

/** Days in the date walk's first stretch (the last month), each next stretch twice as many. */
const DATE_WALK_FIRST_DAYS = 32;
/** Past a stretch this long the walk reads the rest of the index at once (about 11 years). */
const DATE_WALK_LONGEST_DAYS = 4096;

/**
 * The ids of `keys` newest first, in the order orderedIds(DATE_ORDER) gives them, read from the date
 * index a stretch of dates at a time and only as deep as asked: a stretch is the index's keys (date
 * descending, then id descending) between two dates, from `today` back, each twice as long as the one
 * before, so a first page reads the last month and the whole index takes nine reads. A stretch
 * holds whole dates, so the cases of one date are never split. Calls run one after another.
 */
function dateWalk(
  db: DeskDatabase,
  keys: ReadonlySet<string>,
  today: LocalDate,
): (needed: number) => Promise<readonly string[]> {
  const ids: string[] = [];
  /** The first date of the stretch read last (null before the first); the next ends before it. */
  let upper: LocalDate | null = null;
  let days = DATE_WALK_FIRST_DAYS;
  let done = keys.size === 0;
  const stretch = async () => {
    const index = db.cases.where('date');
    let range: CaseRange;
    if (days > DATE_WALK_LONGEST_DAYS) {
      range = upper === null ? db.cases.orderBy('date') : index.below(upper);
      done = true;
    } else {
      // The first stretch runs to the index's end: a date after today (a clock set back) is in it.
      const lower = addDays(upper ?? addDays(today, 1), -days);
      range = upper === null ? index.aboveOrEqual(lower) : index.between(lower, upper, true, false);
      upper = lower;
      days *= 2;
    }
    for (const id of await range.reverse().primaryKeys()) if (keys.has(id)) ids.push(id);
    // Every key is found (ids of cases deleted meanwhile end the walk at its last stretch).
    if (ids.length >= keys.size) done = true;
  };
  let queue: Promise<readonly string[]> = Promise.resolve(ids);
  return (needed) => {
    queue = queue.then(async () => {
      while (!done && ids.length < needed) await stretch();
      return ids;
    });
    return queue;
  };
}

/** Ids in their final order (sorted in JS); a window is a bulk get of its slice. */
function sortedSegment(db: DeskDatabase, ids: readonly string[]): Segment {
  return {
    count: ids.length,
    window: (offset, limit) => rowsOf(db, ids.slice(offset, offset + limit)),
  };
}

function resultOf(segments: readonly Segment[]): JournalResult {
  const total = segments.reduce((sum, s) => sum + s.count, 0);
  return {
    total,
    async window(offset, limit) {
      const out: CaseRow[] = [];
      let skip = Math.max(0, offset);
      let wanted = Math.max(0, Math.min(limit, total - skip));
      for (const segment of segments) {
        if (wanted === 0) break;
        if (skip >= segment.count) {
          skip -= segment.count;
          continue;
        }
        const take = Math.min(wanted, segment.count - skip);
        out.push(...(await segment.window(skip, take)));
        wanted -= take;
        skip = 0;
      }
      return out;
    },
  };
}

/** Sorts the rows in JS and keeps only their ids: windows re-read the rows, so they stay live. */
function sortedResult(db: DeskDatabase, rows: CaseRow[], compare: Compare): JournalResult {
  return resultOf([
    sortedSegment(
      db,
      rows.sort(compare).map((r) => r.id),
    ),
  ]);
}

/**
 * Numbers and ids of the cases in `keys` (all when null), in the book's order. Reads the number index's
 * keys and its primary keys, which come in the same order, instead of the rows.
 */
async function idsInNumberOrder(db: DeskDatabase, keys: Set<string> | null): Promise<string[]> {
  const [numbers, ids] = await Promise.all([
    db.cases.orderBy('number').keys(),
    db.cases.orderBy('number').primaryKeys(),
  ]);
  const pairs: { id: string; sortKey: string }[] = [];
  ids.forEach((id, i) => {
    if (keys === null || keys.has(id))
      pairs.push({ id, sortKey: numberSortKey(String(numbers[i])) });
  });
  return pairs
    .sort((a, b) => byString(a.sortKey, b.sortKey) || byString(a.id, b.id))
    .map((p) => p.id);
}

/** Ids of the cases with an open term, in due-date order, and all ids in date order (newest first). */
async function orderedIds(db: DeskDatabase, order: IndexOrder): Promise<string[]> {
  return order.dir === 'desc'
    ? db.cases.orderBy(order.index).reverse().primaryKeys()
    : db.cases.orderBy(order.index).primaryKeys();
}

async function manyKeysResult(
  db: DeskDatabase,
  keys: Set<string>,
  sort: JournalSort,
  compare: Compare,
  today: LocalDate,
): Promise<JournalResult> {
  switch (sort) {
    case 'dateDesc':
      return resultOf([idsSegment(db, DATE_ORDER, keys.size, dateWalk(db, keys, today))]);
    case 'dueAsc': {
      const [open, byDate] = await Promise.all([
        orderedIds(db, DUE_ORDER),
        orderedIds(db, DATE_ORDER),
      ]);
      const openIds = open.filter((id) => keys.has(id));
      const openSet = new Set(openIds);
      const restIds = byDate.filter((id) => keys.has(id) && !openSet.has(id));
      return resultOf([
        idsSegment(db, DUE_ORDER, openIds.length, async () => openIds),
        idsSegment(db, DATE_ORDER, restIds.length, async () => restIds),
      ]);
    }
    case 'numberAsc':
      return resultOf([sortedSegment(db, await idsInNumberOrder(db, keys))]);
    case 'nameAsc':
      return sortedResult(db, await rowsOf(db, [...keys]), compare);
  }
}

async function unfilteredResult(
  db: DeskDatabase,
  sort: JournalSort,
  compare: Compare,
): Promise<JournalResult> {
  switch (sort) {
    case 'dateDesc':
      return resultOf([indexSegment(db, DATE_ORDER, (await readJournalTallies(db)).cases)]);
    case 'dueAsc': {
      const { cases: total, open } = await readJournalTallies(db);
      // The closed cases come after the open ones; their ids are read only when a window reaches them.
      return resultOf([
        indexSegment(db, DUE_ORDER, open),
        idsSegment(
          db,
          DATE_ORDER,
          total - open,
          once(async () => {
            const [byDate, openIds] = await Promise.all([
              orderedIds(db, DATE_ORDER),
              orderedIds(db, DUE_ORDER),
            ]);
            const openSet = new Set(openIds);
            return byDate.filter((id) => !openSet.has(id));
          }),
        ),
      ]);
    }
    case 'numberAsc':
      return resultOf([sortedSegment(db, await idsInNumberOrder(db, null))]);
    case 'nameAsc':
      // No index holds names in the Kazakh alphabet's order: every row is read and sorted. At 100,000
      // cases this takes about a second; a search or a filter first makes it instant.
      return sortedResult(db, await db.cases.toArray(), compare);
  }
}

/**
 * A name search in date (newest first) or book order, from the name index alone: one key range per
 * word, the cases named by every word, ordered from the keys as byDateDesc / byNumberAsc order rows.
 */
async function nameIndexResult(
  db: DeskDatabase,
  tokens: readonly string[],
  sort: 'dateDesc' | 'numberAsc',
): Promise<JournalResult> {
  const perWord = await Promise.all(tokens.map((token) => nameWordEntries(db, token)));
  const [smallest, ...rest] = perWord.sort((a, b) => a.size - b.size);
  const entries = [...(smallest?.values() ?? [])].filter((e) => rest.every((m) => m.has(e.id)));
  return resultOf([sortedSegment(db, idsInKeyOrder(entries, sort))]);
}

/** Ids of index entries in the journal's order, as byDateDesc / byNumberAsc order rows. */
function idsInKeyOrder(entries: JournalKeyEntry[], sort: 'dateDesc' | 'numberAsc'): string[] {
  const ascending = (a: JournalKeyEntry, b: JournalKeyEntry) =>
    byString(a.numberKey, b.numberKey) || byString(a.id, b.id);
  entries.sort(
    sort === 'numberAsc' ? ascending : (a, b) => byString(b.date, a.date) || ascending(b, a),
  );
  return entries.map((e) => e.id);
}

/**
 * The cases late now (the overdue filter alone) in date or book order, from the late index's keys:
 * one key range gives the count and the order, and only the window on screen is read as rows.
 */
async function lateIndexResult(
  db: DeskDatabase,
  now: LocalDateTime,
  sort: 'dateDesc' | 'numberAsc',
): Promise<JournalResult> {
  const keys = await db.caseLate.where(':id').below(lateUpperBound(now)).primaryKeys();
  const entries = keys.flatMap((key) => parseJournalKey(String(key)) ?? []);
  return resultOf([sortedSegment(db, idsInKeyOrder(entries, sort))]);
}

/**
 * Runs a journal query. Call it inside useLive so the result follows the database; read the rows of
 * the visible part with `result.window` (or watchJournalWindow, which stays live too).
 *
 * How: with no search and no filter, index windows (see indexSegment). A name search alone, newest
 * first or in book order, from the name index's keys (nameIndexResult), and the overdue filter alone
 * from the late index's keys (lateIndexResult). Otherwise every condition is
 * counted on its index ranges (native counts); when the most selective one matches at most
 * ROWS_AT_ONCE_LIMIT cases, its rows are read with one getAll per range, the other conditions are
 * tested on them in JS and the few survivors are sorted: a name or IIN search or the overdue filter
 * reads a few hundred rows and nothing else. When every condition matches many cases, only keys are
 * read (getAllKeys per range), intersected, and ordered by the sort index's keys (manyKeysResult).
 */
export async function queryJournal(
  db: DeskDatabase,
  query: JournalQuery,
  ctx: JournalContext,
): Promise<JournalResult> {
  const sort = query.sort ?? 'dateDesc';
  const compare = journalComparator(sort, ctx.compareNames ?? compareKazakh);
  const rowsAtOnce = ctx.rowsAtOnceLimit ?? ROWS_AT_ONCE_LIMIT;
  const search = parseJournalSearch(query.search ?? '');
  const filters = filterConstraints(db, query, ctx);
  if (
    search.kind === 'name' &&
    filters.length === 0 &&
    (sort === 'dateDesc' || sort === 'numberAsc') &&
    ctx.nameIndex !== false
  ) {
    return nameIndexResult(db, search.tokens, sort);
  }
  if (
    search.kind === 'none' &&
    query.deadline === 'overdue' &&
    filters.length === 1 &&
    (sort === 'dateDesc' || sort === 'numberAsc') &&
    ctx.lateIndex !== false
  ) {
    return lateIndexResult(db, ctx.now, sort);
  }
  const constraints = [...(await searchConstraints(db, search)), ...filters];
  if (constraints.length === 0) return unfilteredResult(db, sort, compare);
  const [only] = constraints;
  if (only && constraints.length === 1) {
    // One condition: its keys are its count, with no native count first (it walks the same range).
    // Few, their rows are read by id: a Dexie collection once read for keys gives keys ever after.
    const keys = new Set(await keysOfConstraint(only));
    if (keys.size <= rowsAtOnce) return sortedResult(db, await rowsOf(db, [...keys]), compare);
    return manyKeysResult(db, keys, sort, compare, datePart(ctx.now));
  }

  const sizes = await Promise.all(constraints.map(sizeOf));
  const smallest = sizes.indexOf(Math.min(...sizes));
  const source = constraints[smallest];
  if (source && (sizes[smallest] ?? Infinity) <= rowsAtOnce) {
    const rows = (await rowsOfConstraint(db, source)).filter((row) =>
      constraints.every((c) => c === source || c.test(row)),
    );
    return sortedResult(db, rows, compare);
  }
  const keys = intersect(await Promise.all(constraints.map(keysOfConstraint)));
  if (keys.size <= rowsAtOnce) return sortedResult(db, await rowsOf(db, [...keys]), compare);
  return manyKeysResult(db, keys, sort, compare, datePart(ctx.now));
}

/**
 * Follows the rows of one window: calls `onRows` now and after every change to them. Returns the
 * function that stops following.
 */
export function watchJournalWindow(
  result: JournalResult,
  offset: number,
  limit: number,
  onRows: (rows: CaseRow[]) => void,
  onError: (error: unknown) => void = () => {},
): () => void {
  const subscription = liveQuery(() => result.window(offset, limit)).subscribe({
    next: onRows,
    error: onError,
  });
  return () => subscription.unsubscribe();
}

/** Every row of a result in order, read in chunks (for the XLSX export). */
export async function journalRows(result: JournalResult, chunk = 2000): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for (let offset = 0; offset < result.total; offset += chunk) {
    rows.push(...(await result.window(offset, chunk)));
  }
  return rows;
}

// ---- deadlines (dashboard and reminder) -----------------------------------------------------------

/** Open cases due on or before `lastDate` (every overdue one included), for the deadline dashboard. */
export function openCasesDueBy(db: DeskDatabase, lastDate: LocalDate): Promise<CaseRow[]> {
  return db.cases.where('openDueDate').belowOrEqual(lastDate).toArray();
}

/** Open cases whose current step is due by `moment` (every late step included), for the dashboard. */
export function casesWithStepDueBy(db: DeskDatabase, moment: LocalDateTime): Promise<CaseRow[]> {
  return db.cases.where('stepOverdueFrom').belowOrEqual(moment).toArray();
}

/** Cases whose term stands still (suspended), for the dashboard. */
export function suspendedCases(db: DeskDatabase): Promise<CaseRow[]> {
  return db.cases.where('termPhase').equals('suspended').toArray();
}

/**
 * Open cases past their due point, and due today and not past it yet, for the morning reminder (a
 * minute term due at 10:15 is overdue at 11:00): the row's overdueFrom, as the journal filter.
 */
export async function deadlineCounts(
  db: DeskDatabase,
  now: LocalDateTime,
): Promise<{ overdue: number; dueToday: number }> {
  const today = datePart(now);
  const [overdue, dueToday] = await Promise.all([
    db.cases.where('overdueFrom').belowOrEqual(now).count(),
    db.cases
      .where('openDueDate')
      .equals(today)
      .filter((row) => (row.overdueFrom ?? '') > now)
      .count(),
  ]);
  return { overdue, dueToday };
}

/** The services that have cases in the journal (for the service filter): one probe per service. */
export async function journalServiceIds(db: DeskDatabase): Promise<string[]> {
  return (await db.cases.orderBy('serviceId').uniqueKeys()).map(String);
}

/**
 * The offices (okrugs) that opened the journal's cases, for the district's okrug filter: one probe
 * per office on the officeId index, each a fresh read of the first key above the last office found.
 * (A unique-key cursor, Dexie's uniqueKeys, steps over every entry of the index in Chromium: 0.9 s at
 * 100,000 cases, npm run bench.)
 */
export async function journalOfficeIds(db: DeskDatabase): Promise<string[]> {
  const offices: string[] = [];
  let [key] = await db.cases.orderBy('officeId').limit(1).keys();
  while (typeof key === 'string') {
    offices.push(key);
    [key] = await db.cases.where('officeId').above(key).limit(1).keys();
  }
  return offices;
}

/** One okrug's cases on the district's dashboard. */
export interface OfficeTally {
  readonly officeId: string;
  /** Open cases: the journal's stage filter 'open'. */
  readonly outstanding: number;
  /** Cases late now, whoever's the step: the journal's deadline filter 'overdue'. */
  readonly overdue: number;
}

/**
 * Each office's outstanding and overdue cases, counted with the journal's own filters (the same
 * conditions as queryJournal with { officeId, stage: 'open' } and { officeId, deadline: 'overdue' }),
 * so a figure and the list it opens always agree; every office that opened a case is listed, with
 * zeros when nothing of it is open. Reads the offices (one probe each on the officeId index), the
 * open cases' rows and the late cases' keys (a late case not among the open rows is read too): the
 * open cases are a small part of the journal, where the officeId index's keys are all of it (reading
 * those took seconds at 100,000 cases, npm run bench).
 */
export async function journalOfficeTallies(
  db: DeskDatabase,
  ctx: JournalContext,
): Promise<OfficeTally[]> {
  const [open] = filterConstraints(db, { stage: 'open' }, ctx);
  const [late] = filterConstraints(db, { deadline: 'overdue' }, ctx);
  if (!open || !late) throw new Error('the journal lost its open or overdue filter');
  const [offices, openRows, lateIds] = await Promise.all([
    journalOfficeIds(db),
    rowsOfConstraint(db, open),
    keysOfConstraint(late),
  ]);
  const byId = new Map(openRows.map((row) => [row.id, row]));
  const lateRows = [
    ...openRows.filter((row) => lateIds.has(row.id)),
    ...(await rowsOf(
      db,
      [...lateIds].filter((id) => !byId.has(id)),
    )),
  ];
  const tallies = new Map(offices.map((officeId) => [officeId, { outstanding: 0, overdue: 0 }]));
  for (const row of openRows) {
    const tally = row.officeId === null ? undefined : tallies.get(row.officeId);
    if (tally && open.test(row)) tally.outstanding += 1;
  }
  for (const row of lateRows) {
    const tally = row.officeId === null ? undefined : tallies.get(row.officeId);
    if (tally && late.test(row)) tally.overdue += 1;
  }
  return [...tallies]
    .sort(([a], [b]) => byString(a, b))
    .map(([officeId, tally]) => ({ officeId, ...tally }));
}

/** How many cases the journal holds. */
export async function journalSize(db: DeskDatabase): Promise<number> {
  return (await readJournalTallies(db)).cases;
}
