import {
  IPC_CHANNELS,
  printRequestSchema,
  setLanguageSchema,
  hubLinkSchema,
  type HubLink,
  type AppInfo,
  type Language,
  type PrintResult,
} from '../../shared/ipc';

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
  log(message: string): void;
}

export type IpcHandler = (payload: unknown) => Promise<unknown>;

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

    [IPC_CHANNELS.setHubLink]: async (payload): Promise<boolean> => {
      const parsed = hubLinkSchema.safeParse(payload);
      if (!parsed.success) return false;
      await deps.setHubLink(parsed.data);
      return true;
    },
  };
}
