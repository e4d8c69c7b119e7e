// app://packet-journey/ serves the built renderer folder and nothing else; the request filter and the IPC sender
// check accept that origin and no file: URL.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ENTRY_URL, appResponse, isAppUrl } from './app-protocol';
import { isAllowedRequestUrl } from './security';
import { isTrustedSenderUrl } from './ipc-validation';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();

function renderer(): string {
  const outer = tempDir();
  const root = join(outer, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Packet Journey</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(outer, 'secret.txt'), 'not for the page');
  return root;
}

describe('app:// serves the renderer', () => {
  it('the entry page and its assets, with their content types', async () => {
    const root = renderer();
    const page = await appResponse(APP_ENTRY_URL, root);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Packet Journey</title>');
    const script = await appResponse('app://packet-journey/assets/app.js?v=1', root);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('nothing outside the folder, however the path is spelled, and no other host', async () => {
    const root = renderer();
    for (const url of [
      'app://packet-journey/../secret.txt',
      'app://packet-journey/%2e%2e/secret.txt',
      'app://packet-journey/assets/..%2F..%2Fsecret.txt',
      'app://packet-journey/..%5Csecret.txt',
      'app://packet-journey/%00index.html',
      'app://other/index.html',
      'app://packet-journey/missing.js',
      'file:///etc/passwd',
    ]) {
      const response = await appResponse(url, root);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('not for the page');
    }
  });
});

describe('what the app trusts', () => {
  it('the request filter lets app://packet-journey through and no file: URL', () => {
    expect(isAllowedRequestUrl('app://packet-journey/assets/app.js')).toBe(true);
    expect(isAllowedRequestUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequestUrl('file:///app/out/renderer/index.html')).toBe(false);
    expect(isAllowedRequestUrl('app://other/x.js')).toBe(false);
    expect(isAllowedRequestUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('app://packet-journey/index.html#/x')).toBe(true);
  });

  it('IPC is accepted from the app:// page only (in production)', () => {
    const production = { appOrigin: true };
    expect(isTrustedSenderUrl('app://packet-journey/index.html#/open/x', production)).toBe(true);
    expect(isTrustedSenderUrl('file:///app/out/renderer/index.html', production)).toBe(false);
    expect(isTrustedSenderUrl('app://evil/index.html', production)).toBe(false);
  });
});
