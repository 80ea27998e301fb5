// Updates of the desk from its district hub (issue 11 §5), through electron-updater's generic
// provider. What must stay true:
// - The feed is the hub the shell pinned at joining (settings.hubUrl + /v1/updates/), never an address
//   from the page; the page gives only its credential, per check, and the shell keeps it in memory.
//   electron-updater fetches on its own session ('electron-updater'), which main pins like the default
//   one, so the feed travels over the pinned TLS link.
// - Nothing downloads or installs by itself: autoDownload and install-on-quit are off; the person
//   chooses to download, then to install (the desk restarts).
// - An installer whose SHA-512 is not the feed's is refused: electron-updater checks it while
//   downloading (ERR_CHECKSUM_MISMATCH), and this service checks the file again before it offers the
//   install, so a file changed after the download is never run. No downgrade.
// - Failures are values (UpdateStatus 'failed' with a reason), never exceptions to the page.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { OutgoingHttpHeaders } from 'node:http';
import { basename } from 'node:path';
import type { UpdateCheckRequest, UpdateFailure, UpdateStatus } from '../../shared/ipc';

/** The session partition electron-updater downloads on (its NET_SESSION_NAME); main pins it too. */
export const UPDATER_SESSION_PARTITION = 'electron-updater';

export interface FeedFile {
  readonly url: string;
  readonly sha512: string;
}

/** The part of electron-updater's AppUpdater this service drives (tests pass a fake). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  disableDifferentialDownload: boolean;
  requestHeaders: OutgoingHttpHeaders | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{
    readonly isUpdateAvailable: boolean;
    readonly updateInfo: { readonly version: string; readonly files: readonly FeedFile[] };
  } | null>;
  /** Resolves with the downloaded files' paths. */
  downloadUpdate(): Promise<string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateServiceDeps {
  /** electron-updater's updater in a packaged desk; null when unpackaged (nothing to update). */
  readonly updater: UpdaterLike | null;
  /** The hub this desk joined (the shell's settings), read at each check. */
  hubUrl(): string;
  currentVersion(): string;
  /** The base64 SHA-512 of a file (sha512OfFile). */
  sha512Of(path: string): Promise<string>;
  log(message: string): void;
}

export interface UpdateService {
  check(request: UpdateCheckRequest): Promise<UpdateStatus>;
  download(): Promise<UpdateStatus>;
  install(): boolean;
}

export function sha512OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('base64')));
  });
}

/** The feed's address on a hub: electron-updater resolves latest.yml and the installers against it. */
export function updateFeedUrl(hubUrl: string): string {
  return new URL('/v1/updates/', hubUrl).toString();
}

/** The reason a failed electron-updater call gives, as one of ours. */
export function updateFailureOf(error: unknown): UpdateFailure {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
  if (code === 'ERR_CHECKSUM_MISMATCH') return 'checksum';
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') return 'signature';
  return 'unreachable';
}

/**
 * Whether the downloaded installer is one the feed offered: its file name is one of the feed's files
 * and its SHA-512 is that file's.
 */
export async function downloadMatchesFeed(
  path: string,
  files: readonly FeedFile[],
  sha512Of: (path: string) => Promise<string>,
): Promise<boolean> {
  const name = basename(path);
  const offered = files.find((f) => basename(decodeURIComponent(f.url)) === name);
  if (!offered) return false;
  return (await sha512Of(path)) === offered.sha512;
}

export function createUpdateService(deps: UpdateServiceDeps): UpdateService {
  const { updater } = deps;
  let offered: { version: string; files: readonly FeedFile[] } | null = null;
  let ready: string | null = null;

  if (updater) {
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    updater.allowDowngrade = false;
    updater.allowPrerelease = false;
    // The hub serves single byte ranges only; a whole installer is what the checksum covers.
    updater.disableDifferentialDownload = true;
  }

  const failed = (reason: UpdateFailure): UpdateStatus => ({ kind: 'failed', reason });

  return {
    async check(request) {
      if (!updater) return { kind: 'unsupported' };
      updater.requestHeaders = { Authorization: `Bearer ${request.credential}` };
      updater.setFeedURL({ provider: 'generic', url: updateFeedUrl(deps.hubUrl()) });
      try {
        const result = await updater.checkForUpdates();
        if (result === null) return { kind: 'unsupported' };
        if (!result.isUpdateAvailable) {
          offered = null;
          return { kind: 'upToDate', version: deps.currentVersion() };
        }
        const { version, files } = result.updateInfo;
        if (ready !== null && ready === version) return { kind: 'ready', version };
        offered = { version, files };
        ready = null;
        return { kind: 'available', version };
      } catch (error) {
        deps.log(`update check failed: ${updateFailureOf(error)}`);
        return failed(updateFailureOf(error));
      }
    },

    async download() {
      if (!updater) return { kind: 'unsupported' };
      const update = offered;
      if (update === null) return failed('nothingOffered');
      try {
        const paths = await updater.downloadUpdate();
        const installer = paths[0];
        if (installer === undefined) return failed('checksum');
        if (!(await downloadMatchesFeed(installer, update.files, deps.sha512Of))) {
          deps.log('update refused: the downloaded installer does not match the feed');
          offered = null;
          return failed('checksum');
        }
        ready = update.version;
        return { kind: 'ready', version: update.version };
      } catch (error) {
        deps.log(`update download failed: ${updateFailureOf(error)}`);
        if (updateFailureOf(error) !== 'unreachable') offered = null;
        return failed(updateFailureOf(error));
      }
    },

    install() {
      if (!updater || ready === null) return false;
      // Not silent: the installer shows its own progress; the desk starts again afterwards.
      updater.quitAndInstall(false, true);
      return true;
    },
  };
}
