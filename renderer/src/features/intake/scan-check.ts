// A scan is attached only if it opens: its bytes must be an image or a PDF (shared/input
// checkScanBytes: magic bytes, a PDF's header and trailer), and an image must decode for real. What
// the file's name or the file system says does not count: a document renamed to .pdf is refused here,
// not found broken by the district.
import { SCAN_PROBE_BYTES, checkScanBytes, type InputMessage } from '../../../../shared/input';

export type ScanCheck =
  | { readonly ok: true; readonly mime: string }
  | { readonly ok: false; readonly message: InputMessage };

/** Decodes an image or throws; the browser's createImageBitmap unless a test passes its own. */
export type ImageDecoder = (blob: Blob) => Promise<void>;

const browserDecoder: ImageDecoder = async (blob) => {
  const bitmap = await createImageBitmap(blob);
  bitmap.close();
};

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** Checks a picked file by its content; `mime` is the type its bytes say, to store with it. */
export async function checkScanContent(
  file: Blob,
  decode: ImageDecoder = browserDecoder,
): Promise<ScanCheck> {
  const head = await bytesOf(file.slice(0, SCAN_PROBE_BYTES));
  const tail = await bytesOf(file.slice(Math.max(0, file.size - SCAN_PROBE_BYTES)));
  const bytes = checkScanBytes(head, tail, file.type);
  if (!bytes.ok) return bytes;
  if (bytes.format !== 'pdf') {
    try {
      await decode(file);
    } catch {
      return { ok: false, message: 'inputChecks:scan.undecodable' };
    }
  }
  return { ok: true, mime: bytes.mime };
}
