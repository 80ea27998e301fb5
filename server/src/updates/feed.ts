// The update feed the hub serves to its desks (issue 11 §5): electron-updater's generic provider reads
// `<feed>/latest.yml` (or latest-linux.yml, …) and then the installer it names, from a folder the
// district admin fills with what electron-builder made (HUB_UPDATES_DIR). What must stay true:
// - A channel file is handed out only when every installer it names is in the folder with the size
//   and SHA-512 it states: a half-copied or mismatched installer is refused at the hub (the desk's
//   electron-updater checks the SHA-512 again after downloading, and on Windows the signature).
// - Only channel files, the installers a verified channel file names, and their .blockmap files are
//   served; nothing else in the folder, and nothing outside it (plain file names only).
// - Hashes are cached by the files' size and modification time, so a feed is hashed once per copy,
//   not once per desk.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CHANNEL_FILE, parseChannelFile, type UpdateChannel } from './channel-file';

/** A name a desk may ask for: a plain file name, no folders. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._+-]{0,200}$/;

export type FeedAnswer =
  | { readonly kind: 'channel'; readonly text: string; readonly channel: UpdateChannel }
  | { readonly kind: 'file'; readonly path: string; readonly size: number }
  /** The channel file does not match the installers beside it (or cannot be read). */
  | { readonly kind: 'mismatch'; readonly file: string; readonly why: string }
  | { readonly kind: 'notFound' };

export interface UpdateFeed {
  /** What to answer for `name` (the last segment of /v1/updates/<name>). */
  lookup(name: string): Promise<FeedAnswer>;
}

/** The SHA-512 of a file, base64, as electron-builder writes it in latest.yml. */
export async function sha512OfFile(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

async function statOrNull(path: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

type Verdict =
  | { ok: true; text: string; channel: UpdateChannel; names: ReadonlySet<string> }
  | { ok: false; why: string };

export function createUpdateFeed(dir: string): UpdateFeed {
  const verified = new Map<string, { signature: string; verdict: Verdict }>();

  /** Whether `name` is a channel file whose installers are all there as it says. */
  async function verifyChannel(name: string): Promise<Verdict | null> {
    const channelPath = join(dir, name);
    const own = await statOrNull(channelPath);
    if (own === null) return null;
    const text = await readFile(channelPath, 'utf8');
    const parsed = parseChannelFile(text);
    if (!parsed.ok) return { ok: false, why: `unreadable channel file (line ${parsed.line})` };
    const files = parsed.channel.files;
    const stats = await Promise.all(
      files.map((f) => (PLAIN_NAME.test(f.url) ? statOrNull(join(dir, f.url)) : null)),
    );
    const signature = JSON.stringify([own, text, stats]);
    const cached = verified.get(name);
    if (cached?.signature === signature) return cached.verdict;
    let verdict: Verdict = {
      ok: true,
      text,
      channel: parsed.channel,
      names: new Set(files.map((f) => f.url)),
    };
    for (const [i, file] of files.entries()) {
      const found = stats[i];
      if (!PLAIN_NAME.test(file.url) || !found) {
        verdict = { ok: false, why: `${file.url}: missing` };
        break;
      }
      if (file.size !== undefined && file.size !== found.size) {
        verdict = { ok: false, why: `${file.url}: size ${found.size}, channel says ${file.size}` };
        break;
      }
      if ((await sha512OfFile(join(dir, file.url))) !== file.sha512) {
        verdict = { ok: false, why: `${file.url}: sha512 does not match` };
        break;
      }
    }
    verified.set(name, { signature, verdict });
    return verdict;
  }

  async function servedInstallers(): Promise<Set<string>> {
    const names = new Set<string>();
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      return names;
    }
    for (const entry of entries.filter((e) => CHANNEL_FILE.test(e))) {
      const verdict = await verifyChannel(entry);
      if (verdict?.ok) for (const n of verdict.names) names.add(n);
    }
    return names;
  }

  return {
    async lookup(name) {
      if (!PLAIN_NAME.test(name)) return { kind: 'notFound' };
      if (CHANNEL_FILE.test(name)) {
        const verdict = await verifyChannel(name);
        if (verdict === null) return { kind: 'notFound' };
        return verdict.ok
          ? { kind: 'channel', text: verdict.text, channel: verdict.channel }
          : { kind: 'mismatch', file: name, why: verdict.why };
      }
      const installers = await servedInstallers();
      const listed = installers.has(name) || installers.has(name.replace(/\.blockmap$/, ''));
      if (!listed) return { kind: 'notFound' };
      const path = join(dir, name);
      const found = await statOrNull(path);
      return found ? { kind: 'file', path, size: found.size } : { kind: 'notFound' };
    },
  };
}
