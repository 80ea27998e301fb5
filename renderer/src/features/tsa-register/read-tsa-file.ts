import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';
import { parseTsaTable, type Cell, type Table, type TsaParseResult } from './tsa-file';

// Reads the file the specialist picked. read-excel-file's "universal" build is used rather than its
// "browser" one: it parses on the calling thread instead of in a blob: Worker, which the desk's
// Content-Security-Policy (worker-src 'self') forbids, and the same code runs in the unit tests.

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** The old binary .xls (OLE compound file), which the desk does not read. */
const XLS_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
/** Larger than any okrug's list of recipients by far; guards against picking a wrong file. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  magic.every((b, i) => bytes[i] === b);

/**
 * Text files from Excel in a Russian or Kazakh Windows are often in Windows-1251, not UTF-8: a text
 * that is not valid UTF-8 is read as Windows-1251.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** Empty lines are kept (parseTsaTable skips them) so that row numbers match the file's lines. */
export function csvTable(text: string): Table {
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t', '|'] });
  return parsed.data;
}

async function xlsxTable(buffer: ArrayBuffer): Promise<Table | null> {
  const sheets = await readXlsxFile(buffer);
  // The first sheet that has a recognisable header; a workbook may start with a title page.
  for (const sheet of sheets) {
    const table = sheet.data as unknown as readonly (readonly Cell[])[];
    const result = parseTsaTable(table);
    if (result.ok) return table;
  }
  const first = sheets[0];
  return first ? (first.data as unknown as readonly (readonly Cell[])[]) : null;
}

/** Reads an XLSX or CSV file and validates its rows. Never throws for a bad file: it says why. */
export async function readTsaFile(file: Blob): Promise<TsaParseResult> {
  if (file.size === 0) return { ok: false, error: { key: 'tsaRegister:file.empty' } };
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: { key: 'tsaRegister:file.tooLarge' } };
  const buffer = await file.arrayBuffer();
  const bytes = new Uint8Array(buffer);
  if (startsWith(bytes, XLS_MAGIC)) return { ok: false, error: { key: 'tsaRegister:file.oldXls' } };
  if (startsWith(bytes, XLSX_MAGIC)) {
    let table: Table | null;
    try {
      table = await xlsxTable(buffer);
    } catch {
      return { ok: false, error: { key: 'tsaRegister:file.unreadable' } };
    }
    if (table === null) return { ok: false, error: { key: 'tsaRegister:file.empty' } };
    return parseTsaTable(table);
  }
  if (bytes.includes(0)) return { ok: false, error: { key: 'tsaRegister:file.unreadable' } };
  return parseTsaTable(csvTable(decodeText(bytes)));
}
