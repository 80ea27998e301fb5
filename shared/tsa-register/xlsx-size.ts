import { Unzip, UnzipInflate } from 'fflate';

// An XLSX file is a ZIP archive of XML parts, and ZIP's deflate packs up to ~1000:1: a 1 MB file may
// unpack to a gigabyte and take the desk's memory with it (a "zip bomb", or a workbook with a million
// styled empty rows). The reader (read-excel-file) unpacks every XML part in one go, so the unpacked
// size is measured first, by inflating the parts it would read in small steps and stopping as soon as
// the total passes the limit. What must stay true:
// - The count is of bytes actually inflated, never of the sizes the archive declares (a forged header
//   may declare anything).
// - No more than one step beyond the limit is ever inflated: the input goes in STEP_BYTES at a time,
//   and deflate's best ratio bounds one step's output (≈1032 × STEP_BYTES, about 4 MB).

/** The XML parts of a workbook are far below this for any okrug's list of recipients. */
export const MAX_TSA_UNZIPPED_BYTES = 100 * 1024 * 1024;
const STEP_BYTES = 4 * 1024;

/** The parts read-excel-file unpacks (its filterZipArchiveEntry): the rest is never inflated. */
const isReadPart = (name: string): boolean => name.endsWith('.xml') || name.endsWith('.xml.rels');

export type UnzippedSize =
  | { readonly ok: true; readonly bytes: number }
  | { readonly ok: false; readonly reason: 'tooLarge' | 'damaged' };

/** How many bytes the workbook's XML parts unpack to, or 'tooLarge' as soon as they pass `maxBytes`. */
export function xlsxUnzippedSize(
  bytes: Uint8Array,
  maxBytes: number = MAX_TSA_UNZIPPED_BYTES,
): UnzippedSize {
  let total = 0;
  let failed = false;
  const unzip = new Unzip((file) => {
    if (!isReadPart(file.name)) return;
    file.ondata = (error, chunk) => {
      if (error) failed = true;
      else total += chunk.length;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length; at += STEP_BYTES) {
      const end = Math.min(at + STEP_BYTES, bytes.length);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
      // Checked after every step, so inflating stops one step past the limit at most.
      if (total > maxBytes) return { ok: false, reason: 'tooLarge' };
      if (failed) return { ok: false, reason: 'damaged' };
    }
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  return failed ? { ok: false, reason: 'damaged' } : { ok: true, bytes: total };
}
