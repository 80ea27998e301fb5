// A scan is checked by what its bytes are, not by its name or the type the file system reports: a
// document renamed to .pdf, a PDF cut off mid-copy or a photo saved half-way is refused when attached,
// not discovered by the district when it will not open. Here: the signature of the format at the
// start ("magic bytes") and, for PDF, a header and an end-of-file marker. The desk then decodes an
// image for real (createImageBitmap, renderer/src/db/scan-check.ts): a readable start is not a
// readable picture.
import { INPUT_MESSAGES as M, type InputMessage } from './messages';

export type ScanFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'pdf';

export const SCAN_MIME: Readonly<Record<ScanFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  pdf: 'application/pdf',
};

/** How many bytes of the start and of the end `checkScanBytes` needs to see. */
export const SCAN_PROBE_BYTES = 1024;

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

const MAGIC: readonly { format: ScanFormat; at: number; bytes: readonly number[] }[] = [
  { format: 'jpeg', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { format: 'png', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { format: 'gif', at: 0, bytes: ascii('GIF8') },
  { format: 'bmp', at: 0, bytes: ascii('BM') },
  // RIFF....WEBP
  { format: 'webp', at: 8, bytes: ascii('WEBP') },
];

function startsAt(bytes: Uint8Array, at: number, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[at + i] === b);
}

function indexOf(bytes: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const PDF_HEADER = ascii('%PDF-');
const PDF_EOF = ascii('%%EOF');

/** The format the bytes' start announces, or null. */
export function scanFormatOf(head: Uint8Array): ScanFormat | null {
  // A PDF reader accepts the header anywhere in the first 1024 bytes (ISO 32000-1, annex H).
  if (indexOf(head.subarray(0, SCAN_PROBE_BYTES), PDF_HEADER) >= 0) return 'pdf';
  if (startsAt(head, 0, ascii('RIFF')) && startsAt(head, 8, ascii('WEBP'))) return 'webp';
  for (const m of MAGIC) if (m.format !== 'webp' && startsAt(head, m.at, m.bytes)) return m.format;
  return null;
}

export type ScanBytesCheck =
  | { readonly ok: true; readonly format: ScanFormat; readonly mime: string }
  | { readonly ok: false; readonly message: InputMessage };

/**
 * Checks a file's first and last SCAN_PROBE_BYTES bytes (`head`, `tail`; for a small file both may be
 * the whole file). `declaredMime` is what the file system said: a file that claims to be a PDF and is
 * not one gets "not a PDF", one that claims to be an image "not an image", anything else "unknown".
 * A PDF must end with its end-of-file marker (%%EOF in its last 1024 bytes, where every PDF writer
 * puts it after the trailer): one without it was cut off or is not a PDF.
 */
export function checkScanBytes(
  head: Uint8Array,
  tail: Uint8Array,
  declaredMime: string,
): ScanBytesCheck {
  const format = scanFormatOf(head);
  const refused = (): ScanBytesCheck => ({
    ok: false,
    message:
      declaredMime === 'application/pdf'
        ? M.scanNotPdf
        : declaredMime.startsWith('image/')
          ? M.scanNotImage
          : M.scanUnknown,
  });
  if (format === null) return refused();
  if (format === 'pdf') {
    const end = tail.subarray(Math.max(0, tail.length - SCAN_PROBE_BYTES));
    if (indexOf(end, PDF_EOF) < 0) {
      return { ok: false, message: M.scanNotPdf };
    }
  }
  return { ok: true, format, mime: SCAN_MIME[format] };
}
