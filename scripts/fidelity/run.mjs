// `npm run fidelity`: the engine beside the real software. Builds the sample's network from network namespaces
// (network.mjs), runs each scenario there with tcpdump on every link and a Chromium-like fetch from the client
// (client.mjs), runs the same scenario in the engine (the CLI's --pcap), and compares every link frame by frame in
// order (compare.mjs). A benchmark, not a test: it needs root, network namespaces and the Debian packages below,
// and takes about six minutes (the keep-alive connection idles for nginx's 75 s; a blocked connect retries for
// 127 s). Traffic stays inside the namespaces it creates; they are removed on exit, error or Ctrl+C.
//   node scripts/fidelity/run.mjs [--scenarios cold,warm,blocked,nxdomain] [--json out.json]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareLink, signatures } from './compare.mjs';
import { ReferenceNetwork, removeStale, waitFor } from './network.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = join(root, 'resources/samples/home-to-web.packetjourney');
const CLI = join(root, 'bin/packet-journey.cjs');
const URL = 'http://www.example.com/';
const FROM = 'pc';
/** The engine stops 2 s after the last thing it waits for (simulate.ts SETTLE_US); the captures do the same. */
const SETTLE_MS = 2000;
/** The engine's default pause between a fetch before and the recorded one (--pause, 1 s). */
const PAUSE_MS = 1000;

const SCENARIOS = {
  cold: { title: 'cold (first visit)', url: URL, engine: [] },
  warm: { title: 'warm (--before the same URL)', url: URL, before: URL, engine: ['--before', URL] },
  blocked: {
    title: 'firewall-blocked (rule r1 denies)',
    url: URL,
    deny: 0,
    engine: ['--then-set', 'fw.rules[0].action=deny'],
  },
  nxdomain: { title: 'nonexistent name', url: 'http://nope.example.com/', engine: [] },
};

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const chosen = (opt('--scenarios') ?? Object.keys(SCENARIOS).join(',')).split(',');
for (const s of chosen)
  if (!SCENARIOS[s]) fail(`Unknown scenario "${s}" (known: ${Object.keys(SCENARIOS).join(', ')}).`);

function fail(message) {
  console.error(message);
  process.exit(2);
}

function preflight() {
  if (process.getuid?.() !== 0) fail('npm run fidelity needs root: it creates network namespaces (run it with sudo).');
  const missing = [
    ['ip', 'iproute2'],
    ['iptables', 'iptables'],
    ['dnsmasq', 'dnsmasq-base'],
    ['unbound', 'unbound'],
    ['nsd', 'nsd'],
    ['nginx', 'nginx-light'],
    ['tcpdump', 'tcpdump'],
    ['tshark', 'tshark'],
    ['busybox', 'busybox (udhcpc)'],
    ['chrt', 'util-linux'],
  ].filter(([bin]) => {
    try {
      execFileSync('sh', ['-c', `command -v ${bin}`], {
        stdio: 'ignore',
        env: { PATH: `${process.env.PATH}:/usr/sbin:/sbin` },
      });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) fail(`Missing: ${missing.map(([, pkg]) => pkg).join(', ')} (apt-get install them).`);
  // The engine of this tree, not an older bundle.
  execFileSync('node', [join(root, 'scripts/build-cli.mjs')], { stdio: 'ignore' });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The engine's capture of the scenario, and the request headers its browser sent (the client sends the same). */
function engineRun(scenario, dir) {
  const pcap = join(dir, 'engine.pcapng');
  // Every copy on every link: the comparison is per link (by default the CLI keeps a conversation on its first link).
  const pcapArgs = ['--pcap', pcap, '--pcap-every-hop'];
  try {
    execFileSync(
      'node',
      [CLI, 'simulate', SAMPLE, '--from', FROM, '--url', scenario.url, ...scenario.engine, ...pcapArgs],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (e) {
    if (e.status !== 3) throw e; // 3: the simulated fetch failed, which is what some scenarios are about
  }
  return pcap;
}

function engineRequestHeaders(pcap) {
  const hex = execFileSync('tshark', ['-r', pcap, '-Y', 'http.request', '-T', 'fields', '-e', 'tcp.payload'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .split('\n')[0]
    .replace(/:/g, '');
  if (!hex) return undefined;
  const text = Buffer.from(hex, 'hex').toString('latin1');
  return text
    .split('\r\n\r\n')[0]
    .split('\r\n')
    .slice(1)
    .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]);
}

/**
 * One link's frames of the engine's capture in a file of their own, like a tcpdump on that link: dissected with
 * every link's frames together, tshark would take the same TCP segment seen on the next link for a retransmission.
 */
function engineLink(pcap, linkId, dir) {
  const out = join(dir, `engine-${linkId}.pcapng`);
  execFileSync('tshark', ['-r', pcap, '-Y', `frame.interface_description == "link ${linkId}"`, '-w', out], {
    stdio: 'ignore',
  });
  return out;
}

/** Runs the client in the host's namespace; resolves with its JSON lines once it exits. */
function fetchFrom(net, host, url, headers, onLine) {
  // At real-time priority (SCHED_FIFO): the namespaces share this machine's CPUs, and a resolver or router woken by
  // the A question would otherwise sometimes run before the client's AAAA send() — on a real network the client
  // has a CPU of its own, and its two questions leave back to back.
  const p = net.spawnIn(host, `client-${Date.now()}`, 'chrt', [
    '-f',
    '10',
    process.execPath,
    join(root, 'scripts/fidelity/client.mjs'),
    url,
    '240',
    JSON.stringify(headers),
  ]);
  const lines = [];
  let buffer = '';
  p.stdout.on('data', (b) => {
    buffer += b;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
      lines.push(line);
      onLine?.(line);
    }
  });
  return new Promise((done) => p.on('exit', () => done(lines)));
}

async function realRun(name, scenario, topology, dir, headers) {
  const t = structuredClone(topology);
  if (scenario.deny !== undefined) t.devices.find((d) => d.id === 'fw').rules[scenario.deny].action = 'deny';
  const net = new ReferenceNetwork(t, join(dir, 'real'));
  const host = t.devices.find((d) => d.id === FROM);
  let captures;
  try {
    net.build();
    net.addRoutes();
    net.startServices();
    await sleep(1500); // dnsmasq, unbound, NSD and nginx listening
    for (const p of net.processes)
      if (p.exitCode !== null)
        throw new Error(`a service did not start: ${p.spawnargs.slice(3).join(' ')}\n${p.output()}`);
    const dhcp = async () => {
      const client = net.dhcpClient(host);
      await new Promise((r) => client.on('exit', r));
      if (client.exitCode !== 0) throw new Error(`udhcpc failed:\n${client.output()}`);
    };
    let outcome;
    if (scenario.before) {
      await dhcp();
      let answered;
      const first = fetchFrom(
        net,
        host,
        scenario.before,
        headers,
        (l) => l.event === 'response' && (answered = Date.now()),
      );
      await waitFor(() => answered !== undefined, 30000, 'the first fetch');
      net.startCaptures(name);
      await net.capturesReady();
      await sleep(Math.max(0, answered + PAUSE_MS - Date.now()));
      outcome = await fetchFrom(net, host, scenario.url, headers);
      await first;
    } else {
      net.startCaptures(name);
      await net.capturesReady();
      await dhcp();
      outcome = await fetchFrom(net, host, scenario.url, headers);
    }
    await sleep(SETTLE_MS);
    captures = await net.stopCaptures();
    return { captures, outcome };
  } finally {
    await net.teardown();
  }
}

function macTable(topology) {
  const m = new Map();
  for (const d of topology.devices) for (const i of d.interfaces) m.set(i.mac, d.name);
  return m;
}

async function main() {
  preflight();
  const topology = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  const macs = macTable(topology);
  const base = join(root, 'out/fidelity');
  rmSync(base, { recursive: true, force: true });
  const report = { sample: 'home-to-web', scenarios: {} };
  const cleanup = () => {
    try {
      removeStale();
    } catch {
      /* best effort */
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM'])
    process.on(sig, () => {
      cleanup();
      process.exit(130);
    });
  process.on('exit', cleanup);
  removeStale();
  for (const name of chosen) {
    const scenario = SCENARIOS[name];
    const dir = join(base, name);
    mkdirSync(dir, { recursive: true });
    const enginePcap = engineRun(scenario, dir);
    const headers = engineRequestHeaders(engineRun(SCENARIOS.cold, join(base, 'headers'))) ?? [
      ['Host', 'www.example.com'],
    ];
    process.stderr.write(`${name}: running the reference network…\n`);
    const { captures, outcome } = await realRun(name, scenario, topology, dir, headers);
    const links = [];
    for (const { link, file } of captures) {
      const real = signatures(file, macs).map((f) => f.signature);
      const engine = signatures(engineLink(enginePcap, link.id, dir), macs).map((f) => f.signature);
      links.push({ link: link.id, ends: `${link.a.device}–${link.b.device}`, ...compareLink(real, engine) });
    }
    report.scenarios[name] = { title: scenario.title, outcome, links };
    print(name, scenario, outcome, links);
  }
  summary(report);
  const out = opt('--json') ?? join(base, 'fidelity.json');
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nCaptures and the full report: ${base} (${out}).`);
}

/** All scenarios side by side: matched in order / real frames (and %) per link, as the README shows them. */
function summary(report) {
  const names = Object.keys(report.scenarios);
  const cell = (l) => (l.real === 0 ? '–' : `${l.matched}/${l.real} (${((100 * l.matched) / l.real).toFixed(0)} %)`);
  console.log(`\n| link | ${names.map((n) => n).join(' | ')} |`);
  console.log(`|---|${names.map(() => '---:').join('|')}|`);
  const links = report.scenarios[names[0]].links;
  links.forEach((l, i) =>
    console.log(`| ${l.link} ${l.ends} | ${names.map((n) => cell(report.scenarios[n].links[i])).join(' | ')} |`),
  );
  const totals = names.map((n) =>
    report.scenarios[n].links.reduce((a, l) => ({ real: a.real + l.real, matched: a.matched + l.matched }), {
      real: 0,
      matched: 0,
    }),
  );
  console.log(`| all | ${totals.map(cell).join(' | ')} |`);
}

function print(name, scenario, outcome, links) {
  const pct = (l) => (l.real === 0 ? (l.engine === 0 ? 100 : 0) : (100 * l.matched) / l.real);
  console.log(`\n## ${scenario.title}\nreal client: ${outcome.map((o) => JSON.stringify(o)).join(' ')}\n`);
  console.log('| link | ends | real frames | engine frames | matched in order | % |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const l of links)
    console.log(`| ${l.link} | ${l.ends} | ${l.real} | ${l.engine} | ${l.matched} | ${pct(l).toFixed(1)} |`);
  const total = links.reduce(
    (a, l) => ({ real: a.real + l.real, matched: a.matched + l.matched, engine: a.engine + l.engine }),
    {
      real: 0,
      matched: 0,
      engine: 0,
    },
  );
  console.log(`| all | | ${total.real} | ${total.engine} | ${total.matched} | ${pct(total).toFixed(1)} |`);
  console.log('\nDifferences (− only in the real capture, + only in the engine):');
  for (const l of links)
    for (const d of l.differences)
      console.log(`  ${l.link} ${d.op === '-' ? '−' : '+'} ${d.count > 1 ? `${d.count}× ` : ''}${d.signature}`);
}

await main();
