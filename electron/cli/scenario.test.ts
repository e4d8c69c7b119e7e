// `simulate --before URL --pause SECONDS --then-set DEVICE.PATH=VALUE` end to end: the real bin, real files.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, sampleFile } from '../test-support/cli';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const homeToWeb = sampleFile('home-to-web');
const URL = 'http://www.example.com/';
const simulate = (...extra: string[]) => runCli(['simulate', homeToWeb, '--from', 'pc', '--url', URL, ...extra]);
const stepCount = (out: string) => Number(/^(\d+) steps:/m.exec(out)?.[1]);

beforeAll(() => {
  expect(runCli(['--version']).status).toBe(0);
});

describe('packet-journey simulate --before / --pause / --then-set', () => {
  it('--before the same URL is --warm', () => {
    const warm = simulate('--warm');
    const before = simulate('--before', URL);
    expect(before.status).toBe(0);
    expect(before.stdout).toContain(`(seed 1, after ${URL} (200 OK), 1 s between fetches)`);
    expect(before.stdout.split('\n').slice(1)).toEqual(warm.stdout.split('\n').slice(1));
  });

  it('several --before in order, a different host name first; --pause ages the caches', () => {
    const dir = tempDir();
    const run = simulate(
      '--before',
      'nope.example.com',
      '--before',
      URL,
      '--pause',
      '3600',
      '--json',
      join(dir, 't.json'),
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'after http://nope.example.com/ (ERR_NAME_NOT_RESOLVED), http://www.example.com/ (200 OK), 3600 s between fetches',
    );
    const trace = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')) as {
      scenario: Record<string, unknown>;
      earlier: unknown[];
    };
    expect(trace.scenario).toMatchObject({ before: ['http://nope.example.com/', URL], pauseSeconds: 3600 });
    expect(trace.earlier).toHaveLength(2);
  });

  it('--then-set turning the web rule into a deny: the recorded fetch is dropped at fw, exit 3', () => {
    // 90 s: the first fetch's kept-alive connection is closed (nginx, 75 s), so the recorded fetch needs a new SYN.
    const run = simulate('--before', URL, '--pause', '90', '--then-set', 'fw.rules[0].action=deny');
    expect(run.stdout).toContain('then fw.rules[0].action=deny)');
    expect(run.stdout).toMatch(/fw DROPS \(firewall\)/);
    expect(run.status).toBe(3);
  });

  it('--then-set takes JSON values: a whole rule list', () => {
    const rules = JSON.stringify([
      { id: 'block', action: 'deny', direction: 'in', protocol: 'tcp', source: 'any', destination: 'any', port: 80 },
    ]);
    const run = simulate('--before', URL, '--pause', '90', '--then-set', `fw.rules=${rules}`);
    expect(run.status).toBe(3);
    expect(run.stdout).toMatch(/fw DROPS \(firewall\).*block/);
  });

  it('bad input: one clear sentence, exit 1 (2 for usage), nothing written', () => {
    const out = join(tempDir(), 'never.pcapng');
    const cases: [string[], number, string][] = [
      [
        ['--then-set', 'nobody.rules[0].action=deny'],
        1,
        'There is no device nobody to change; the devices are pc, sw, home, isp, resolver, core, root, tld, auth, fw, web.',
      ],
      [
        ['--then-set', 'fw.rules[9].action=deny'],
        1,
        'fw.rules[9].action does not exist: fw.rules has 3 entries (index 3 adds one at the end).',
      ],
      [
        ['--then-set', 'fw.rules[0].action=maybe'],
        1,
        '"maybe" is not a valid value for fw.rules[0].action: must be one of "allow", "deny".',
      ],
      [['--then-set', 'fw.rulez=[]'], 1, 'fw.rulez is not a setting of fw.'],
      [
        ['--then-set', 'fw.interfaces[0].address=1.2.3.4/24'],
        1,
        'fw.interfaces[0].address cannot change between fetches: fw reads it only when it starts; change it in the network instead.',
      ],
      [['--then-set', 'fw'], 1, '"fw" is not a change; write DEVICE.PATH=VALUE, for example fw.rules[0].action=deny.'],
      [['--pause', 'soon'], 2, '--pause must be a number of seconds from 0 to 604800 (a week), not "soon".'],
      [['--before', 'ftp://x/'], 1, '"ftp://x/" is a ftp URL'],
    ];
    for (const [extra, status, message] of cases) {
      const run = simulate('--before', URL, ...extra, '--pcap', out);
      expect(run.status, extra.join(' ')).toBe(status);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("uses the scenario saved in the file's replay section when the command line gives none", () => {
    const file = join(tempDir(), 'lesson.packetjourney');
    const topology = JSON.parse(readFileSync(homeToWeb, 'utf8')) as Record<string, unknown>;
    topology.replay = {
      from: 'pc',
      url: URL,
      level: 7,
      step: 0,
      warm: false,
      seed: 1,
      scenario: {
        before: [URL],
        pauseSeconds: 90,
        thenSet: [{ device: 'fw', path: 'rules[0].action', value: 'deny' }],
      },
    };
    writeFileSync(file, JSON.stringify(topology, null, 2));
    const run = runCli(['simulate', file, '--from', 'pc', '--url', URL]);
    expect(run.stdout).toContain(`after ${URL} (200 OK), 90 s between fetches, then fw.rules[0].action=deny`);
    expect(run.status).toBe(3);
    // The command line's own scenario replaces the saved one.
    const own = runCli(['simulate', file, '--from', 'pc', '--url', URL, '--before', URL, '--pause', '2']);
    expect(own.status).toBe(0);
    expect(own.stdout).toContain(`after ${URL} (200 OK), 2 s between fetches)`);
    expect(own.stdout).not.toContain('DROPS');
    expect(stepCount(own.stdout)).toBeGreaterThan(0);
  });
});
