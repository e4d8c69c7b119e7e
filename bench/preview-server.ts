// The built renderer (or the bare React Flow page) served by `vite preview` for a benchmark, in its own process group.
import { spawn, type ChildProcess } from 'node:child_process';

/** `outDir` serves another build than the config's (an earlier commit's, for an A/B). */
export function servePreview(config: string, port: number, outDir?: string): ChildProcess {
  const args = ['vite', 'preview', '--config', config, '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  if (outDir) args.push('--outDir', outDir);
  return spawn('npx', args, {
    stdio: 'ignore',
    detached: true,
  });
}

export async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

export function stopServer(server: ChildProcess): void {
  if (server.pid)
    try {
      process.kill(-server.pid);
    } catch {
      /* already gone */
    }
}
