import Papa from 'papaparse';
import { normalizeText } from '../case';
import { validateIin } from '../identity';
import { searchTokens } from '../text';
import { parseQuarter, type Quarter } from './quarter';

// The district's list of targeted-assistance recipients, as a spreadsheet or CSV: one row per
// recipient with the IIN, the full name, the quarter and (optionally) the family members separated by
// ';'. District offices export it from different systems, so the header row is found by its names
// (Kazakh, Russian or English) wherever it is in the first rows, and columns may come in any order.
// One set of rules for both ends: the desk's import screen and the hub's upload (npm run hub -- tsa
// upload) check a file with this same parser, so a file the hub takes is one the desk would take.

export type TsaColumn = 'iin' | 'fullName' | 'quarter' | 'familyMembers';
export const REQUIRED_COLUMNS: readonly TsaColumn[] = ['iin', 'fullName', 'quarter'];

/** A message key of the tsaRegister (or identity) namespace with its values. */
export interface TsaMessage {
  key: string;
  values?: Record<string, string | number>;
}

export interface TsaFileRow {
  /** Line in the file (1-based, as a spreadsheet numbers rows). */
  line: number;
  iin: string;
  fullName: string;
  quarter: Quarter;
  familyMembers: string[];
}

export interface TsaRowError {
  line: number;
  /** What the row said, to show next to the reasons. */
  iin: string;
  fullName: string;
  quarter: string;
  reasons: TsaMessage[];
}

export type TsaParseResult =
  | {
      ok: true;
      rows: TsaFileRow[];
      errors: TsaRowError[];
      /** Line of the header row. */
      headerLine: number;
      columns: TsaColumn[];
    }
  /** `missing`: the required columns the header lacks. */
  | { ok: false; error: TsaMessage; missing?: TsaColumn[] };

/** Cell values as the readers give them: strings from CSV; strings, numbers, booleans, dates from XLSX. */
export type Cell = string | number | boolean | Date | null | undefined;
export type Table = readonly (readonly Cell[])[];

/**
 * A CSV file as its reader (papaparse, passed in) read it: rows, the file line each row starts on (a
 * quoted value may span lines, so row ≠ line), the rows it could not read whole, and the delimiter.
 */
export interface CsvRead {
  readonly rows: Table;
  /** 1-based file line each row starts on. */
  readonly lines: readonly number[];
  /** Indexes of rows with a quote opened and never closed (the rest of the file ran into them). */
  readonly unclosedQuote: readonly number[];
  readonly delimiter: string;
}

/** One row as a streaming CSV reader reports it: its cells, where it ended, whether it broke. */
export interface CsvStep {
  readonly cells: readonly string[];
  /** Offset in the text just after the row (papaparse's meta.cursor). */
  readonly end: number;
  readonly unclosedQuote: boolean;
}

/** Assembles a CsvRead from the reader's steps, counting the lines each row starts on. */
export function csvReadOf(text: string, steps: readonly CsvStep[], delimiter: string): CsvRead {
  const lines: number[] = [];
  const unclosedQuote: number[] = [];
  let line = 1;
  let at = 0;
  steps.forEach((step, i) => {
    lines.push(line);
    if (step.unclosedQuote) unclosedQuote.push(i);
    for (let k = at; k < step.end && k < text.length; k++) if (text[k] === '\n') line++;
    at = step.end;
  });
  return { rows: steps.map((s) => s.cells), lines, unclosedQuote, delimiter };
}

/**
 * Reads a CSV with papaparse, row by row, so each row knows the file line it starts on (a quoted
 * value may span lines). A quoted value keeps the delimiter inside it ("Әлиев А.; Әлиева Б." in a ";"
 * file stays one value); a quote never closed is reported on its row. Empty lines are kept
 * (parseTsaTable skips them).
 */
export function csvTable(text: string): CsvRead {
  const steps: CsvStep[] = [];
  let delimiter = ',';
  Papa.parse<string[]>(text, {
    delimitersToGuess: [';', ',', '\t', '|'],
    step: (result) => {
      delimiter = result.meta.delimiter;
      steps.push({
        cells: result.data,
        end: result.meta.cursor,
        // A quote never closed (MissingQuotes) or closed and followed by text (InvalidQuotes): either
        // way the reader ran on into the next rows, so where this row ends cannot be trusted.
        unclosedQuote: result.errors.some((e) => e.type === 'Quotes'),
      });
    },
  });
  return csvReadOf(text, steps, delimiter);
}

export interface TsaTableSource {
  /** 1-based file line of each row; default: the row's index + 1 (a spreadsheet's numbering). */
  readonly lines?: readonly number[];
  /**
   * The CSV's delimiter: a row with more values than the header then means a value held the
   * delimiter without quotes (a family list "Әлиев А.; Әлиева Б." in a ";" file) and is refused
   * rather than cut. Absent for XLSX, where a note beside the table is no such sign.
   */
  readonly delimiter?: string;
  /**
   * Rows the CSV reader could not read whole (an unclosed quote). Any such row refuses the whole
   * file: the rows after it ran into its value, so what the file holds cannot be known.
   */
  readonly unclosedQuote?: readonly number[];
}

const HEADER_ALIASES: Readonly<Record<TsaColumn, readonly string[]>> = {
  iin: [
    'ИИН',
    'ЖСН',
    'IIN',
    'ИИН получателя',
    'ИИН заявителя',
    'Алушының ЖСН',
    'Индивидуальный идентификационный номер',
    'Жеке сәйкестендіру нөмірі',
  ],
  fullName: [
    'ФИО',
    'Ф.И.О.',
    'Фамилия, имя, отчество',
    'ФИО получателя',
    'Получатель',
    'Аты-жөні',
    'Толық аты-жөні',
    'Тегі, аты, әкесінің аты',
    'ТАӘ',
    'Алушының аты-жөні',
    'Алушы',
    'Full name',
    'Name',
  ],
  quarter: [
    'Квартал',
    'Тоқсан',
    'Период',
    'Кезең',
    'Период назначения',
    'Тағайындау кезеңі',
    'Quarter',
  ],
  familyMembers: [
    'Члены семьи',
    'Состав семьи',
    'Отбасы мүшелері',
    'Отбасы құрамы',
    'Family members',
    'Family',
  ],
};

/** Order of matching by prefix: the longer, more specific names first. */
const PREFIX_ORDER: readonly TsaColumn[] = ['familyMembers', 'iin', 'quarter', 'fullName'];

const headerKey = (text: string): string => searchTokens(text).join('');
const ALIAS_KEYS: Readonly<Record<TsaColumn, readonly string[]>> = {
  iin: HEADER_ALIASES.iin.map(headerKey),
  fullName: HEADER_ALIASES.fullName.map(headerKey),
  quarter: HEADER_ALIASES.quarter.map(headerKey),
  familyMembers: HEADER_ALIASES.familyMembers.map(headerKey),
};

/** How many leading rows may hold a title, a date or notes above the header. */
const HEADER_SEARCH_ROWS = 15;

/**
 * A cell as text: NFC (a name exported with a decomposed letter, и + ◌̆, becomes й, so it matches
 * the applicant's name typed at the desk and the shared schemas take it), one space between words.
 */
function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return normalizeText(String(cell)).replace(/\s+/g, ' ').trim();
}

/** Which column each cell of a row names, or null when the row is not a header. */
function matchHeader(row: readonly Cell[]): Map<TsaColumn, number> | null {
  const found = new Map<TsaColumn, number>();
  const keys = row.map((c) => (typeof c === 'string' ? headerKey(normalizeText(c)) : ''));
  keys.forEach((key, index) => {
    if (key === '') return;
    for (const column of PREFIX_ORDER) {
      if (!found.has(column) && ALIAS_KEYS[column].includes(key)) {
        found.set(column, index);
        return;
      }
    }
  });
  keys.forEach((key, index) => {
    if (key === '' || [...found.values()].includes(index)) return;
    for (const column of PREFIX_ORDER) {
      if (!found.has(column) && ALIAS_KEYS[column].some((alias) => key.startsWith(alias))) {
        found.set(column, index);
        return;
      }
    }
  });
  return found.has('iin') || found.has('fullName') ? found : null;
}

/**
 * Spreadsheets often turn an IIN into a number, dropping the leading zero of people born in
 * 2000–2009; an integer of 11 digits gets it back (the checksum still has the last word).
 */
function iinText(cell: Cell): string {
  if (typeof cell === 'number' && Number.isSafeInteger(cell) && cell >= 0) {
    return String(cell).padStart(12, '0');
  }
  return cellText(cell).replace(/[\s\u00a0-]/g, '');
}

/** Family members are separated by ";" or "," (names hold neither) or one per line in the cell. */
function familyList(cell: Cell): string[] {
  return cellText(cell)
    .split(/[;,\n]/)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name !== '');
}

const isBlank = (row: readonly Cell[]): boolean => row.every((c) => cellText(c) === '');

/**
 * Validates a table read from a file. Pure: the same table always gives the same result. No row below
 * the header is dropped without a word: each is a recipient or an error with its line and reasons
 * (blank rows aside). A file the reader could not split into rows (source.unclosedQuote) is refused
 * whole, with the line where reading broke.
 */
export function parseTsaTable(table: Table, source: TsaTableSource = {}): TsaParseResult {
  const lineOf = (index: number): number => source.lines?.[index] ?? index + 1;
  if (table.every(isBlank)) return { ok: false, error: { key: 'tsaRegister:file.empty' } };
  // A parse error refuses the file, never one row: a quote left open swallows every row after it
  // (500 recipients became one error), and saving the rows before it would cut the list short.
  const broken = source.unclosedQuote?.[0];
  if (broken !== undefined) {
    return {
      ok: false,
      error: { key: 'tsaRegister:file.unclosedQuote', values: { line: lineOf(broken) } },
    };
  }
  let headerIndex = -1;
  let header: Map<TsaColumn, number> | null = null;
  for (let i = 0; i < Math.min(table.length, HEADER_SEARCH_ROWS); i++) {
    const row = table[i];
    if (!row) continue;
    const match = matchHeader(row);
    if (match) {
      headerIndex = i;
      header = match;
      break;
    }
  }
  if (header === null) return { ok: false, error: { key: 'tsaRegister:file.noHeader' } };
  const missing = REQUIRED_COLUMNS.filter((c) => !header.has(c));
  if (missing.length > 0) {
    return {
      ok: false,
      error: { key: 'tsaRegister:file.missingColumns', values: { line: lineOf(headerIndex) } },
      missing,
    };
  }
  // How many values a row may have: up to the header's last named column.
  const headerRow = table[headerIndex] ?? [];
  let width = 0;
  headerRow.forEach((cell, i) => {
    if (cellText(cell) !== '') width = i + 1;
  });
  const at = (row: readonly Cell[], column: TsaColumn): Cell => {
    const index = header.get(column);
    return index === undefined ? undefined : row[index];
  };

  const rows: TsaFileRow[] = [];
  const errors: TsaRowError[] = [];
  const firstLineOf = new Map<string, number>();
  for (let i = headerIndex + 1; i < table.length; i++) {
    const row = table[i];
    if (!row || isBlank(row)) continue;
    const line = lineOf(i);
    const iinRaw = iinText(at(row, 'iin'));
    const fullName = cellText(at(row, 'fullName'));
    const quarterCell = at(row, 'quarter');
    // A date typed into the quarter column is not a quarter: it is reported, not guessed.
    const quarterRaw =
      quarterCell instanceof Date ? quarterCell.toISOString().slice(0, 10) : cellText(quarterCell);
    const reasons: TsaMessage[] = [];
    if (source.delimiter !== undefined && row.slice(width).some((cell) => cellText(cell) !== '')) {
      reasons.push({
        key: 'tsaRegister:rows.extraFields',
        values: { delimiter: source.delimiter === '\t' ? 'Tab' : source.delimiter },
      });
    }

    let iin = iinRaw;
    if (iinRaw === '') reasons.push({ key: 'tsaRegister:rows.iinMissing' });
    else {
      const checked = validateIin(iinRaw);
      if (checked.ok) iin = checked.iin;
      else reasons.push({ key: checked.reason });
    }
    if (fullName === '') reasons.push({ key: 'tsaRegister:rows.nameMissing' });
    const quarter = quarterCell instanceof Date ? null : parseQuarter(quarterRaw);
    if (quarterRaw === '') reasons.push({ key: 'tsaRegister:rows.quarterMissing' });
    else if (quarter === null) reasons.push({ key: 'tsaRegister:rows.quarterUnknown' });
    if (reasons.length === 0 && quarter !== null) {
      const key = `${iin}|${quarter}`;
      const first = firstLineOf.get(key);
      if (first !== undefined) {
        reasons.push({ key: 'tsaRegister:rows.duplicate', values: { line: first } });
      } else {
        firstLineOf.set(key, line);
      }
    }
    if (reasons.length > 0 || quarter === null) {
      errors.push({ line, iin: iinRaw, fullName, quarter: quarterRaw, reasons });
      continue;
    }
    rows.push({
      line,
      iin,
      fullName,
      quarter,
      familyMembers: familyList(at(row, 'familyMembers')),
    });
  }
  return {
    ok: true,
    rows,
    errors,
    headerLine: lineOf(headerIndex),
    columns: [...header.keys()],
  };
}
