import type { AkimatBridge } from '../../../shared/ipc';

/**
 * Outside Electron the hub serves the desk (or Vite proxies it in development), so the hub is this
 * page's own origin.
 */
export function createBrowserPlatform(): AkimatBridge {
  const hubUrl = window.location.origin;
  return {
    appInfo: () =>
      Promise.resolve({
        name: 'Akimat Desk',
        version: __APP_VERSION__,
        shell: 'browser',
        platform: navigator.platform,
        hubUrl,
      }),
    printToPdf: () => {
      window.print();
      return Promise.resolve({ kind: 'printDialog' });
    },
    setLanguage: () => Promise.resolve(),
    // A browser keeps its own certificate checks; the page can reach only the hub that serves it.
    setHubLink: () => Promise.resolve(true),
    // A browser has no folder dialog: the backup goes to its downloads, for the person to move.
    saveBackup: ({ fileName, bytes }) => {
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return Promise.resolve({ kind: 'downloaded' });
    },
    // A browser has no OS secret store to ask: the desk keeps its key in the profile (not protected).
    dataKey: () => Promise.resolve({ kind: 'notProtected', reason: 'browser' }),
    // Updates come with the installed Electron desk; a browser is served its pages by the hub.
    checkForUpdate: () => Promise.resolve({ kind: 'unsupported' }),
    downloadUpdate: () => Promise.resolve({ kind: 'unsupported' }),
    installUpdate: () => Promise.resolve(false),
  };
}
