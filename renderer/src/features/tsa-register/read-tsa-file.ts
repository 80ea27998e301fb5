import readXlsxFile from 'read-excel-file/universal';
import {
  MAX_TSA_FILE_BYTES,
  csvTable,
  readTsaBytes,
  type Cell,
  type TsaParseResult,
  type TsaReaders,
} from '../../../../shared/tsa-register';

// Reads the file the specialist picked, with the rules the hub checks an uploaded file with
// (shared/tsa-register readTsaBytes). read-excel-file's "universal" build is used rather than its
// "browser" one: it parses on the calling thread instead of in a blob: Worker, which the desk's
// Content-Security-Policy (worker-src 'self') forbids, and the same code runs in the unit tests.

/** Larger than any okrug's list of recipients by far; guards against picking a wrong file. */
export const MAX_FILE_BYTES = MAX_TSA_FILE_BYTES;

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

const DESK_READERS: TsaReaders = {
  xlsxSheets: async (bytes) => {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const sheets = await readXlsxFile(buffer as ArrayBuffer);
    return sheets.map((sheet) => sheet.data as unknown as readonly (readonly Cell[])[]);
  },
  csvTable,
  decodeText,
};

/** Reads an XLSX or CSV file and validates its rows. Never throws for a bad file: it says why. */
export async function readTsaFile(file: Blob): Promise<TsaParseResult> {
  // Checked before reading, so a wrong pick of a huge file is not read into memory.
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: { key: 'tsaRegister:file.tooLarge' } };
  return readTsaBytes(new Uint8Array(await file.arrayBuffer()), DESK_READERS);
}
