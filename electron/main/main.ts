import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { autoUpdater } from 'electron-updater';
import { existsSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deskContentSecurityPolicy, type Language } from '../../shared/ipc';
import { dataKeyProvider } from './data-key-store';
import { createIpcHandlers, guardedHandler, isTrustedCaller } from './ipc-handlers';
import { menuTemplate } from './menu-template';
import {
  DESK_ORIGIN,
  DESK_SCHEME,
  devServerUrlFor,
  guardWebContents,
  resolveDeskFile,
} from './navigation';
import { crashDialog, crashResponse } from './render-crash';
import { createUpdateService, sha512OfFile, UPDATER_SESSION_PARTITION } from './updates';
import { hubCertificateVerdict } from './pinning';
import {
  loadShellSettings,
  saveShellSettings,
  withHubLink,
  withLanguage,
  type ShellSettings,
} from './shell-settings';

// The built renderer sits next to the built main process: dist/electron/main.cjs, dist/renderer/.
const RENDERER_DIR = join(__dirname, '..', 'renderer');
// `npm run dev` only: a packaged desk ignores the variable (navigation.ts devServerUrlFor).
const DEV_SERVER_URL = devServerUrlFor(app.isPackaged, process.env);
const IS_DEV = DEV_SERVER_URL !== null;
const START_URL = DEV_SERVER_URL ?? `${DESK_ORIGIN}/`;

// Must run before `ready`: a standard, secure scheme gets its own origin, so IndexedDB works.
protocol.registerSchemesAsPrivileged([
  { scheme: DESK_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let settings: ShellSettings;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  const applyMenu = (language: Language): void => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, IS_DEV)));
  };

  // The page may talk to the hub it joined and nothing else; read per request, so joining takes effect
  // at the next page load without a restart.
  const serveDesk = (): void => {
    protocol.handle(DESK_SCHEME, async (request) => {
      const csp = deskContentSecurityPolicy(new URL(settings.hubUrl).origin);
      const file = resolveDeskFile(request.url, (p) => existsSync(join(RENDERER_DIR, p)));
      if (file === null) return new Response('Not found', { status: 404 });
      const response = await net.fetch(pathToFileURL(join(RENDERER_DIR, file)).toString());
      const headers = new Headers(response.headers);
      headers.set('Content-Security-Policy', csp);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(response.body, { status: response.status, headers });
    });
  };

  const createWindow = (): BrowserWindow => {
    const win = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      title: 'Akimat Desk',
      webPreferences: {
        preload: join(__dirname, 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
        // Chromium's built-in PDF viewer, for a scanned PDF opened on the case page (an iframe of a
        // blob: URL, allowed by the CSP's frame-src). No other plugin exists in Electron.
        plugins: true,
      },
    });
    win.once('ready-to-show', () => win.show());
    // Navigation, new windows and permissions are guarded for every webContents (web-contents-created
    // below). A dead page is offered a reload; what it saved is in IndexedDB (render-crash.ts).
    const crashes: number[] = [];
    win.webContents.on('render-process-gone', (_event, details) => {
      const now = Date.now();
      const response = crashResponse(details.reason, crashes, now, START_URL);
      crashes.push(now);
      if (response.kind === 'none' || win.isDestroyed()) return;
      const text = crashDialog(settings.language, response.repeated);
      void dialog
        .showMessageBox(win, { type: 'error', defaultId: 0, cancelId: 1, noLink: true, ...text })
        .then(({ response: button }) => {
          if (win.isDestroyed()) return;
          if (button === 0) void win.loadURL(response.reloadUrl);
          else win.close();
        });
    });
    void win.loadURL(START_URL);
    return win;
  };

  const documentsDir = (): string => {
    const dir = join(app.getPath('documents'), 'Akimat Desk');
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  void app.whenReady().then(async () => {
    settings = await loadShellSettings(app.getPath('userData'));
    applyMenu(settings.language);
    serveDesk();
    // The hub's TLS key must be the one pinned at enrollment (pinning.ts): for the page, and for
    // electron-updater, which fetches the hub's update feed on its own session.
    const updaterSession = session.fromPartition(UPDATER_SESSION_PARTITION, { cache: false });
    for (const pinned of [session.defaultSession, updaterSession]) {
      pinned.setCertificateVerifyProc((request, callback) => {
        callback(
          hubCertificateVerdict(
            { hostname: request.hostname, certificatePem: request.certificate.data },
            settings,
          ),
        );
      });
    }
    // Updates from the joined hub's feed, on the person's word (updates.ts); none unpackaged.
    const updates = createUpdateService({
      updater: app.isPackaged ? autoUpdater : null,
      hubUrl: () => settings.hubUrl,
      currentVersion: () => app.getVersion(),
      sha512Of: sha512OfFile,
      log: (message) => console.error(message),
    });

    const handlers = createIpcHandlers({
      appInfo: () => ({
        name: app.getName(),
        version: app.getVersion(),
        shell: 'electron',
        platform: process.platform,
        hubUrl: settings.hubUrl,
      }),
      renderPdf: async (options) => {
        if (!mainWindow) throw new Error('no window');
        const pdf = await mainWindow.webContents.printToPDF({
          pageSize: options.pageSize,
          landscape: options.landscape,
          printBackground: true,
        });
        return new Uint8Array(pdf);
      },
      saveDocument: async (fileName, bytes) => {
        const path = join(documentsDir(), fileName);
        await writeFile(path, bytes);
        void shell.openPath(path);
        return path;
      },
      setLanguage: (language) => {
        settings = withLanguage(settings, language);
        applyMenu(language);
        void saveShellSettings(app.getPath('userData'), settings);
      },
      // The person picks the folder (a USB stick); the file name is the contract's plain name.
      saveBackup: async (fileName, bytes) => {
        const options = {
          title: fileName,
          properties: ['openDirectory', 'createDirectory'] as (
            'openDirectory' | 'createDirectory'
          )[],
        };
        const chosen = mainWindow
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options);
        const folder = chosen.filePaths[0];
        if (chosen.canceled || folder === undefined) return null;
        const path = join(folder, fileName);
        await writeFile(path, bytes);
        return path;
      },
      checkForUpdate: (request) => updates.check(request),
      downloadUpdate: () => updates.download(),
      installUpdate: () => updates.install(),
      setHubLink: async (link) => {
        settings = withHubLink(settings, link);
        await saveShellSettings(app.getPath('userData'), settings);
      },
      // The data key lives in userData only as safeStorage's ciphertext (data-key-store.ts).
      dataKey: dataKeyProvider({
        isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
        storageBackend: () =>
          process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
        encryptString: (plain) => new Uint8Array(safeStorage.encryptString(plain)),
        decryptString: (encrypted) => safeStorage.decryptString(Buffer.from(encrypted)),
        read: async () => {
          try {
            return new Uint8Array(await readFile(join(app.getPath('userData'), 'data-key.bin')));
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
            throw error;
          }
        },
        write: (encrypted) => writeFile(join(app.getPath('userData'), 'data-key.bin'), encrypted),
        randomBytes: (size) => new Uint8Array(randomBytes(size)),
      }),
      log: (message) => console.error(message),
    });
    // Only our own window's top frame, showing the desk's own origin, may call the bridge.
    const trusted = (caller: Parameters<typeof isTrustedCaller>[0]) =>
      isTrustedCaller(caller, DEV_SERVER_URL, (sender) => sender === mainWindow?.webContents);
    for (const [channel, handle] of Object.entries(handlers)) {
      ipcMain.handle(
        channel,
        guardedHandler(handle, trusted, (m) => console.error(m)),
      );
    }

    mainWindow = createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
  });

  // Every webContents, not only the main window's: a PDF viewer or any view added later too.
  const guardedSessions = new WeakSet<object>();
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, DEV_SERVER_URL, guardedSessions);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
