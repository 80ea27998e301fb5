// The channel file of an electron-updater feed (latest.yml, latest-linux.yml, …), as electron-builder
// writes it next to the installers:
//
//   version: 0.2.0
//   files:
//     - url: Akimat-Desk-Setup-0.2.0.exe
//       sha512: <base64 of the installer's SHA-512>
//       size: 91234567
//   path: Akimat-Desk-Setup-0.2.0.exe
//   sha512: <the same>
//   releaseDate: '2026-01-15T10:00:00.000Z'
//
// Only that shape is read (top-level scalars, one list of flat maps, block scalars for release notes):
// anything else is refused as a value, and the district admin copies the files electron-builder made.
import { z } from 'zod';

const SHA512_BASE64 = /^[A-Za-z0-9+/]{86}==$/;

const fileSchema = z.object({
  url: z.string().min(1),
  sha512: z.string().regex(SHA512_BASE64),
  size: z.coerce.number().int().nonnegative().optional(),
});

const channelSchema = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/),
  files: z.array(fileSchema).min(1),
  path: z.string().optional(),
  sha512: z.string().regex(SHA512_BASE64).optional(),
  releaseDate: z.string().optional(),
});

export type UpdateChannel = z.infer<typeof channelSchema>;
export type UpdateFile = z.infer<typeof fileSchema>;

export type ChannelParse =
  | { readonly ok: true; readonly channel: UpdateChannel }
  | { readonly ok: false; readonly line: number };

function scalar(raw: string): string {
  const text = raw.trim();
  if (text.startsWith("'") && text.endsWith("'") && text.length >= 2) {
    return text.slice(1, -1).replaceAll("''", "'");
  }
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) {
    return JSON.parse(text) as string;
  }
  return text;
}

const KEY_VALUE = /^([A-Za-z][A-Za-z0-9_]*):(?:\s+(.*))?$/;

/** Reads a channel file; `line` (1-based) says where a file of another shape went wrong. */
export function parseChannelFile(text: string): ChannelParse {
  const lines = text.replaceAll('\r\n', '\n').split('\n');
  const top: Record<string, unknown> = {};
  let list: Record<string, string>[] | null = null;
  let item: Record<string, string> | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (indent === 0) {
      const m = KEY_VALUE.exec(body);
      if (!m) return { ok: false, line: i + 1 };
      const [, key = '', value] = m;
      item = null;
      list = null;
      if (value === undefined || value === '') {
        list = [];
        top[key] = list;
      } else if (/^[|>][-+]?$/.test(value)) {
        // A block scalar (release notes): its more-indented lines, kept as text.
        const kept: string[] = [];
        while (i + 1 < lines.length && /^(\s+|$)/.test(lines[i + 1] ?? '')) {
          i++;
          kept.push((lines[i] ?? '').trim());
        }
        top[key] = kept.join('\n').trim();
      } else {
        top[key] = scalar(value);
      }
      continue;
    }
    if (list === null) return { ok: false, line: i + 1 };
    const entry = body.startsWith('- ') ? body.slice(2).trim() : null;
    const m = KEY_VALUE.exec(entry ?? body);
    if (!m) return { ok: false, line: i + 1 };
    const [, key = '', value = ''] = m;
    if (entry !== null) {
      item = {};
      list.push(item);
    }
    if (item === null) return { ok: false, line: i + 1 };
    item[key] = scalar(value);
  }
  const parsed = channelSchema.safeParse(top);
  return parsed.success ? { ok: true, channel: parsed.data } : { ok: false, line: 0 };
}

/** Names electron-updater asks for: latest.yml, latest-linux.yml, latest-linux-arm64.yml, … */
export const CHANNEL_FILE = /^(latest|beta|alpha)(-(linux|mac)(-[a-z0-9]+)?)?\.yml$/;
