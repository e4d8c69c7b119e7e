// `npm start`: build and open the desktop app; where the Electron binary is not available (it is downloaded on
// first use, which needs GitHub), serve the same app in web mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureNodeModules } from './setup.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
export const WEB_HOST = '127.0.0.1';
export const WEB_PORT = 5173;

/**
 * The Electron executable if it is on disk. Never `require('electron')`: that call tries to download the binary.
 * ELECTRON_EXEC_PATH wins; otherwise node_modules/electron/path.txt names it relative to node_modules/electron/dist.
 */
export function findElectronBinary(env = process.env) {
  if (env.ELECTRON_EXEC_PATH) return existsSync(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : undefined;
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const executable = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : undefined;
}

function run(args) {
  const result = spawnSync(npx, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function startWeb() {
  console.log(
    'The Electron binary is not available on this machine (no internet access to download it), so Packet Journey opens in web mode instead.',
  );
  run(['vite', 'build', '--config', 'vite.renderer.config.mts', '--logLevel', 'warn']);
  const address = `http://${WEB_HOST}:${WEB_PORT}/`;
  // vite's own script under this node (not through npx), so stopping us stops the server and leaves no orphan.
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const server = spawn(
    process.execPath,
    [
      vite,
      'preview',
      '--config',
      'vite.renderer.config.mts',
      '--host',
      WEB_HOST,
      '--port',
      String(WEB_PORT),
      '--strictPort',
    ],
    { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  let announced = false;
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (!announced && chunk.toString().includes(String(WEB_PORT))) {
      announced = true;
      console.log(`\nPacket Journey is running in web mode: open ${address} in your browser (Ctrl+C stops it).`);
    }
  });
  server.on('exit', (code) => process.exit(code ?? 0));
}

function startDesktop(executable, args) {
  const app = spawn(executable, [root, ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
  app.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureNodeModules();
  run(['electron-vite', 'build', '--logLevel', 'warn']);
  const executable = findElectronBinary();
  if (executable) startDesktop(executable, process.argv.slice(2));
  else startWeb();
}
