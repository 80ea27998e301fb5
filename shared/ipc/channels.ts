import type {
  AppInfo,
  BackupSaveRequest,
  BackupSaveResult,
  DataKeyAnswer,
  HubLink,
  Language,
  PrintRequest,
  PrintResult,
  UpdateCheckRequest,
  UpdateStatus,
} from './contract';

// Kept apart from the schemas so the sandboxed preload bundles only these few constants.

/** Channel names: the only strings main and preload share. */
export const IPC_CHANNELS = {
  appInfo: 'akimat:app-info',
  printToPdf: 'akimat:print-to-pdf',
  setLanguage: 'akimat:set-language',
  setHubLink: 'akimat:set-hub-link',
  saveBackup: 'akimat:save-backup',
  dataKey: 'akimat:data-key',
  checkForUpdate: 'akimat:update-check',
  downloadUpdate: 'akimat:update-download',
  installUpdate: 'akimat:update-install',
} as const;

export interface AkimatBridge {
  appInfo(): Promise<AppInfo>;
  printToPdf(request: PrintRequest): Promise<PrintResult>;
  /** Tells the shell the interface language so its menu follows it. */
  setLanguage(language: Language): Promise<void>;
  /** Tells the shell which hub the desk joined and the pin of its key; false when refused. */
  setHubLink(link: HubLink): Promise<boolean>;
  /** Asks for a folder (a USB stick) and writes an encrypted backup file there. */
  saveBackup(request: BackupSaveRequest): Promise<BackupSaveResult>;
  /**
   * The key the desk seals citizens' data with (renderer/src/db/at-rest.ts): kept by the OS secret
   * store in Electron; a browser, or a system with no secret store, keeps none.
   */
  dataKey(): Promise<DataKeyAnswer>;
  /** Asks the joined hub's update feed whether a newer desk is there (after a sync). */
  checkForUpdate(request: UpdateCheckRequest): Promise<UpdateStatus>;
  /** Downloads the offered update and checks its SHA-512; `ready` when it may be installed. */
  downloadUpdate(): Promise<UpdateStatus>;
  /** The person agreed: the desk closes, the installer runs, the desk starts again. */
  installUpdate(): Promise<boolean>;
}

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_KEY = 'akimat';
