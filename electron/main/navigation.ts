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
