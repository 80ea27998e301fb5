// The hub reads an uploaded TSA register file with the desk's rules (shared/tsa-register
// readTsaBytes): XLSX through read-excel-file's Node entry, CSV through papaparse, a CSV text in
// UTF-8 or, when it is not valid UTF-8, Windows-1251 (Excel on a Kazakh or Russian Windows).
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import {
  csvReadOf,
  readTsaBytes,
  type Cell,
  type CsvRead,
  type CsvStep,
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

/** Row by row, as the desk reads it (renderer tsa-register/read-tsa-file.ts): lines and quotes kept. */
function csvTable(text: string): CsvRead {
  const steps: CsvStep[] = [];
  let delimiter = ',';
  Papa.parse<string[]>(text, {
    delimitersToGuess: [';', ',', '\t', '|'],
    step: (result) => {
      delimiter = result.meta.delimiter;
      steps.push({
        cells: result.data,
        end: result.meta.cursor,
        unclosedQuote: result.errors.some((e) => e.code === 'MissingQuotes'),
      });
    },
  });
  return csvReadOf(text, steps, delimiter);
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
