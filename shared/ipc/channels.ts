import type { AppInfo, HubLink, Language, PrintRequest, PrintResult } from './contract';

// Kept apart from the schemas so the sandboxed preload bundles only these few constants.

/** Channel names: the only strings main and preload share. */
export const IPC_CHANNELS = {
  appInfo: 'akimat:app-info',
  printToPdf: 'akimat:print-to-pdf',
  setLanguage: 'akimat:set-language',
  setHubLink: 'akimat:set-hub-link',
} as const;

export interface AkimatBridge {
  appInfo(): Promise<AppInfo>;
  printToPdf(request: PrintRequest): Promise<PrintResult>;
  /** Tells the shell the interface language so its menu follows it. */
  setLanguage(language: Language): Promise<void>;
  /** Tells the shell which hub the desk joined and the pin of its key; false when refused. */
  setHubLink(link: HubLink): Promise<boolean>;
}

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_KEY = 'akimat';
