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
  return devOrigin !== undefined && (parsed.origin === new URL(devOrigin).origin || parsed.protocol === 'ws:' && parsed.host === new URL(devOrigin).host);
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenSession(session: Session, devOrigin?: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url, devOrigin) }));
}
