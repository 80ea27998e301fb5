// The hub reads an uploaded TSA register file with the desk's rules (shared/tsa-register
// readTsaBytes): XLSX through read-excel-file's Node entry, CSV through papaparse, a CSV text in
// UTF-8 or, when it is not valid UTF-8, Windows-1251 (Excel on a Kazakh or Russian Windows).
import readXlsxFile from 'read-excel-file/node';
import {
  csvTable,
  readTsaBytes,
  type Cell,
  type TsaParseResult,
  type TsaReaders,
} from '../../../shared/tsa-register';

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

const HUB_READERS: TsaReaders = {
  xlsxSheets: async (bytes) => {
    const sheets = await readXlsxFile(Buffer.from(bytes));
    return sheets.map((sheet) => sheet.data as unknown as readonly (readonly Cell[])[]);
  },
  csvTable,
  decodeText,
};

/** Validates an uploaded file's bytes; a bad file is a value with a reason (tsaRegister:*). */
export function readTsaUpload(bytes: Uint8Array): Promise<TsaParseResult> {
  return readTsaBytes(bytes, HUB_READERS);
}
