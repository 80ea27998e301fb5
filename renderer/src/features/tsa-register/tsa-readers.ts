import readXlsxFile from 'read-excel-file/universal';
import type { SubtleCryptoLike } from '../../../../shared/signing';
import {
  csvTable,
  openTsaFile,
  readTsaBytes,
  type Cell,
  type OpenedTsaFile,
  type TsaParseResult,
  type TsaReaders,
  type TsaTrust,
} from '../../../../shared/tsa-register';

// The desk's readers for a register file, the same in the parsing worker (tsa-parse.worker.ts) and,
// where no worker can be made (the unit tests in Node), on the calling thread. read-excel-file's
// "universal" build is used rather than its "browser" one: it parses on the calling thread (here the
// worker's) instead of starting its own worker, and the same code runs in the unit tests.

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

/** How the file was signed: checked against the hub's key, not checked, or not signed. */
export type TsaFileSignature = Extract<OpenedTsaFile, { ok: true }>['signature'];

/** A file read at the desk: the checked rows and how the file was signed, or why it is refused. */
export type DeskTsaRead =
  | (Extract<TsaParseResult, { ok: true }> & { readonly signature: TsaFileSignature })
  | Extract<TsaParseResult, { ok: false }>;

/**
 * Opens a picked file (a signed register is checked against `trust`; a joined desk refuses an
 * unsigned one) and reads its rows with the shared rules (shared/tsa-register readTsaBytes).
 */
export async function parseTsaBytesAtDesk(
  bytes: Uint8Array,
  trust: TsaTrust | null,
): Promise<DeskTsaRead> {
  const opened = await openTsaFile(crypto.subtle as unknown as SubtleCryptoLike, bytes, trust);
  if (!opened.ok) return opened;
  const parsed = await readTsaBytes(opened.content, DESK_READERS);
  return parsed.ok ? { ...parsed, signature: opened.signature } : parsed;
}
