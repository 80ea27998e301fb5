import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  createUpdateService,
  sha512OfFile,
  updateFeedUrl,
  UPDATER_SESSION_PARTITION,
  type FeedFile,
  type UpdaterLike,
} from './updates';

const INSTALLER = 'Akimat-Desk-Setup-0.2.0.exe';
const CREDENTIAL = 'k'.repeat(43);
const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('base64');

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** electron-updater as the service drives it: the feed's files, and what its download leaves. */
function fakeUpdater(
  feed: { version: string; files: FeedFile[] },
  downloaded: () => Promise<string>,
) {
  const updater: UpdaterLike & { feedUrl: string | null } = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    allowPrerelease: true,
    disableDifferentialDownload: false,
    requestHeaders: null,
    feedUrl: null,
    setFeedURL: vi.fn((options: { url: string }) => {
      updater.feedUrl = options.url;
    }),
    checkForUpdates: vi.fn(() =>
      Promise.resolve({ isUpdateAvailable: feed.version !== '0.1.0', updateInfo: feed }),
    ),
    downloadUpdate: vi.fn(async () => [await downloaded()]),
    quitAndInstall: vi.fn(),
  };
  return updater;
}

async function downloadedFile(bytes: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'akimat-update-'));
  dirs.push(dir);
  const path = join(dir, INSTALLER);
  await writeFile(path, bytes);
  return path;
}

function service(updater: UpdaterLike | null) {
  return createUpdateService({
    updater,
    hubUrl: () => 'https://hub.akk.example:8443',
    currentVersion: () => '0.1.0',
    sha512Of: sha512OfFile,
    log: vi.fn(),
  });
}

describe('updates from the district hub (issue 11 §5)', () => {
  test('never downloads or installs by itself, and never goes back a version', () => {
    const updater = fakeUpdater({ version: '0.2.0', files: [] }, () => Promise.resolve(''));
    service(updater);
    expect(updater).toMatchObject({
      autoDownload: false,
      autoInstallOnAppQuit: false,
      allowDowngrade: false,
      allowPrerelease: false,
    });
  });

  test('asks the pinned hub’s feed with the desk’s credential', async () => {
    const updater = fakeUpdater({ version: '0.2.0', files: [] }, () => Promise.resolve(''));
    await expect(service(updater).check({ credential: CREDENTIAL })).resolves.toEqual({
      kind: 'available',
      version: '0.2.0',
    });
    expect(updater.feedUrl).toBe('https://hub.akk.example:8443/v1/updates/');
    expect(updater.requestHeaders).toEqual({ Authorization: `Bearer ${CREDENTIAL}` });
    expect(updater.downloadUpdate).not.toHaveBeenCalled();
    expect(updateFeedUrl('http://127.0.0.1:8470')).toBe('http://127.0.0.1:8470/v1/updates/');
  });

  test('up to date, and unsupported where there is nothing to update', async () => {
    const same = fakeUpdater({ version: '0.1.0', files: [] }, () => Promise.resolve(''));
    await expect(service(same).check({ credential: CREDENTIAL })).resolves.toEqual({
      kind: 'upToDate',
      version: '0.1.0',
    });
    const none = service(null);
    await expect(none.check({ credential: CREDENTIAL })).resolves.toEqual({ kind: 'unsupported' });
    await expect(none.download()).resolves.toEqual({ kind: 'unsupported' });
    expect(none.install()).toBe(false);
  });

  test('a downloaded installer whose sha512 is the feed’s installs on the person’s word', async () => {
    const bytes = randomBytes(10_000);
    const updater = fakeUpdater(
      { version: '0.2.0', files: [{ url: INSTALLER, sha512: sha512(bytes) }] },
      () => downloadedFile(bytes),
    );
    const updates = service(updater);
    expect(updates.install()).toBe(false);
    await expect(updates.download()).resolves.toEqual({ kind: 'failed', reason: 'nothingOffered' });
    await updates.check({ credential: CREDENTIAL });
    await expect(updates.download()).resolves.toEqual({ kind: 'ready', version: '0.2.0' });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(updates.install()).toBe(true);
    expect(updater.quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  test('a downloaded installer whose sha512 does not match the feed is refused, never installed', async () => {
    const feedBytes = randomBytes(10_000);
    const updater = fakeUpdater(
      { version: '0.2.0', files: [{ url: INSTALLER, sha512: sha512(feedBytes) }] },
      // Same name and size, other bytes (changed on the way or on the disk).
      () => downloadedFile(randomBytes(10_000)),
    );
    const updates = service(updater);
    await updates.check({ credential: CREDENTIAL });
    await expect(updates.download()).resolves.toEqual({ kind: 'failed', reason: 'checksum' });
    expect(updates.install()).toBe(false);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    // A file the feed does not name is refused too.
    const renamed = fakeUpdater(
      { version: '0.2.0', files: [{ url: 'Other.exe', sha512: sha512(feedBytes) }] },
      () => downloadedFile(feedBytes),
    );
    const other = service(renamed);
    await other.check({ credential: CREDENTIAL });
    await expect(other.download()).resolves.toEqual({ kind: 'failed', reason: 'checksum' });
  });

  test('electron-updater’s own refusals are values with their reason', async () => {
    const updater = fakeUpdater({ version: '0.2.0', files: [] }, () => Promise.resolve(''));
    const updates = service(updater);
    await updates.check({ credential: CREDENTIAL });
    const mismatch = Object.assign(new Error('sha512 checksum mismatch'), {
      code: 'ERR_CHECKSUM_MISMATCH',
    });
    updater.downloadUpdate = vi.fn(() => Promise.reject(mismatch));
    await expect(updates.download()).resolves.toEqual({ kind: 'failed', reason: 'checksum' });
    expect(updates.install()).toBe(false);
    await updates.check({ credential: CREDENTIAL });
    const unsigned = Object.assign(new Error('not signed'), {
      code: 'ERR_UPDATER_INVALID_SIGNATURE',
    });
    updater.downloadUpdate = vi.fn(() => Promise.reject(unsigned));
    await expect(updates.download()).resolves.toEqual({ kind: 'failed', reason: 'signature' });
    updater.checkForUpdates = vi.fn(() => Promise.reject(new Error('net::ERR_CONNECTION_REFUSED')));
    await expect(updates.check({ credential: CREDENTIAL })).resolves.toEqual({
      kind: 'failed',
      reason: 'unreachable',
    });
  });

  test('main pins the session electron-updater really downloads on', async () => {
    const { NET_SESSION_NAME } = await import('electron-updater/out/electronHttpExecutor');
    expect(UPDATER_SESSION_PARTITION).toBe(NET_SESSION_NAME);
  });
});
