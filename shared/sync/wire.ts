// Bodies on the wire: JSON, gzip-compressed (fflate, the same code in the desk and the hub). What must
// stay true:
// - decodeBody never inflates past its limit: a small body that would unpack to gigabytes (a zip bomb)
//   is refused while it unpacks, not after.
// - A body that is not gzip, not UTF-8 JSON, or too large gives a named reason, never an exception.
// - A body whose JSON holds a NUL character (\u0000) is a bad body, whichever side reads it: no id,
//   name or text of ours holds one, and PostgreSQL's jsonb cannot store it, so a hub that took it
//   would fail on the insert instead of refusing the body (parseSyncJson, used by both ends).
import { Gunzip, gzipSync, strFromU8, strToU8 } from 'fflate';

/** The largest JSON a sync body may unpack to (a page of 500 events is well under 4 MB). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export function encodeBody(value: unknown): Uint8Array {
  return gzipSync(strToU8(JSON.stringify(value)), { level: 6 });
}

export type DecodedBody =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: 'sync:errors.tooLarge' | 'sync:errors.badBody' };

export function decodeBody(bytes: Uint8Array, limit: number = MAX_BODY_BYTES): DecodedBody {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  const gunzip = new Gunzip((chunk) => {
    if (tooLarge) return;
    size += chunk.length;
    if (size > limit) {
      tooLarge = true;
      return;
    }
    chunks.push(chunk);
  });
  try {
    // Fed in slices, so the size check stops a bomb after at most one slice's output.
    const SLICE = 16 * 1024;
    for (let at = 0; at < bytes.length && !tooLarge; at += SLICE) {
      gunzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
    }
  } catch {
    return { ok: false, reason: 'sync:errors.badBody' };
  }
  if (tooLarge) return { ok: false, reason: 'sync:errors.tooLarge' };
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return parseSyncJson(strFromU8(joined));
}

/** A JSON escape of NUL that is not itself an escaped backslash followed by "u0000". */
const NUL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/** The value of a sync body's JSON text, or badBody for text that is not JSON or holds a NUL. */
export function parseSyncJson(text: string): DecodedBody {
  // A raw NUL cannot stand in JSON text (JSON.parse refuses control characters in strings).
  if (text.includes('\\u0000') && NUL_ESCAPE.test(text)) {
    return { ok: false, reason: 'sync:errors.badBody' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'sync:errors.badBody' };
  }
}
