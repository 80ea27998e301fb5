import type { LocalDate } from '../time';

// Targeted social assistance is assigned for a quarter, so the district's list of recipients is a list
// per quarter. Quarters are stored as 'YYYY-Qn'; district files write them in many ways.

/** 'YYYY-Qn' */
export type Quarter = string;

const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

export function isQuarter(value: string): boolean {
  return QUARTER_RE.test(value);
}

/** The quarter a date falls in: 2026-11-23 → '2026-Q4'. */
export function quarterOf(date: LocalDate): Quarter {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** The quarter before: '2026-Q1' → '2025-Q4'. */
export function previousQuarter(quarter: Quarter): Quarter {
  const m = QUARTER_RE.exec(quarter);
  if (!m) throw new RangeError(`Not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

export function quarterParts(quarter: Quarter): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const m = QUARTER_RE.exec(quarter);
  if (!m) throw new RangeError(`Not a quarter: ${quarter}`);
  return { year: Number(m[1]), quarter: Number(m[2]) as 1 | 2 | 3 | 4 };
}

const ROMAN: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

function quarterNumber(text: string): number | null {
  if (/^[1-4]$/.test(text)) return Number(text);
  return ROMAN[text] ?? null;
}

function make(yearText: string, numberText: string): Quarter | null {
  const year = Number(yearText);
  const q = quarterNumber(numberText);
  if (q === null || year < MIN_YEAR || year > MAX_YEAR) return null;
  return `${year}-Q${q}`;
}

// After normalization: lower case, Cyrillic і (also in Roman numerals typed on a Kazakh layout) as
// Latin i, year words ("года", "г.", "жылғы", "ж.") and quotes removed, spaces collapsed.
const NUM = '([1-4]|iv|iii|ii|i)';
const WORD = '(?:квартал[а-я]*|кв|тоқсан[а-яәғқңөұүһi]*|токсан[а-я]*)';
const ORDINAL = '(?:\\s*-?\\s*(?:й|ый|ий|ой|шi|шы|сi|ы|i))?';
const PATTERNS: readonly { re: RegExp; year: 1 | 2; n: 1 | 2 }[] = [
  // 2026-Q4, 2026 Q4, 2026Q4
  { re: new RegExp(`^(\\d{4})\\s*[-/.]?\\s*q\\s*${NUM}$`), year: 1, n: 2 },
  // 2026 4 квартал, 2026 IV тоқсан, 2026 жылғы 4-тоқсаны
  { re: new RegExp(`^(\\d{4})\\s+${NUM}${ORDINAL}\\s*-?\\s*${WORD}$`), year: 1, n: 2 },
  // Q4 2026, Q4-2026
  { re: new RegExp(`^q\\s*${NUM}\\s*[-/.]?\\s*(\\d{4})$`), year: 2, n: 1 },
  // 4 квартал 2026, IV квартал 2026, 4-й квартал 2026, 4 тоқсан 2026, 4 кв. 2026
  { re: new RegExp(`^${NUM}${ORDINAL}\\s*-?\\s*${WORD}\\s*(\\d{4})$`), year: 2, n: 1 },
];

function normalize(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[іı]/g, 'i')
    .replace(/[«»"'`]/g, '')
    .replace(/\./g, ' ')
    .replace(/(^|\s|\d)(года|год|г|жылғы|жылдың|жыл|ж)(?=\s|$)/g, '$1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Reads a quarter as district files write it: '2026-Q4', 'Q4 2026', '4 квартал 2026', 'IV квартал
 * 2026 г.', '2026 жылғы 4 тоқсан', '4 тоқсан 2026'. Returns 'YYYY-Qn', or null for anything else
 * (a month, a date, a bare number), which the import reports as a row error instead of guessing.
 */
export function parseQuarter(value: unknown): Quarter | null {
  if (typeof value !== 'string') return null;
  const text = normalize(value);
  if (text === '') return null;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const year = m[p.year];
    const n = m[p.n];
    if (year === undefined || n === undefined) continue;
    return make(year, n);
  }
  return null;
}
