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
  };
}
