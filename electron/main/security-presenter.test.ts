// Presenter mode is the one place a page opens a window or asks for a permission: the presenter view (our own page
// at #/presenter) and full screen, for our pages only. Everything else stays denied.
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-protocol';
import { isAllowedPermission, isPresenterViewUrl } from './security';

describe('presenter mode in the desktop app', () => {
  it('lets our page open its presenter view and nothing else', () => {
    expect(isPresenterViewUrl(`${APP_ENTRY_URL}#/presenter?session=abc`)).toBe(true);
    expect(isPresenterViewUrl('http://localhost:5173/#/presenter?session=abc', 'http://localhost:5173')).toBe(true);
    expect(isPresenterViewUrl(APP_ENTRY_URL)).toBe(false);
    expect(isPresenterViewUrl(`${APP_ENTRY_URL}#/open/home-to-web`)).toBe(false);
    expect(isPresenterViewUrl('https://evil.example/#/presenter')).toBe(false);
    expect(isPresenterViewUrl('http://localhost:5173/#/presenter')).toBe(false);
    expect(isPresenterViewUrl('file:///etc/passwd#/presenter')).toBe(false);
    expect(isPresenterViewUrl('not a url')).toBe(false);
  });

  it('grants full screen to our pages only, and no other permission', () => {
    expect(isAllowedPermission('fullscreen', APP_ENTRY_URL)).toBe(true);
    expect(isAllowedPermission('fullscreen', 'app://packet-journey')).toBe(true);
    expect(isAllowedPermission('fullscreen', 'http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedPermission('fullscreen', 'https://evil.example/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(isAllowedPermission(permission, APP_ENTRY_URL)).toBe(false);
    }
  });
});
