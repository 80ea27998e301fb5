import {
  IPC_CHANNELS,
  printRequestSchema,
  setLanguageSchema,
  hubLinkSchema,
  backupSaveRequestSchema,
  type BackupSaveResult,
  type HubLink,
  type DataKeyAnswer,
  type AppInfo,
  type Language,
  type PrintResult,
  updateCheckRequestSchema,
  type UpdateStatus,
} from '../../shared/ipc';
import { isDeskOrigin } from './navigation';

/** What the handlers need from Electron and the file system; passed in so they can be tested. */
export interface IpcDeps {
  appInfo(): AppInfo;
  /** Renders the calling window to PDF bytes. */
  renderPdf(options: { pageSize: 'A4' | 'A5'; landscape: boolean }): Promise<Uint8Array>;
  /** Writes bytes to `fileName` in the documents folder and returns the full path. */
  saveDocument(fileName: string, bytes: Uint8Array): Promise<string>;
  setLanguage(language: Language): void;
  /** Remembers the joined hub and its pin; the page may then reach that hub only. */
  setHubLink(link: HubLink): Promise<void>;
  /** Asks for a folder and writes `fileName` there; null when the person cancelled. */
  saveBackup(fileName: string, bytes: Uint8Array): Promise<string | null>;
  /** The desk's data key from the OS secret store (data-key-store.ts). */
  dataKey(): Promise<DataKeyAnswer>;
  /** Updates from the joined hub's feed (updates.ts createUpdateService). */
  checkForUpdate(request: { credential: string }): Promise<UpdateStatus>;
  downloadUpdate(): Promise<UpdateStatus>;
  installUpdate(): boolean;
  log(message: string): void;
}

export type IpcHandler = (payload: unknown) => Promise<unknown>;

/** What an ipcMain.handle event says about its caller (Electron's IpcMainInvokeEvent has it). */
export interface IpcCaller {
  readonly sender: unknown;
  /** Null once the frame navigated away or was destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * Whether a call comes from the desk itself: the top frame of one of our windows, showing a page of
 * the desk's own origin (or of the dev server in an unpackaged run). A frame inside a page (the scan
 * viewer's blob: document), a page that navigated elsewhere, and a frame that is gone are refused.
 */
export function isTrustedCaller(
  caller: IpcCaller,
  devServerUrl: string | null,
  isOwnWindow: (sender: unknown) => boolean,
): boolean {
  const frame = caller.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  return isOwnWindow(caller.sender) && isDeskOrigin(frame.url, devServerUrl);
}

/**
 * The handler ipcMain.handle gets: the caller is checked before the payload is even parsed; an
 * untrusted caller gets `undefined` and nothing is done.
 */
export function guardedHandler(
  handle: IpcHandler,
  trusted: (caller: IpcCaller) => boolean,
  log: (message: string) => void,
): (caller: IpcCaller, payload: unknown) => Promise<unknown> {
  return (caller, payload) => {
    if (!trusted(caller)) {
      log('ipc call refused: not the desk');
      return Promise.resolve(undefined);
    }
    return handle(payload);
  };
}

/**
 * One handler per channel of the contract. Every payload is parsed with the shared schema first;
 * an invalid one is refused as a value and never reaches Electron or the disk.
 */
export function createIpcHandlers(deps: IpcDeps): Record<string, IpcHandler> {
  return {
    [IPC_CHANNELS.appInfo]: () => Promise.resolve(deps.appInfo()),

    [IPC_CHANNELS.printToPdf]: async (payload): Promise<PrintResult> => {
      const parsed = printRequestSchema.safeParse(payload);
      if (!parsed.success) return { kind: 'failed', reason: 'invalidRequest' };
      try {
        const bytes = await deps.renderPdf({
          pageSize: parsed.data.pageSize,
          landscape: parsed.data.landscape,
        });
        const path = await deps.saveDocument(parsed.data.fileName, bytes);
        return { kind: 'saved', path, bytes: bytes.byteLength };
      } catch (error) {
        deps.log(`printToPdf failed: ${error instanceof Error ? error.name : 'unknown'}`);
        return { kind: 'failed', reason: 'printFailed' };
      }
    },

    [IPC_CHANNELS.setLanguage]: (payload) => {
      const parsed = setLanguageSchema.safeParse(payload);
      if (parsed.success) deps.setLanguage(parsed.data);
      return Promise.resolve(undefined);
    },

    [IPC_CHANNELS.saveBackup]: async (payload): Promise<BackupSaveResult> => {
      const parsed = backupSaveRequestSchema.safeParse(payload);
      if (!parsed.success) return { kind: 'failed', reason: 'invalidRequest' };
      try {
        const path = await deps.saveBackup(parsed.data.fileName, parsed.data.bytes);
        return path === null ? { kind: 'cancelled' } : { kind: 'saved', path };
      } catch (error) {
        deps.log(`saveBackup failed: ${error instanceof Error ? error.name : 'unknown'}`);
        return { kind: 'failed', reason: 'writeFailed' };
      }
    },

    [IPC_CHANNELS.setHubLink]: async (payload): Promise<boolean> => {
      const parsed = hubLinkSchema.safeParse(payload);
      if (!parsed.success) return false;
      await deps.setHubLink(parsed.data);
      return true;
    },

    // No payload to check; the answer goes only to a caller the guard trusts (the desk's own page).
    [IPC_CHANNELS.dataKey]: () => deps.dataKey(),

    [IPC_CHANNELS.checkForUpdate]: (payload): Promise<UpdateStatus> => {
      const parsed = updateCheckRequestSchema.safeParse(payload);
      if (!parsed.success) return Promise.resolve({ kind: 'failed', reason: 'invalidRequest' });
      return deps.checkForUpdate(parsed.data);
    },
    [IPC_CHANNELS.downloadUpdate]: () => deps.downloadUpdate(),
    [IPC_CHANNELS.installUpdate]: () => Promise.resolve(deps.installUpdate()),
  };
}
