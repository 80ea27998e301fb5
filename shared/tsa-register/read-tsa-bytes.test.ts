import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { readTsaBytes, type TsaReaders } from './read-tsa-bytes';
import { csvTable } from './tsa-file';
import { MAX_TSA_UNZIPPED_BYTES, xlsxUnzippedSize } from './xlsx-size';

const MB = 1024 * 1024;

/** Readers whose XLSX reader only counts its calls: the size check must come before it. */
function countingReaders(): TsaReaders & { calls: () => number } {
  let calls = 0;
  return {
    xlsxSheets: () => {
      calls++;
      return Promise.resolve([[['ИИН', 'ФИО', 'Квартал']]]);
    },
    csvTable,
    decodeText: (bytes) => new TextDecoder().decode(bytes),
    calls: () => calls,
  };
}

/** A ZIP that packs `size` bytes of XML into a few kilobytes, as a zip bomb does. */
function packedWorkbook(size: number): Uint8Array {
  const sheet = new Uint8Array(size).fill(0x20);
  sheet.set(strToU8('<?xml version="1.0"?><worksheet>'));
  return zipSync({ 'xl/worksheets/sheet1.xml': sheet, '[Content_Types].xml': strToU8('<x/>') });
}

describe('an XLSX is measured unpacked before it is read', () => {
  test('a workbook that unpacks past the limit is refused as too large, unread', async () => {
    const bomb = packedWorkbook(12 * MB);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const readers = countingReaders();
    const result = await readTsaBytes(bomb, readers, { maxUnzippedBytes: 2 * MB });
    expect(result).toEqual({ ok: false, error: { key: 'tsaRegister:file.unzippedTooLarge' } });
    expect(readers.calls()).toBe(0);
  });

  test('inflating stops a few megabytes past the limit, never at the declared size', () => {
    const bomb = packedWorkbook(40 * MB);
    expect(xlsxUnzippedSize(bomb, 2 * MB)).toEqual({ ok: false, reason: 'tooLarge' });
    expect(xlsxUnzippedSize(bomb, 64 * MB)).toEqual({ ok: true, bytes: 40 * MB + 4 });
  });

  test('a workbook under the limit goes on to the reader', async () => {
    const readers = countingReaders();
    const result = await readTsaBytes(packedWorkbook(1 * MB), readers);
    expect(readers.calls()).toBe(1);
    expect(result).toMatchObject({ ok: true, rows: [], errors: [] });
    expect(MAX_TSA_UNZIPPED_BYTES).toBe(100 * MB);
  });

  test('a ZIP cut short is unreadable, not too large', async () => {
    const cut = packedWorkbook(1 * MB).slice(0, 600);
    expect(xlsxUnzippedSize(cut)).toEqual({ ok: false, reason: 'damaged' });
    expect(await readTsaBytes(cut, countingReaders())).toEqual({
      ok: false,
      error: { key: 'tsaRegister:file.unreadable' },
    });
  });
});
