import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, test } from 'vitest';
import { iinControlDigit } from '../../../../shared/identity';
import {
  csvTable,
  parseQuarter,
  parseTsaTable,
  previousQuarter,
  quarterOf,
} from '../../../../shared/tsa-register';
import { decodeText, readTsaFile } from './read-tsa-file';

/** A valid IIN from its first 11 digits (tries serials until the control digit exists). */
function iin(birth: string, centuryDigit: number, serial = 1): string {
  for (let s = serial; s < 10000; s++) {
    const first11 = `${birth}${centuryDigit}${String(s).padStart(4, '0')}`;
    const control = iinControlDigit(first11);
    if (control) return `${first11}${control.digit}`;
  }
  throw new Error('no IIN');
}

const A = iin('850315', 4);
const B = iin('900101', 3);
const C = iin('050607', 5); // born 2005: starts with 0

describe('quarters', () => {
  test.each([
    ['2026-Q4', '2026-Q4'],
    ['2026 q4', '2026-Q4'],
    ['Q1 2027', '2027-Q1'],
    ['4 квартал 2026', '2026-Q4'],
    ['4 квартал 2026 г.', '2026-Q4'],
    ['IV квартал 2026 года', '2026-Q4'],
    ['4-й квартал 2026', '2026-Q4'],
    ['2 кв. 2026', '2026-Q2'],
    ['4 тоқсан 2026', '2026-Q4'],
    ['2026 жылғы 3 тоқсан', '2026-Q3'],
    ['2026 жылғы ІІ тоқсан', '2026-Q2'],
    ['2026 жылдың 4-тоқсаны', '2026-Q4'],
  ])('%s → %s', (text, quarter) => {
    expect(parseQuarter(text)).toBe(quarter);
  });

  test.each(['', '2026', '2026-4', '5 квартал 2026', 'ноябрь 2026', '23.11.2026', '2026-Q5', 'Q4'])(
    '%s is not a quarter',
    (text) => {
      expect(parseQuarter(text)).toBeNull();
    },
  );

  test('a number or a date is not a quarter', () => {
    expect(parseQuarter(4)).toBeNull();
    expect(parseQuarter(new Date('2026-11-23'))).toBeNull();
  });

  test('the quarter of a date and the one before', () => {
    expect(quarterOf('2026-11-23')).toBe('2026-Q4');
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-06-30')).toBe('2026-Q2');
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
  });
});

describe('TSA table validation', () => {
  test('finds the header below a title, in any column order, with Kazakh names', () => {
    const result = parseTsaTable([
      ['Атаулы әлеуметтік көмек алушылар тізімі', null, null, null],
      [],
      ['Тоқсан', 'Аты-жөні', 'ЖСН', 'Отбасы мүшелері'],
      ['4 тоқсан 2026', '  Сейітова   Әйгерім ', A, 'Сейітов Нұрлан; Сейітова Дана ;'],
      ['2026-Q4', 'Ахметов Бауыржан', B, ''],
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.headerLine).toBe(3);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 4,
        iin: A,
        fullName: 'Сейітова Әйгерім',
        quarter: '2026-Q4',
        familyMembers: ['Сейітов Нұрлан', 'Сейітова Дана'],
      },
      { line: 5, iin: B, fullName: 'Ахметов Бауыржан', quarter: '2026-Q4', familyMembers: [] },
    ]);
  });

  test('lists every bad row with its reasons and keeps the good ones', () => {
    const bad = `${A.slice(0, 11)}${(Number(A[11]) + 1) % 10}`;
    const result = parseTsaTable([
      ['ИИН', 'ФИО', 'Квартал'],
      [bad, 'Checksum', '2026-Q4'],
      ['12345', 'Short', '2026-Q4'],
      [A, '', 'ноябрь 2026'],
      [B, 'No quarter', ''],
      [A, 'Good', '4 квартал 2026'],
      [` ${A.slice(0, 6)} ${A.slice(6)} `, 'Duplicate', '2026-Q4'],
      [null, null, null],
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => r.line)).toEqual([6]);
    expect(result.errors.map((e) => [e.line, e.reasons.map((r) => r.key)])).toEqual([
      [2, ['identity:iin.checksum']],
      [3, ['identity:iin.length']],
      [4, ['tsaRegister:rows.nameMissing', 'tsaRegister:rows.quarterUnknown']],
      [5, ['tsaRegister:rows.quarterMissing']],
      [7, ['tsaRegister:rows.duplicate']],
    ]);
    expect(result.errors[4]?.reasons[0]?.values).toEqual({ line: 6 });
  });

  test('an IIN that a spreadsheet turned into a number gets its leading zero back', () => {
    const result = parseTsaTable([
      ['IIN', 'Full name', 'Quarter'],
      [Number(C), 'Born 2005', '2026-Q4'],
    ]);
    expect(result.ok && result.rows[0]?.iin).toBe(C);
  });

  test('a file without the required columns says which are missing', () => {
    const result = parseTsaTable([
      ['ИИН', 'ФИО'],
      [A, 'Someone'],
    ]);
    expect(result).toEqual({
      ok: false,
      error: { key: 'tsaRegister:file.missingColumns', values: { line: 1 } },
      missing: ['quarter'],
    });
    expect(parseTsaTable([['Имя', 'Возраст']])).toEqual({
      ok: false,
      error: { key: 'tsaRegister:file.noHeader' },
    });
    expect(parseTsaTable([[], [null]])).toEqual({
      ok: false,
      error: { key: 'tsaRegister:file.empty' },
    });
  });
});

describe('reading files', () => {
  test('CSV with ";" and quoted family members, in UTF-8; lines numbered as in the file', async () => {
    const text = `Список, Кызылсай\n\nИИН;ФИО;Квартал;Члены семьи\n\n${A};Сейітова Әйгерім;4 квартал 2026;"Сейітов Нұрлан; Сейітова Дана"\n`;
    const result = await readTsaFile(new Blob([text]));
    expect(result.ok && result.headerLine).toBe(3);
    expect(result.ok && result.rows[0]).toMatchObject({
      line: 5,
      iin: A,
      fullName: 'Сейітова Әйгерім',
      quarter: '2026-Q4',
      familyMembers: ['Сейітов Нұрлан', 'Сейітова Дана'],
    });
  });

  test('names exported with decomposed letters are imported as NFC, in CSV and in XLSX', async () => {
    // "Майлыбаева Айгүл" as some systems write it: й as и + ◌̆.
    const decomposed = (text: string) => text.normalize('NFD');
    expect(decomposed('Майлыбаева')).not.toBe('Майлыбаева');
    const csv = `ИИН;ФИО;Квартал;Члены семьи\n${A};${decomposed('Майлыбаева Айгүл')};4 квартал 2026;${decomposed('Майлыбаев Йерлан')}\n`;
    const fromCsv = await readTsaFile(new Blob([csv]));
    expect(fromCsv.ok && fromCsv.rows[0]).toMatchObject({
      fullName: 'Майлыбаева Айгүл',
      familyMembers: ['Майлыбаев Йерлан'],
    });
    const buffer = await writeXlsxFile([
      [{ value: 'ИИН' }, { value: 'ФИО' }, { value: 'Квартал' }],
      [{ value: B }, { value: decomposed('Ақбаева Айнұр') }, { value: '2026-Q4' }],
    ]).toBuffer();
    const fromXlsx = await readTsaFile(new Blob([new Uint8Array(buffer)]));
    expect(fromXlsx.ok && fromXlsx.rows[0]?.fullName).toBe('Ақбаева Айнұр');
  });

  test('CSV saved by Excel in Windows-1251', () => {
    // "ИИН;ФИО;Квартал" in Windows-1251.
    const bytes = new Uint8Array([
      0xc8, 0xc8, 0xcd, 0x3b, 0xd4, 0xc8, 0xce, 0x3b, 0xca, 0xe2, 0xe0, 0xf0, 0xf2, 0xe0, 0xeb,
    ]);
    expect(decodeText(bytes)).toBe('ИИН;ФИО;Квартал');
    expect(csvTable('a,b\n1,2\n')).toMatchObject({
      rows: [['a', 'b'], ['1', '2'], ['']],
      lines: [1, 2, 3],
      delimiter: ',',
    });
  });

  test('XLSX: a real workbook with typed cells, the IIN as a number', async () => {
    const buffer = await writeXlsxFile([
      [{ value: 'Список получателей АСП' }],
      [
        { value: 'ИИН' },
        { value: 'Фамилия, имя, отчество' },
        { value: 'Квартал' },
        { value: 'Состав семьи' },
      ],
      [
        { value: Number(C) },
        { value: 'Ахметов Бауыржан' },
        { value: 'IV квартал 2026' },
        { value: 'Ахметова Гүлнар' },
      ],
      [{ value: A }, { value: 'Сейітова Әйгерім' }, { value: 'III квартал 2026' }, null],
      [{ value: '123' }, { value: 'Bad IIN' }, { value: '2026-Q4' }, null],
    ]).toBuffer();
    const result = await readTsaFile(new Blob([new Uint8Array(buffer)]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toEqual([
      {
        line: 3,
        iin: C,
        fullName: 'Ахметов Бауыржан',
        quarter: '2026-Q4',
        familyMembers: ['Ахметова Гүлнар'],
      },
      { line: 4, iin: A, fullName: 'Сейітова Әйгерім', quarter: '2026-Q3', familyMembers: [] },
    ]);
    expect(result.errors.map((e) => e.line)).toEqual([5]);
  });

  test('an old binary .xls, an empty file and a broken workbook are refused with a reason', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await readTsaFile(new Blob([xls]))).toEqual({
      ok: false,
      error: { key: 'tsaRegister:file.oldXls' },
    });
    expect(await readTsaFile(new Blob([]))).toEqual({
      ok: false,
      error: { key: 'tsaRegister:file.empty' },
    });
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect(await readTsaFile(new Blob([broken]))).toEqual({
      ok: false,
      error: { key: 'tsaRegister:file.unreadable' },
    });
  });
});

describe("CSV: family members are never split by the file's delimiter, no row is dropped", () => {
  test('a quoted family list keeps the delimiter; a value over two lines keeps the line count', async () => {
    const text = [
      'ИИН;ФИО;Квартал;Члены семьи',
      `${A};Сейітова Әйгерім;4 квартал 2026;"Сейітов Нұрлан; Сейітова Дана"`,
      `${B};"Ахметов`,
      `Бауыржан";2026-Q4;`,
      `${C};Ахметов Бауыржан;2026-Q4;"Ахметова Гүлнар, Ахметов Ерлан"`,
    ].join('\n');
    const result = await readTsaFile(new Blob([text]));
    expect(result.ok && result.errors).toEqual([]);
    expect(result.ok && result.rows.map((r) => [r.line, r.familyMembers])).toEqual([
      [2, ['Сейітов Нұрлан', 'Сейітова Дана']],
      [3, []],
      [5, ['Ахметова Гүлнар', 'Ахметов Ерлан']],
    ]);
  });

  test('a family list with the delimiter and no quotes is shown as an error, not cut', async () => {
    const text = [
      'ИИН,ФИО,Квартал,Члены семьи',
      `${A},Сейітова Әйгерім,2026-Q4,Сейітов Нұрлан, Сейітова Дана`,
      `${B},Ахметов Бауыржан,2026-Q4,`,
    ].join('\n');
    const result = await readTsaFile(new Blob([text]));
    expect(result.ok && result.rows.map((r) => r.line)).toEqual([3]);
    expect(result.ok && result.errors).toEqual([
      {
        line: 2,
        iin: A,
        fullName: 'Сейітова Әйгерім',
        quarter: '2026-Q4',
        reasons: [{ key: 'tsaRegister:rows.extraFields', values: { delimiter: ',' } }],
      },
    ]);
  });

  test('a file with an unclosed quote is refused whole, naming the line, not read as one error', async () => {
    // 500 recipients, the 11th with a quote never closed: before, the other 489 rows below it ran
    // into that one value and the file was offered for saving with 10 rows and 1 error.
    const lines = ['ИИН;ФИО;Квартал'];
    for (let i = 0; i < 500; i++) {
      const name = i === 10 ? '"Ахметов Бауыржан' : `Алушы ${i}`;
      lines.push(`${iin('850315', 4, i * 7 + 1)};${name};2026-Q4`);
    }
    const result = await readTsaFile(new Blob([lines.join('\n')]));
    expect(result).toEqual({
      ok: false,
      error: { key: 'tsaRegister:file.unclosedQuote', values: { line: 12 } },
    });
  });

  test('a quote inside an unquoted value is a parse error too: the file is refused', async () => {
    const text = [
      'ИИН;ФИО;Квартал',
      `${A};Сейітова "Әйгерім";2026-Q4`,
      `${B};Ахметов;2026-Q4`,
    ].join('\n');
    const parsed = csvTable(text);
    expect(parsed.unclosedQuote).toEqual([]);
    const result = await readTsaFile(new Blob([text]));
    // papaparse reads a stray quote inside an unquoted value as text (RFC 4180 is silent): the row is
    // whole and kept, so only a quote that swallows rows refuses the file.
    expect(result.ok && result.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  test('an XLSX note beside the table is not an error (only CSV counts values)', () => {
    const result = parseTsaTable([
      ['ИИН', 'ФИО', 'Квартал'],
      [A, 'Сейітова Әйгерім', '2026-Q4', 'тексерілді'],
    ]);
    expect(result.ok && result.errors).toEqual([]);
  });
});
