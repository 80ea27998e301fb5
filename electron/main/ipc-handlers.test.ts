import { describe, expect, test, vi } from 'vitest';
import { IPC_CHANNELS, type AppInfo } from '../../shared/ipc';
import {
  createIpcHandlers,
  guardedHandler,
  isTrustedCaller,
  type IpcCaller,
  type IpcDeps,
} from './ipc-handlers';

const info: AppInfo = {
  name: 'Akimat Desk',
  version: '0.1.0',
  shell: 'electron',
  platform: 'linux',
  hubUrl: 'http://127.0.0.1:8470',
};

function fakeDeps(overrides: Partial<IpcDeps> = {}): IpcDeps {
  return {
    appInfo: () => info,
    renderPdf: vi.fn(() => Promise.resolve(new Uint8Array([37, 80, 68, 70]))),
    saveDocument: vi.fn((name: string) => Promise.resolve(`/docs/${name}`)),
    setLanguage: vi.fn(),
    setHubLink: vi.fn(() => Promise.resolve()),
    dataKey: vi.fn(() => Promise.resolve({ kind: 'failed' as const })),
    saveBackup: vi.fn((name: string) => Promise.resolve(`/media/usb/${name}`)),
    checkForUpdate: vi.fn(() => Promise.resolve({ kind: 'available' as const, version: '0.2.0' })),
    downloadUpdate: vi.fn(() => Promise.resolve({ kind: 'ready' as const, version: '0.2.0' })),
    installUpdate: vi.fn(() => true),
    log: vi.fn(),
    ...overrides,
  };
}

function handler(deps: IpcDeps, channel: string) {
  const h = createIpcHandlers(deps)[channel];
  if (!h) throw new Error(`no handler for ${channel}`);
  return h;
}

describe('ipc handlers', () => {
  test('saves a backup to the folder the person picks; a bad name or a cancel writes nothing', async () => {
    const deps = fakeDeps();
    const save = handler(deps, IPC_CHANNELS.saveBackup);
    const bytes = new Uint8Array([65, 75, 73]);
    await expect(save({ fileName: 'KZL01-1-20250314-1130.akimat-backup', bytes })).resolves.toEqual(
      {
        kind: 'saved',
        path: '/media/usb/KZL01-1-20250314-1130.akimat-backup',
      },
    );
    for (const fileName of ['../x.akimat-backup', 'x.exe', '/etc/x.akimat-backup']) {
      await expect(save({ fileName, bytes })).resolves.toEqual({
        kind: 'failed',
        reason: 'invalidRequest',
      });
    }
    await expect(save({ fileName: 'x.akimat-backup', bytes: 'AKI' })).resolves.toEqual({
      kind: 'failed',
      reason: 'invalidRequest',
    });
    expect(deps.saveBackup).toHaveBeenCalledTimes(1);
    const cancelled = fakeDeps({ saveBackup: vi.fn(() => Promise.resolve(null)) });
    await expect(
      handler(cancelled, IPC_CHANNELS.saveBackup)({ fileName: 'x.akimat-backup', bytes }),
    ).resolves.toEqual({ kind: 'cancelled' });
  });

  test('answers appInfo', async () => {
    await expect(handler(fakeDeps(), IPC_CHANNELS.appInfo)(undefined)).resolves.toEqual(info);
  });

  test('prints a valid request to the documents folder', async () => {
    const deps = fakeDeps();
    const result = await handler(
      deps,
      IPC_CHANNELS.printToPdf,
    )({ fileName: 'talon.pdf', pageSize: 'A5' });
    expect(result).toEqual({ kind: 'saved', path: '/docs/talon.pdf', bytes: 4 });
    expect(deps.renderPdf).toHaveBeenCalledWith({ pageSize: 'A5', landscape: false });
  });

  test('refuses an invalid payload without touching the disk', async () => {
    const deps = fakeDeps();
    const result = await handler(deps, IPC_CHANNELS.printToPdf)({ fileName: '../../x.pdf' });
    expect(result).toEqual({ kind: 'failed', reason: 'invalidRequest' });
    expect(deps.renderPdf).not.toHaveBeenCalled();
    expect(deps.saveDocument).not.toHaveBeenCalled();
  });

  test('reports a failed print as a value', async () => {
    const deps = fakeDeps({ renderPdf: () => Promise.reject(new Error('gpu')) });
    const result = await handler(deps, IPC_CHANNELS.printToPdf)({ fileName: 'a.pdf' });
    expect(result).toEqual({ kind: 'failed', reason: 'printFailed' });
  });

  test('changes the language only to a known one', async () => {
    const deps = fakeDeps();
    await handler(deps, IPC_CHANNELS.setLanguage)('kk');
    await handler(deps, IPC_CHANNELS.setLanguage)('de');
    await handler(deps, IPC_CHANNELS.setLanguage)({ lang: 'ru' });
    expect(deps.setLanguage).toHaveBeenCalledTimes(1);
    expect(deps.setLanguage).toHaveBeenCalledWith('kk');
  });

  test('remembers a joined hub only over https beyond loopback, with a well-formed pin', async () => {
    const deps = fakeDeps();
    const pin = 'q'.repeat(43) + '=';
    const set = handler(deps, IPC_CHANNELS.setHubLink);
    await expect(set({ hubUrl: 'https://hub.akk.example', hubKeyPin: pin })).resolves.toBe(true);
    await expect(set({ hubUrl: 'http://127.0.0.1:8470', hubKeyPin: '' })).resolves.toBe(true);
    await expect(set({ hubUrl: 'http://hub.akk.example', hubKeyPin: pin })).resolves.toBe(false);
    await expect(set({ hubUrl: 'https://hub.akk.example', hubKeyPin: 'x' })).resolves.toBe(false);
    await expect(set('https://hub.akk.example')).resolves.toBe(false);
    expect(deps.setHubLink).toHaveBeenCalledTimes(2);
    expect(deps.setHubLink).toHaveBeenCalledWith({
      hubUrl: 'https://hub.akk.example',
      hubKeyPin: pin,
    });
  });
});

describe('the caller of the bridge', () => {
  const ownWindow = { id: 1 };
  const isOwn = (sender: unknown) => sender === ownWindow;
  const top = (url: string) => ({ sender: ownWindow, senderFrame: { url, parent: null } });

  test('is the desk’s own top frame on its own origin', () => {
    expect(isTrustedCaller(top('app://desk/journal'), null, isOwn)).toBe(true);
    expect(isTrustedCaller(top('https://evil.example/'), null, isOwn)).toBe(false);
    expect(isTrustedCaller(top('file:///etc/passwd'), null, isOwn)).toBe(false);
    // A frame inside the page (the scan viewer), a frame that is gone, another window.
    const child = { sender: ownWindow, senderFrame: { url: 'app://desk/', parent: {} } };
    expect(isTrustedCaller(child, null, isOwn)).toBe(false);
    expect(isTrustedCaller({ sender: ownWindow, senderFrame: null }, null, isOwn)).toBe(false);
    expect(isTrustedCaller({ ...top('app://desk/'), sender: { id: 2 } }, null, isOwn)).toBe(false);
    // The dev server only when one runs (never in a packaged app).
    expect(isTrustedCaller(top('http://localhost:5173/'), null, isOwn)).toBe(false);
    expect(isTrustedCaller(top('http://localhost:5173/'), 'http://localhost:5173', isOwn)).toBe(
      true,
    );
  });

  test('an untrusted caller reaches no handler', async () => {
    const deps = fakeDeps();
    const handlers = createIpcHandlers(deps);
    const log = vi.fn();
    const trusted = (caller: IpcCaller) => isTrustedCaller(caller, null, isOwn);
    const wrapped = (channel: string) => {
      const h = handlers[channel];
      if (!h) throw new Error(channel);
      return guardedHandler(h, trusted, log);
    };
    const evil = top('https://evil.example/');
    await expect(wrapped(IPC_CHANNELS.appInfo)(evil, undefined)).resolves.toBeUndefined();
    await wrapped(IPC_CHANNELS.setLanguage)(evil, 'ru');
    await wrapped(IPC_CHANNELS.printToPdf)(evil, { fileName: 'a.pdf' });
    expect(deps.setLanguage).not.toHaveBeenCalled();
    expect(deps.renderPdf).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(3);
    await wrapped(IPC_CHANNELS.setLanguage)(top('app://desk/'), 'ru');
    expect(deps.setLanguage).toHaveBeenCalledWith('ru');
    await expect(wrapped(IPC_CHANNELS.appInfo)(top('app://desk/'), undefined)).resolves.toEqual(
      info,
    );
  });
});

describe('update channels', () => {
  test('a check passes on only a well-formed credential', async () => {
    const deps = fakeDeps();
    const check = handler(deps, IPC_CHANNELS.checkForUpdate);
    const credential = 'c'.repeat(43);
    await expect(check({ credential })).resolves.toEqual({ kind: 'available', version: '0.2.0' });
    expect(deps.checkForUpdate).toHaveBeenCalledWith({ credential });
    for (const bad of [{ credential: 'short' }, { credential, hubUrl: 'https://x' }, 'x', null]) {
      await expect(check(bad)).resolves.toMatchObject(
        bad !== null && typeof bad === 'object' && 'hubUrl' in bad
          ? { kind: 'available' }
          : { kind: 'failed', reason: 'invalidRequest' },
      );
    }
    // An address from the page is never taken: the schema keeps the credential alone.
    expect(deps.checkForUpdate).toHaveBeenLastCalledWith({ credential });
    await expect(handler(deps, IPC_CHANNELS.installUpdate)(undefined)).resolves.toBe(true);
  });
});
