import { describe, expect, test, vi } from 'vitest';
import { IPC_CHANNELS, type AppInfo } from '../../shared/ipc';
import { createIpcHandlers, type IpcDeps } from './ipc-handlers';

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
