/** The desk's own pages live on this origin; nothing else may be loaded in its window. */
export const DESK_SCHEME = 'app';
export const DESK_HOST = 'desk';
export const DESK_ORIGIN = `${DESK_SCHEME}://${DESK_HOST}`;

/**
 * Decides whether the window may navigate to `url`. Only the desk's own origin (and, in development,
 * the Vite dev server it was started with) is allowed; every other navigation and every new window is
 * denied, so a link in citizen-entered text can never turn the window into a browser.
 */
export function isAllowedNavigation(url: string, devServerUrl: string | null): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol === `${DESK_SCHEME}:` && target.host === DESK_HOST) return true;
  if (devServerUrl !== null) {
    return target.origin === new URL(devServerUrl).origin;
  }
  return false;
}

/**
 * Maps a request on the desk's origin to a file below the renderer's build folder, or null when the
 * path tries to leave it. Unknown paths fall back to index.html (single-page app).
 */
export function resolveDeskFile(
  requestUrl: string,
  hasFile: (relative: string) => boolean,
): string | null {
  const url = new URL(requestUrl);
  if (url.protocol !== `${DESK_SCHEME}:` || url.host !== DESK_HOST) return null;
  const decoded = decodeURIComponent(url.pathname);
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s.includes('\\') || s.includes('\0'))) return null;
  const relative = segments.join('/');
  if (relative === '') return 'index.html';
  return hasFile(relative) ? relative : 'index.html';
}

/**
 * The Vite dev server the window may load instead of the built desk: only in an unpackaged run
 * (`npm run dev`). A packaged app ignores the variable, so nobody can point an installed desk at
 * another page by setting it in the environment.
 */
export function devServerUrlFor(
  isPackaged: boolean,
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  if (isPackaged) return null;
  const url = env['AKIMAT_DEV_SERVER_URL'];
  if (url === undefined || url === '') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Whether `url` is one of the desk's own pages (its origin, or the dev server's when one runs). */
export function isDeskOrigin(url: string, devServerUrl: string | null): boolean {
  return isAllowedNavigation(url, devServerUrl);
}

/**
 * A frame inside a desk page (not its top): also the scan viewer's `blob:` document made by the desk
 * itself, and an empty frame. Never another site.
 */
export function isAllowedFrameNavigation(url: string, devServerUrl: string | null): boolean {
  if (url === 'about:blank' || url === 'about:srcdoc') return true;
  if (url.startsWith('blob:')) return isAllowedNavigation(url.slice('blob:'.length), devServerUrl);
  return isAllowedNavigation(url, devServerUrl);
}

/**
 * The web permissions the desk uses, and only for its own pages: notifications (the morning
 * reminder) and writing plain text to the clipboard (the district admin's "copy the enrollment
 * code"). Reading the clipboard is never granted: a page could read what a person copied elsewhere.
 */
const DESK_PERMISSIONS: readonly string[] = ['notifications', 'clipboard-sanitized-write'];

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  devServerUrl: string | null,
): boolean {
  return DESK_PERMISSIONS.includes(permission) && isDeskOrigin(requestingUrl, devServerUrl);
}

/** What the guards need of a webContents; Electron's own satisfies it. */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(
    event: 'will-frame-navigate',
    listener: (details: { preventDefault(): void; url: string; isMainFrame: boolean }) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  readonly session: GuardedSession;
}

export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
}

/**
 * Guards one webContents, whatever made it (the main window, a PDF viewer, a page's frame): only the
 * desk's own pages load in it, no window ever opens, no <webview> attaches, and its session grants
 * nothing but DESK_PERMISSIONS to the desk's own pages. Called for every webContents from
 * app.on('web-contents-created'), so a window or view added later is guarded without remembering to.
 */
export function guardWebContents(
  contents: GuardedContents,
  devServerUrl: string | null,
  guardedSessions: WeakSet<object>,
): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (details) => {
    const allowed = details.isMainFrame
      ? isAllowedNavigation(details.url, devServerUrl)
      : isAllowedFrameNavigation(details.url, devServerUrl);
    if (!allowed) details.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // One handler per session (every desk window shares the default one).
  const session = contents.session;
  if (guardedSessions.has(session)) return;
  guardedSessions.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? '', devServerUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, devServerUrl),
  );
}
