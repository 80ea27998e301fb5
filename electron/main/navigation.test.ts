import { describe, expect, test } from 'vitest';
import {
  devServerUrlFor,
  guardWebContents,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isPermissionAllowed,
  resolveDeskFile,
  type GuardedContents,
  type GuardedSession,
} from './navigation';

describe('navigation guard', () => {
  test('allows the desk origin only', () => {
    expect(isAllowedNavigation('app://desk/index.html', null)).toBe(true);
    expect(isAllowedNavigation('https://example.org/', null)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', null)).toBe(false);
    expect(isAllowedNavigation('app://other/index.html', null)).toBe(false);
    expect(isAllowedNavigation('not a url', null)).toBe(false);
  });

  test('allows the dev server only when one was given', () => {
    expect(isAllowedNavigation('http://localhost:5173/journal', 'http://localhost:5173')).toBe(
      true,
    );
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/', null)).toBe(false);
  });
});

describe('desk files', () => {
  const files = new Set(['index.html', 'assets/index-abc.js']);
  const has = (p: string) => files.has(p);

  test('serves known files and falls back to index.html', () => {
    expect(resolveDeskFile('app://desk/', has)).toBe('index.html');
    expect(resolveDeskFile('app://desk/assets/index-abc.js', has)).toBe('assets/index-abc.js');
    expect(resolveDeskFile('app://desk/journal', has)).toBe('index.html');
  });

  test('never leaves the build folder', () => {
    // The URL parser already folds dot segments; what is left must still stay inside.
    expect(resolveDeskFile('app://desk/%2e%2e/%2e%2e/etc/passwd', has)).toBe('index.html');
    expect(resolveDeskFile('app://desk/..%2F..%2Fetc%2Fpasswd', has)).toBeNull();
    expect(resolveDeskFile('app://desk/assets/..%5c..%5csecret', has)).toBeNull();
    expect(resolveDeskFile('app://evil/index.html', has)).toBeNull();
  });
});

describe('the development server in a packaged app', () => {
  test('is ignored when packaged, whatever the environment says', () => {
    const env = { AKIMAT_DEV_SERVER_URL: 'http://localhost:5173' };
    expect(devServerUrlFor(true, env)).toBeNull();
    expect(devServerUrlFor(false, env)).toBe('http://localhost:5173');
  });

  test('is only an http(s) origin, and nothing when unset', () => {
    expect(devServerUrlFor(false, {})).toBeNull();
    expect(devServerUrlFor(false, { AKIMAT_DEV_SERVER_URL: '' })).toBeNull();
    expect(devServerUrlFor(false, { AKIMAT_DEV_SERVER_URL: 'file:///tmp/x' })).toBeNull();
    expect(devServerUrlFor(false, { AKIMAT_DEV_SERVER_URL: 'http://localhost:5173/a?b' })).toBe(
      'http://localhost:5173',
    );
  });
});

/** A webContents as Electron makes them: listeners by event name, a session shared or not. */
function fakeContents(session: FakeSession) {
  const listeners = new Map<string, (...args: never[]) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents: GuardedContents = {
    on: (event: string, listener: (...args: never[]) => void) => {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler: (handler) => {
      openHandler = handler;
    },
    session,
  };
  /** Fires a navigation-like event; true when the guard let it go on. */
  const navigate = (event: 'will-navigate' | 'will-redirect', url: string): boolean => {
    let prevented = false;
    const listener = listeners.get(event) as
      ((e: { preventDefault(): void }, url: string) => void) | undefined;
    listener?.({ preventDefault: () => (prevented = true) }, url);
    return !prevented && listener !== undefined;
  };
  const frameNavigate = (url: string, isMainFrame: boolean): boolean => {
    let prevented = false;
    const listener = listeners.get('will-frame-navigate') as
      ((d: { preventDefault(): void; url: string; isMainFrame: boolean }) => void) | undefined;
    listener?.({ preventDefault: () => (prevented = true), url, isMainFrame });
    return !prevented && listener !== undefined;
  };
  const attachWebview = (): boolean => {
    let prevented = false;
    const listener = listeners.get('will-attach-webview') as
      ((e: { preventDefault(): void }) => void) | undefined;
    listener?.({ preventDefault: () => (prevented = true) });
    return !prevented;
  };
  return {
    contents,
    navigate,
    frameNavigate,
    attachWebview,
    open: (url: string) => openHandler?.({ url }).action,
  };
}

interface FakeSession extends GuardedSession {
  request(permission: string, requestingUrl: string): boolean;
  check(permission: string, origin: string): boolean;
  handlersSet: number;
}

function fakeSession(): FakeSession {
  let onRequest: Parameters<GuardedSession['setPermissionRequestHandler']>[0] | null = null;
  let onCheck: Parameters<GuardedSession['setPermissionCheckHandler']>[0] | null = null;
  const session: FakeSession = {
    handlersSet: 0,
    setPermissionRequestHandler: (handler) => {
      onRequest = handler;
      session.handlersSet++;
    },
    setPermissionCheckHandler: (handler) => {
      onCheck = handler;
    },
    request: (permission, requestingUrl) => {
      let granted = true;
      // No handler at all means Electron grants everything: count that as granted.
      onRequest?.(null, permission, (g) => (granted = g), { requestingUrl });
      return granted;
    },
    check: (permission, origin) => onCheck?.(null, permission, origin) ?? true,
  };
  return session;
}

describe('guards on every webContents (web-contents-created)', () => {
  test('the main window and any other contents get the same guards', () => {
    const shared = fakeSession();
    const sessions = new WeakSet<object>();
    // What main.ts registers: every webContents Electron makes goes through guardWebContents.
    const made = [fakeContents(shared), fakeContents(shared), fakeContents(fakeSession())];
    for (const m of made) guardWebContents(m.contents, null, sessions);
    for (const m of made) {
      expect(m.navigate('will-navigate', 'app://desk/journal')).toBe(true);
      expect(m.navigate('will-navigate', 'https://evil.example/')).toBe(false);
      expect(m.navigate('will-redirect', 'https://evil.example/')).toBe(false);
      expect(m.frameNavigate('https://evil.example/', true)).toBe(false);
      expect(m.frameNavigate('https://evil.example/', false)).toBe(false);
      expect(m.open('app://desk/journal')).toBe('deny');
      expect(m.open('https://evil.example/')).toBe('deny');
      expect(m.attachWebview()).toBe(false);
    }
    // One handler per session, however many contents share it.
    expect(shared.handlersSet).toBe(1);
  });

  test('a frame inside a desk page may show the desk’s own blob: scan, not another site’s', () => {
    const m = fakeContents(fakeSession());
    guardWebContents(m.contents, null, new WeakSet());
    expect(m.frameNavigate('blob:app://desk/2f0c7c1e-9b2d-4b7e-8d3a-1e2f3a4b5c6d', false)).toBe(
      true,
    );
    expect(m.frameNavigate('about:blank', false)).toBe(true);
    expect(m.frameNavigate('blob:https://evil.example/x', false)).toBe(false);
    // The top frame never leaves the desk, not even for its own blob.
    expect(m.frameNavigate('blob:app://desk/2f0c7c1e', true)).toBe(false);
  });

  test('permissions: notifications and clipboard writes for the desk’s own pages, nothing else for anyone', () => {
    const session = fakeSession();
    guardWebContents(fakeContents(session).contents, null, new WeakSet());
    expect(session.request('notifications', 'app://desk/')).toBe(true);
    expect(session.request('notifications', 'https://evil.example/')).toBe(false);
    expect(session.request('clipboard-sanitized-write', 'app://desk/')).toBe(true);
    expect(session.check('clipboard-sanitized-write', 'app://desk')).toBe(true);
    expect(session.request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'usb']) {
      expect(session.request(p, 'app://desk/')).toBe(false);
      expect(session.check(p, 'app://desk')).toBe(false);
    }
    expect(session.check('notifications', 'app://desk')).toBe(true);
    expect(isPermissionAllowed('notifications', 'http://localhost:5173/', null)).toBe(false);
    expect(
      isPermissionAllowed('notifications', 'http://localhost:5173/', 'http://localhost:5173'),
    ).toBe(true);
  });

  test('a packaged app (no dev server) refuses the dev server’s address like any other site', () => {
    const m = fakeContents(fakeSession());
    guardWebContents(
      m.contents,
      devServerUrlFor(true, { AKIMAT_DEV_SERVER_URL: 'http://localhost:5173' }),
      new WeakSet(),
    );
    expect(m.navigate('will-navigate', 'http://localhost:5173/')).toBe(false);
    expect(isAllowedFrameNavigation('http://localhost:5173/', null)).toBe(false);
  });
});
