// The command line end to end: the real bin, the real bundle, real files, and tshark on the capture.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli, sampleFile } from '../test-support/cli';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const homeToWeb = sampleFile('home-to-web');
/** The sample's usual journey (pc fetches www.example.com), with the options a test adds. */
const fetchFromPc = (...options: string[]) =>
  runCli(['simulate', homeToWeb, '--from', 'pc', '--url', 'http://www.example.com/', ...options]);

beforeAll(() => {
  // The first run builds out/cli/packet-journey.cjs when it is missing or stale.
  const first = runCli(['--version']);
  expect(first.stderr).toBe('');
  expect(first.status).toBe(0);
});

describe('packet-journey (usage)', () => {
  it('prints help with --help and exits 0', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('packet-journey simulate FILE --from DEVICE --url URL');
    expect(run.stdout).toContain('packet-journey validate FILE');
  });

  it('without a command prints help to stderr and exits 2', () => {
    const run = runCli([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage:');
  });

  it('rejects an unknown command and an unknown option with exit 2', () => {
    const unknown = runCli(['simulat', homeToWeb]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "simulat". Commands: simulate, validate, slides, player.');
    const option = runCli(['simulate', homeToWeb, '--frm', 'pc', '--url', 'http://www.example.com/']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("Unknown option '--frm'");
  });

  it('asks for the missing parts of a simulate command', () => {
    expect(runCli(['simulate', homeToWeb, '--url', 'http://www.example.com/']).stderr).toContain(
      'missing --from DEVICE',
    );
    expect(runCli(['simulate', homeToWeb, '--from', 'pc']).stderr).toContain('missing --url URL');
    const seed = runCli(['simulate', homeToWeb, '--from', 'pc', '--url', 'www.example.com', '--seed', 'abc']);
    expect(seed.status).toBe(2);
    expect(seed.stderr).toContain('--seed must be a whole number');
  });
});

describe('packet-journey validate', () => {
  it('accepts each sample', () => {
    for (const name of ['home-to-web', 'home-to-web-with-cache', 'small-lan']) {
      const run = runCli(['validate', sampleFile(name)]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`${name}.packetjourney`);
    }
  });

  it('lists error-severity problems and exits 1', () => {
    const topology = JSON.parse(readFileSync(sampleFile('small-lan'), 'utf8'));
    const hosts = topology.devices.filter((d: { interfaces: { address?: string }[] }) =>
      d.interfaces.some((i) => i.address),
    );
    hosts[1].interfaces[0].address = hosts[0].interfaces[0].address;
    const file = join(tempDir(), 'clash.packetjourney');
    writeFileSync(file, JSON.stringify(topology, null, 2));
    const run = runCli(['validate', file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/clash\.packetjourney: \d+ problems? \(\d+ errors?\):/);
    expect(run.stdout).toContain('  error: ');
    expect(run.stdout).toContain(hosts[0].interfaces[0].address.split('/')[0]);
  });

  it('names a broken file and exits 1', () => {
    const file = join(tempDir(), 'broken.packetjourney');
    writeFileSync(file, '{ "format": "packet-journey-topology", ');
    const run = runCli(['validate', file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('broken.packetjourney');
  });

  it('names a missing file and exits 1', () => {
    const file = join(tempDir(), 'nowhere.packetjourney');
    const run = runCli(['validate', file]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`Cannot open "nowhere.packetjourney": the file does not exist (${file}).`);
  });
});

describe('packet-journey simulate', () => {
  it('names an unknown device and lists the hosts', () => {
    const run = runCli(['simulate', homeToWeb, '--from', 'laptop', '--url', 'http://www.example.com/']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'There is no device "laptop" in home-to-web.packetjourney; hosts you can fetch from: pc',
    );
  });

  it('refuses a device without a browser', () => {
    const run = runCli(['simulate', homeToWeb, '--from', 'sw', '--url', 'http://www.example.com/']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('"sw" in home-to-web.packetjourney is a switch, which has no browser');
  });

  it('refuses a bad URL', () => {
    const ftp = runCli(['simulate', homeToWeb, '--from', 'pc', '--url', 'ftp://www.example.com/']);
    expect(ftp.status).toBe(1);
    expect(ftp.stderr).toContain('"ftp://www.example.com/" is a ftp URL');
    const garbage = runCli(['simulate', homeToWeb, '--from', 'pc', '--url', 'http://exa mple.com/']);
    expect(garbage.status).toBe(1);
    expect(garbage.stderr).toContain('is not a valid URL');
  });

  it('prints the numbered journey and writes the trace as JSON and a capture tshark reads cleanly', () => {
    const dir = tempDir();
    const json = join(dir, 'trace.json');
    const pcap = join(dir, 'trace.pcapng');
    const run = fetchFromPc('--json', json, '--pcap', pcap);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'Fetching http://www.example.com/ from pc on home-to-web.packetjourney (seed 1, cold caches)',
    );
    expect(run.stdout).toMatch(/^ *\d+\. +\d+\.\d{3} ms {2}pc\/\S+ → sw\/\S+ {2}\[dhcp\] /m);
    expect(run.stdout).toMatch(/^Outcome: 200 OK/m);
    expect(run.stdout).toContain(`Wrote the trace to ${json}.`);

    const trace = JSON.parse(readFileSync(json, 'utf8'));
    const frames = trace.steps.filter((s: { type: string }) => s.type === 'frame');
    expect(trace.outcome.ok).toBe(true);
    expect(frames.length).toBeGreaterThan(10);
    expect(frames[0].bytes).toMatch(/^ffffffffffff[0-9a-f]+$/); // DHCP Discover: Ethernet broadcast
    expect(run.stdout).toContain(`${trace.steps.length} steps: ${frames.length} frames, `);

    expect(existsSync(pcap)).toBe(true);
    const checks = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
    const all = spawnSync('tshark', ['-r', pcap, ...checks, '-T', 'fields', '-e', 'frame.number'], {
      encoding: 'utf8',
    });
    expect(all.status).toBe(0);
    // Each TCP connection and UDP exchange once, on the first link it crossed; ARP on every link.
    const lines = all.stdout.trim().split('\n');
    expect(lines.length).toBeLessThan(frames.length);
    expect(lines.length).toBeGreaterThan(frames.length / 3);
    const everyHop = join(dir, 'every.pcapng');
    const again = fetchFromPc('--pcap', everyHop, '--pcap-every-hop');
    expect(again.status).toBe(0);
    const every = spawnSync('tshark', ['-r', everyHop, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' });
    expect(every.stdout.trim().split('\n')).toHaveLength(frames.length);
    const bad = spawnSync(
      'tshark',
      [
        '-r',
        pcap,
        ...checks,
        '-Y',
        '_ws.malformed || _ws.expert.severity >= "error"',
        '-T',
        'fields',
        '-e',
        'frame.number',
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(bad.status).toBe(0);
    expect(bad.stdout.trim()).toBe('');
  });

  it('gives the same bytes for the same seed, and different ones for another seed', () => {
    const dir = tempDir();
    const args = (seed: string, out: string) => [
      'simulate',
      homeToWeb,
      '--from',
      'pc',
      '--url',
      'www.example.com',
      '--seed',
      seed,
      '--json',
      join(dir, out),
    ];
    expect(runCli(args('7', 'a.json')).status).toBe(0);
    expect(runCli(args('7', 'b.json')).status).toBe(0);
    expect(runCli(args('8', 'c.json')).status).toBe(0);
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    expect(read('a.json')).toBe(read('b.json'));
    expect(read('a.json')).not.toBe(read('c.json'));
  });

  it('exits 3 when the simulated fetch fails, explaining why', () => {
    const run = runCli(['simulate', homeToWeb, '--from', 'pc', '--url', 'http://nonexistent.example.com/']);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Outcome: failed: .*nonexistent\.example\.com/m);
  });

  it('records only the second fetch with --warm', () => {
    const cold = fetchFromPc();
    const warm = fetchFromPc('--warm');
    expect(warm.status).toBe(0);
    expect(warm.stdout).toContain('(seed 1, warm caches: second fetch)');
    const stepCount = (out: string) => Number(/^(\d+) steps:/m.exec(out)?.[1]);
    expect(stepCount(warm.stdout)).toBeLessThan(stepCount(cold.stdout));
    expect(warm.stdout).not.toContain('[dhcp]');
  });
});
