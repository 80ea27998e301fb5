import {
  parseTsaTable,
  type Cell,
  type CsvRead,
  type Table,
  type TsaParseResult,
} from './tsa-file';
import { MAX_TSA_UNZIPPED_BYTES, xlsxUnzippedSize } from './xlsx-size';

// From a file's bytes to checked rows, the same at the desk (its import screen) and at the hub (npm
// run hub -- tsa upload). The readers are passed in, because each end reads XLSX with its own entry
// of read-excel-file (the desk's "universal" build, the hub's Node one) and CSV with papaparse, which
// shared/ does not import. What must stay true: a bad file is a value with a reason, never a throw.

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** The old binary .xls (OLE compound file), which neither end reads. */
const XLS_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
/** Larger than any okrug's list of recipients by far; guards against picking a wrong file. */
export const MAX_TSA_FILE_BYTES = 20 * 1024 * 1024;

export interface TsaReaders {
  /** Every sheet's cells of an XLSX workbook, in order. */
  readonly xlsxSheets: (bytes: Uint8Array) => Promise<readonly (readonly (readonly Cell[])[])[]>;
  /** A CSV text's rows with the line each starts on (csvReadOf from the reader's steps). */
  readonly csvTable: (text: string) => CsvRead;
  /** The file's text: UTF-8, or Windows-1251 when it is not valid UTF-8 (Excel on a kk/ru Windows). */
  readonly decodeText: (bytes: Uint8Array) => string;
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  magic.every((b, i) => bytes[i] === b);

/** Limits a test may lower; production keeps the defaults. */
export interface TsaLimits {
  /** What an XLSX's XML parts may unpack to (MAX_TSA_UNZIPPED_BYTES). */
  readonly maxUnzippedBytes?: number;
}

/** Reads an XLSX or CSV file's bytes and validates its rows. */
export async function readTsaBytes(
  bytes: Uint8Array,
  readers: TsaReaders,
  limits: TsaLimits = {},
): Promise<TsaParseResult> {
  if (bytes.length === 0) return { ok: false, error: { key: 'tsaRegister:file.empty' } };
  if (bytes.length > MAX_TSA_FILE_BYTES) {
    return { ok: false, error: { key: 'tsaRegister:file.tooLarge' } };
  }
  if (startsWith(bytes, XLS_MAGIC)) return { ok: false, error: { key: 'tsaRegister:file.oldXls' } };
  if (startsWith(bytes, XLSX_MAGIC)) {
    // Measured before the reader unpacks it all at once: a workbook that unpacks past the limit is
    // refused as too large, without ever holding its unpacked parts in memory.
    const unzipped = xlsxUnzippedSize(bytes, limits.maxUnzippedBytes ?? MAX_TSA_UNZIPPED_BYTES);
    if (!unzipped.ok) {
      return {
        ok: false,
        error: {
          key:
            unzipped.reason === 'tooLarge'
              ? 'tsaRegister:file.unzippedTooLarge'
              : 'tsaRegister:file.unreadable',
        },
      };
    }
    let sheets: readonly Table[];
    try {
      sheets = await readers.xlsxSheets(bytes);
    } catch {
      return { ok: false, error: { key: 'tsaRegister:file.unreadable' } };
    }
    // The first sheet that has a recognisable header; a workbook may start with a title page.
    for (const table of sheets) {
      const result = parseTsaTable(table);
      if (result.ok) return result;
    }
    const first = sheets[0];
    return first ? parseTsaTable(first) : { ok: false, error: { key: 'tsaRegister:file.empty' } };
  }
  if (bytes.includes(0)) return { ok: false, error: { key: 'tsaRegister:file.unreadable' } };
  const csv = readers.csvTable(readers.decodeText(bytes));
  return parseTsaTable(csv.rows, {
    lines: csv.lines,
    delimiter: csv.delimiter,
    unclosedQuote: csv.unclosedQuote,
  });
}
