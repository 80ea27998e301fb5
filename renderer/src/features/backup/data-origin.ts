// Where this computer's desk keeps its data (issue 11 §3). A browser keeps IndexedDB (and
// localStorage) per origin: scheme, host AND port. The same desk opened at another port finds an
// empty database and would offer to set up a new office, while the office's data sits untouched at
// the first address. Cookies, unlike storage, are shared by every port of a host (RFC 6265 §8.5), so
// a desk that serves an office leaves a cookie naming its origin, and a desk that finds no office
// reads it and says where the data is. In Electron the origin is fixed (app://desk), so the question
// does not arise there. The cookie holds the origin only: no personal data.

export const DATA_ORIGIN_COOKIE = 'akimat-desk-data';
const TEN_YEARS_S = 10 * 365 * 86_400;

/** The `document.cookie` assignment that records `origin` as the one holding the office's data. */
export function dataOriginCookie(origin: string): string {
  return `${DATA_ORIGIN_COOKIE}=${encodeURIComponent(origin)}; path=/; max-age=${TEN_YEARS_S}; SameSite=Strict`;
}

/** The origin the cookie names, when it is a plain http(s) origin; null otherwise. */
export function dataOriginOf(cookies: string): string | null {
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== DATA_ORIGIN_COOKIE) continue;
    try {
      const value = decodeURIComponent(rest.join('='));
      const url = new URL(value);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value) {
        return value;
      }
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * What a desk with no office says before offering a new setup: `elsewhere` when another address of
 * this computer holds an office, `lostHere` when this very address held one (the browser's data was
 * cleared, or the profile is another), null when nothing is known.
 */
export type OriginNote =
  | { readonly kind: 'elsewhere'; readonly origin: string }
  | { readonly kind: 'lostHere'; readonly origin: string }
  | null;

export function originNote(cookies: string, currentOrigin: string): OriginNote {
  const origin = dataOriginOf(cookies);
  if (origin === null) return null;
  return origin === currentOrigin ? { kind: 'lostHere', origin } : { kind: 'elsewhere', origin };
}

/** Leaves the cookie (browser mode; ignored by schemes without cookies). */
export function rememberDataOrigin(doc: { cookie: string }, origin: string): void {
  try {
    doc.cookie = dataOriginCookie(origin);
  } catch {
    // A document without cookies (a sandboxed frame): nothing to remember.
  }
}

/** The answer to "may the browser never evict this desk's data?" (navigator.storage.persist). */
export type StorageAnswer = 'persisted' | 'notPersisted' | 'unsupported';

type StorageLike = { persist?(): Promise<boolean>; persisted?(): Promise<boolean> } | undefined;

/**
 * Asks for persistent storage once at start: without it a browser may evict the whole database
 * when the disk runs short. Chromium grants it to an installed app or a site used often; Electron
 * grants it. Asking again is harmless.
 */
export async function askDurableStorage(storage: StorageLike): Promise<StorageAnswer> {
  if (!storage?.persist || !storage.persisted) return 'unsupported';
  try {
    if (await storage.persisted()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'notPersisted';
  } catch {
    return 'unsupported';
  }
}

/** The current answer, without asking. */
export async function durableStorageState(storage: StorageLike): Promise<StorageAnswer> {
  if (!storage?.persisted) return 'unsupported';
  try {
    return (await storage.persisted()) ? 'persisted' : 'notPersisted';
  } catch {
    return 'unsupported';
  }
}
