// Runs the real `packet-journey` command (bin/packet-journey.cjs) in a child process.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');
export const sampleFile = (name: string) => resolve(repoRoot, 'resources/samples', `${name}.packetjourney`);

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = repoRoot): CliRun {
  const result = spawnSync(process.execPath, [resolve(repoRoot, 'bin/packet-journey.cjs'), ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
