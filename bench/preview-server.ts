// The built renderer (or the bare React Flow page) served by `vite preview` for a benchmark, in its own process group.
import { spawn, type ChildProcess } from 'node:child_process';

export function servePreview(config: string, port: number): ChildProcess {
  return spawn('npx', ['vite', 'preview', '--config', config, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
}

export async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

export function stopServer(server: ChildProcess): void {
  if (server.pid) try { process.kill(-server.pid); } catch { /* already gone */ }
}
