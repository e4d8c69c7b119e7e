// The desktop app's pages come from app://packet-journey/, a privileged custom scheme served from the built
// renderer folder, not from file:// (where every local file would share the page's origin and the request filter
// would have to let all of file: through). Plain Node (the Response of fetch), so it is tested without Electron.
import { readFile } from 'node:fs/promises';
import { extname, join, relative, resolve, sep, isAbsolute } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'packet-journey';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged, before the app is ready: standard (real origin, relative URLs, CSP
 * 'self' means it), secure (like https), fetch and workers allowed; no CORS bypass, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/** Is `url` one of our pages' own resources (app://packet-journey/…)? */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};

/** The file inside `root` that an app:// URL names, or undefined (another host, or a path that leaves `root`). */
export function appFilePath(url: string, root: string): string | undefined {
  if (!isAppUrl(url)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(resolve(root), file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..'))
    return undefined;
  return file;
}

/** The response protocol.handle gives for an app:// request: the file, or 404 — never anything outside `root`. */
export async function appResponse(url: string, root: string): Promise<Response> {
  const file = appFilePath(url, root);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(join(file));
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
