import { z } from 'zod';
import { checkHubAddress, HUB_KEY_PIN } from '../sync/transport';

/**
 * The one contract between the Electron main process and the renderer. The preload exposes exactly
 * `AkimatBridge` as `window.akimat`; main validates every payload with these schemas before acting,
 * because the renderer is treated as untrusted (it shows data typed in by people).
 */

export const LANGUAGES = ['kk', 'ru'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' when the desk runs in the desktop shell, 'browser' when served on localhost. */
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
  /** Where the district hub answers; the desk works without it. */
  hubUrl: z.string().url(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const printRequestSchema = z.object({
  /** File name without folders; main puts it in the documents folder. */
  fileName: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[\p{L}\p{N} _.-]+\.pdf$/u, 'a plain file name ending in .pdf'),
  pageSize: z.enum(['A4', 'A5']).default('A4'),
  landscape: z.boolean().default(false),
});
export type PrintRequest = z.input<typeof printRequestSchema>;

export const printResultSchema = z.discriminatedUnion('kind', [
  /** The shell rendered the page to a PDF file. */
  z.object({ kind: z.literal('saved'), path: z.string(), bytes: z.number().int().nonnegative() }),
  /** A browser has no PDF writer: the system print dialog was opened instead. */
  z.object({ kind: z.literal('printDialog') }),
  z.object({ kind: z.literal('failed'), reason: z.enum(['invalidRequest', 'printFailed']) }),
]);
export type PrintResult = z.infer<typeof printResultSchema>;

export const setLanguageSchema = languageSchema;

/**
 * The hub this desk joined and the pin of its TLS key (shared/sync/transport): the shell lets the page
 * talk to that hub only, and refuses any TLS connection to it whose key is not the pinned one.
 */
export const hubLinkSchema = z.object({
  hubUrl: z.string().refine((url) => checkHubAddress(url).ok),
  hubKeyPin: z.string().regex(HUB_KEY_PIN),
});
export type HubLink = z.infer<typeof hubLinkSchema>;

/**
 * The desk's data key (issue 11 §1): 32 random bytes in base64, which the shell keeps encrypted by the
 * OS secret store (Electron safeStorage) and gives only to its own page; or no key, when nothing
 * protects one (a browser, a Linux session without a keyring): the desk then keeps its key in the
 * profile and says its data is not protected. `failed`: a key is stored but the OS secret store does
 * not open it (another OS login): the desk must not start with a new key and lose its data.
 */
export const dataKeyAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('osSecretStore'), key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/) }),
  z.object({ kind: z.literal('notProtected'), reason: z.enum(['browser', 'noSecretStore']) }),
  z.object({ kind: z.literal('failed') }),
]);
export type DataKeyAnswer = z.infer<typeof dataKeyAnswerSchema>;

/**
 * A backup file to save (issue 11 §2, shared/backup): the shell asks the person for a folder (a USB
 * stick) and writes the file there. The bytes are already encrypted; the name is a plain file name.
 */
export const backupSaveRequestSchema = z.object({
  fileName: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[\p{L}\p{N} _.-]+\.akimat-backup$/u, 'a plain file name ending in .akimat-backup'),
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= 4 * 1024 ** 3),
});
export type BackupSaveRequest = z.infer<typeof backupSaveRequestSchema>;

export const backupSaveResultSchema = z.discriminatedUnion('kind', [
  /** Written to the folder the person chose. */
  z.object({ kind: z.literal('saved'), path: z.string() }),
  /** A browser has no folder dialog: the file went to its downloads. */
  z.object({ kind: z.literal('downloaded') }),
  z.object({ kind: z.literal('cancelled') }),
  z.object({ kind: z.literal('failed'), reason: z.enum(['invalidRequest', 'writeFailed']) }),
]);
export type BackupSaveResult = z.infer<typeof backupSaveResultSchema>;

/**
 * Updates from the district hub (issue 11 §5). The page hands the shell its hub credential for one
 * check (the feed is for enrolled desks only); the shell asks only the hub it pinned at joining, never
 * an address from the page. A download is the person's choice, and so is the install.
 */
export const updateCheckRequestSchema = z.object({
  credential: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/),
});
export type UpdateCheckRequest = z.infer<typeof updateCheckRequestSchema>;

export const UPDATE_FAILURES = [
  /** The hub did not answer, or has no feed for this desk. */
  'unreachable',
  /** The downloaded installer's SHA-512 is not the one the feed states: refused, never installed. */
  'checksum',
  /** The installer is not signed by the desk's publisher (Windows Authenticode). */
  'signature',
  /** Nothing was offered to download or install (no check, or the check found nothing). */
  'nothingOffered',
  'invalidRequest',
] as const;

export const updateStatusSchema = z.discriminatedUnion('kind', [
  /** A browser, or an unpackaged shell: updates come with the installed Electron desk. */
  z.object({ kind: z.literal('unsupported') }),
  z.object({ kind: z.literal('upToDate'), version: z.string() }),
  z.object({ kind: z.literal('available'), version: z.string() }),
  /** Downloaded and its checksum checked: installs when the person agrees (the desk restarts). */
  z.object({ kind: z.literal('ready'), version: z.string() }),
  z.object({ kind: z.literal('failed'), reason: z.enum(UPDATE_FAILURES) }),
]);
export type UpdateStatus = z.infer<typeof updateStatusSchema>;
export type UpdateFailure = (typeof UPDATE_FAILURES)[number];

export { BRIDGE_KEY, IPC_CHANNELS, type AkimatBridge } from './channels';
