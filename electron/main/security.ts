// Hardening from Electron's security checklist that applies to every web contents and the session: no navigation,
// no new windows, no webviews, no permissions, and no network requests to anywhere but our own pages (app://).
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

/** Our own page and what it legitimately loads; everything else (http, https, ws, ftp…) is remote content. */
export function isAllowedRequestUrl(url: string, devOrigin?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Our pages (app://packet-journey/), what they make in memory (data:, blob:) and the developer tools; not file:,
  // which would open every local file to the page.
  if (isAppUrl(url) || ['data:', 'blob:', 'devtools:', 'chrome-extension:'].includes(parsed.protocol)) return true;
  return (
    devOrigin !== undefined &&
    (parsed.origin === new URL(devOrigin).origin ||
      (parsed.protocol === 'ws:' && parsed.host === new URL(devOrigin).host))
  );
}

/** Our own page's origin: app://packet-journey, or the dev server's while developing. */
function isOwnPage(url: string, devOrigin?: string): boolean {
  try {
    return isAppUrl(url) || (devOrigin !== undefined && new URL(url).origin === new URL(devOrigin).origin);
  } catch {
    return false;
  }
}

/**
 * The one window a page may open: presenter mode's presenter view, the app's own page at #/presenter. It inherits the
 * opener's hardened web preferences (sandbox, context isolation, no Node) and talks to it over a BroadcastChannel.
 */
export function isPresenterViewUrl(url: string, devOrigin?: string): boolean {
  if (!isOwnPage(url, devOrigin)) return false;
  return new URL(url).hash.startsWith('#/presenter');
}

/** Presenter mode asks for full screen (the HTML Fullscreen API); nothing else is granted, and only to our pages. */
export function isAllowedPermission(permission: string, url: string, devOrigin?: string): boolean {
  return permission === 'fullscreen' && isOwnPage(url, devOrigin);
}

export function hardenWebContents(contents: WebContents, devOrigin?: string): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) =>
    isPresenterViewUrl(url, devOrigin)
      ? {
          action: 'allow',
          overrideBrowserWindowOptions: { width: 1280, height: 800, autoHideMenuBar: true, backgroundColor: '#f6f7f9' },
        }
      : { action: 'deny' },
  );
}

export function hardenSession(session: Session, devOrigin?: string): void {
  session.setPermissionRequestHandler((contents, permission, callback) =>
    callback(isAllowedPermission(permission, contents.getURL(), devOrigin)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin) =>
    isAllowedPermission(permission, origin, devOrigin),
  );
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequestUrl(details.url, devOrigin) }),
  );
}
