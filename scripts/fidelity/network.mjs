// The reference network: a .packetjourney topology rebuilt from Linux network namespaces and veth pairs, run by the
// real software — a Linux bridge for a switch, forwarding namespaces for routers, iptables for NAPT and the
// firewall, dnsmasq for a router's DHCP server, unbound for a recursive resolver, NSD for authoritative servers,
// nginx for web servers, busybox udhcpc for a DHCP host. Every device keeps the file's interface names, MACs and
// addresses, so a frame's MACs name its sender on both sides of the comparison. Needs root; nothing leaves the
// namespaces it creates, and `teardown()` removes them (the runner calls it on exit, error or signal).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NS_PREFIX = 'pjf-';
export const ns = (device) => `${NS_PREFIX}${device.name}`;

function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}
const inNs = (name, cmd, ...args) => sh('ip', ['netns', 'exec', name, cmd, ...args]);
const sysctl = (name, key, value) => inNs(name, 'sysctl', '-qw', `${key}=${value}`);

/** Namespaces left over by an earlier run that was killed: removed before a new one starts. */
export function removeStale() {
  const list = sh('ip', ['netns', 'list']);
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0];
    if (!name.startsWith(NS_PREFIX)) continue;
    sh('ip', ['netns', 'del', name]);
    rmSync(join('/etc/netns', name), { recursive: true, force: true });
  }
}

export class ReferenceNetwork {
  /** @param {object} topology the parsed .packetjourney file; @param {string} dir where configs and logs go */
  constructor(topology, dir) {
    this.topology = topology;
    this.dir = dir;
    this.processes = [];
    this.namespaces = [];
    this.byId = new Map(topology.devices.map((d) => [d.id, d]));
  }

  // ---- building ----------------------------------------------------------------------------------------------

  build({ firewallRules } = {}) {
    mkdirSync(this.dir, { recursive: true });
    for (const d of this.topology.devices) {
      const name = ns(d);
      sh('ip', ['netns', 'add', name]);
      this.namespaces.push(name);
      // The sample is IPv4 only: without this, every interface would send IPv6 router solicitations and MLD.
      sysctl(name, 'net.ipv6.conf.all.disable_ipv6', 1);
      sysctl(name, 'net.ipv6.conf.default.disable_ipv6', 1);
      inNs(name, 'ip', 'link', 'set', 'lo', 'up');
      if (d.kind === 'router' || d.kind === 'firewall') sysctl(name, 'net.ipv4.ip_forward', 1);
    }
    this.topology.links.forEach((l, i) => {
      const a = this.byId.get(l.a.device);
      const b = this.byId.get(l.b.device);
      const ta = `pjfa${i}`;
      const tb = `pjfb${i}`;
      sh('ip', ['link', 'add', ta, 'type', 'veth', 'peer', 'name', tb]);
      for (const [tmp, dev, ifName] of [
        [ta, a, l.a.interface],
        [tb, b, l.b.interface],
      ]) {
        sh('ip', ['link', 'set', tmp, 'netns', ns(dev)]);
        inNs(ns(dev), 'ip', 'link', 'set', tmp, 'name', ifName);
        const mac = dev.interfaces.find((x) => x.name === ifName)?.mac;
        if (mac) inNs(ns(dev), 'ip', 'link', 'set', ifName, 'address', mac);
      }
    });
    for (const d of this.topology.devices) this.configure(d, { firewallRules });
    for (const l of this.topology.links)
      for (const end of [l.a, l.b]) inNs(ns(this.byId.get(end.device)), 'ip', 'link', 'set', end.interface, 'up');
  }

  configure(d, { firewallRules }) {
    const name = ns(d);
    if (d.kind === 'switch') {
      // A learning bridge without STP (the file's switch sends nothing of its own).
      inNs(name, 'ip', 'link', 'add', 'br0', 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0');
      for (const l of this.topology.links)
        for (const end of [l.a, l.b])
          if (end.device === d.id) inNs(name, 'ip', 'link', 'set', end.interface, 'master', 'br0');
      inNs(name, 'ip', 'link', 'set', 'br0', 'up');
      return;
    }
    for (const iface of d.interfaces)
      if (iface.mode === 'static' && iface.address) inNs(name, 'ip', 'addr', 'add', iface.address, 'dev', iface.name);
    const routes = d.routes ?? (d.gateway ? [{ destination: '0.0.0.0/0', nextHop: d.gateway }] : []);
    this.routes = this.routes ?? new Map();
    this.routes.set(d.id, routes);
    if (d.kind === 'router' && d.nat) {
      inNs(name, 'iptables', '-t', 'nat', '-A', 'POSTROUTING', '-o', d.nat.outside, '-j', 'MASQUERADE');
    }
    if (d.kind === 'firewall') this.firewall(d, firewallRules ?? d.rules);
    // /etc/netns/<ns>/: `ip netns exec` mounts these over /etc/resolv.conf and /etc/hosts.
    if (d.kind === 'host' || d.kind === 'server') {
      const etc = join('/etc/netns', name);
      mkdirSync(etc, { recursive: true });
      writeFileSync(join(etc, 'hosts'), (d.hosts ?? []).map((h) => `${h.address} ${h.name}\n`).join(''));
      writeFileSync(join(etc, 'resolv.conf'), d.dnsServer ? `nameserver ${d.dnsServer}\n` : '');
    }
  }

  /** The file's firewall rules as iptables FORWARD rules: "in" is traffic arriving on the outside interface. */
  firewall(d, rules) {
    const name = ns(d);
    const ipt = (...args) => inNs(name, 'iptables', ...args);
    ipt('-P', 'FORWARD', d.defaultAction === 'allow' ? 'ACCEPT' : 'DROP');
    if (d.stateful) ipt('-A', 'FORWARD', '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT');
    const inside = d.interfaces.filter((i) => i.name !== d.outside).map((i) => i.name);
    for (const r of rules) {
      const match = [];
      if (r.protocol !== 'any') match.push('-p', r.protocol);
      if (r.source !== 'any') match.push('-s', r.source);
      if (r.destination !== 'any') match.push('-d', r.destination);
      if (r.port !== undefined && (r.protocol === 'tcp' || r.protocol === 'udp')) match.push('--dport', String(r.port));
      const target = r.action === 'allow' ? 'ACCEPT' : 'DROP';
      const ins = r.direction === 'in' ? [d.outside] : r.direction === 'out' ? inside : [undefined];
      for (const i of ins) ipt('-A', 'FORWARD', ...(i ? ['-i', i] : []), ...match, '-j', target);
    }
  }

  /** Routes go in once every interface is up (a next hop must be on a connected network). */
  addRoutes() {
    for (const [id, routes] of this.routes ?? [])
      for (const r of routes)
        inNs(
          ns(this.byId.get(id)),
          'ip',
          'route',
          'add',
          r.destination === '0.0.0.0/0' ? 'default' : r.destination,
          'via',
          r.nextHop,
        );
  }

  // ---- the software ------------------------------------------------------------------------------------------

  spawnIn(device, tag, cmd, args) {
    const log = join(this.dir, `${device.name}-${tag}.log`);
    const p = spawn('ip', ['netns', 'exec', ns(device), cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (out += b));
    p.on('exit', () => writeFileSync(log, out));
    p.output = () => out;
    this.processes.push(p);
    return p;
  }

  startServices() {
    for (const d of this.topology.devices) {
      if (d.kind === 'router' && d.dhcp) this.dnsmasq(d, d.dhcp);
      if (d.kind === 'server' && d.roles?.dhcp) this.dnsmasq(d, d.roles.dhcp);
      const dns = d.kind === 'server' ? d.roles?.dns : undefined;
      if (dns?.recursive) this.unbound(d, dns);
      else if (dns && dns.zones.length > 0) this.nsd(d, dns);
      if (d.kind === 'server' && d.roles?.web) this.nginx(d, d.roles.web);
    }
  }

  /**
   * dnsmasq as a DHCP server only (port 0: no DNS), with its defaults (ping check on). --dhcp-sequential-ip: the
   * engine, like the textbook, offers the pool's first free address; dnsmasq by default picks one from a hash of
   * the client's MAC.
   */
  dnsmasq(d, dhcp) {
    const mask = '255.255.255.0';
    const iface = d.interfaces.find((i) => i.name === dhcp.interface);
    const prefix = Number((iface?.address ?? '/24').split('/')[1]);
    const m = prefix >= 0 && prefix <= 32 ? prefixMask(prefix) : mask;
    this.spawnIn(d, 'dnsmasq', 'dnsmasq', [
      '--keep-in-foreground',
      '--log-facility=-',
      '--log-dhcp',
      '--port=0',
      '--no-resolv',
      '--no-hosts',
      `--interface=${dhcp.interface}`,
      '--bind-interfaces',
      `--dhcp-range=${dhcp.poolStart},${dhcp.poolEnd},${m},${dhcp.leaseSeconds}`,
      `--dhcp-option=option:router,${dhcp.gateway}`,
      `--dhcp-option=option:dns-server,${dhcp.dnsServer}`,
      '--dhcp-sequential-ip',
      `--dhcp-leasefile=${join(this.dir, `${d.name}.leases`)}`,
      `--pid-file=${join(this.dir, `${d.name}-dnsmasq.pid`)}`,
      '--user=root',
    ]);
  }

  /** unbound with its defaults (QNAME minimisation on), the file's root hints, the iterator only (no DNSSEC). */
  unbound(d, dns) {
    const dir = join(this.dir, d.name);
    mkdirSync(dir, { recursive: true });
    const hints = dns.rootHints.map(
      (h) => `.\t3600000\tIN\tNS\t${h.name}.\n${h.name}.\t3600000\tIN\tA\t${h.address}\n`,
    );
    writeFileSync(join(dir, 'root.hints'), hints.join(''));
    const address = d.interfaces[0].address.split('/')[0];
    writeFileSync(
      join(dir, 'unbound.conf'),
      `server:
  interface: ${address}
  access-control: 0.0.0.0/0 allow
  do-ip6: no
  do-daemonize: no
  use-syslog: no
  logfile: ""
  verbosity: 1
  username: ""
  chroot: ""
  directory: "${dir}"
  pidfile: "${dir}/unbound.pid"
  root-hints: "${dir}/root.hints"
  module-config: "iterator"
  qname-minimisation: ${dns.qnameMinimisation === false ? 'no' : 'yes'}
remote-control:
  control-enable: no
`,
    );
    this.spawnIn(d, 'unbound', 'unbound', ['-d', '-c', join(dir, 'unbound.conf')]);
  }

  /** NSD serving the file's zones with its defaults. */
  nsd(d, dns) {
    const dir = join(this.dir, d.name);
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    const address = d.interfaces[0].address.split('/')[0];
    const zones = dns.zones.map((z, i) => {
      const file = `zone${i}.zone`;
      // NSD refuses a zone with data outside it (the sample's com. zone names a.gtld-servers.net., whose address
      // belongs in net.): such records are left out, as a real zone file would not have them.
      const inZone = (name) => z.origin === '.' || name === z.origin || name.endsWith(`.${z.origin}`);
      const lines = z.records
        .filter((r) => inZone(r.name))
        .map((r) => `${r.name}\t${r.ttl}\tIN\t${r.type}\t${r.value}`);
      writeFileSync(join(dir, file), `$ORIGIN ${z.origin}\n${lines.join('\n')}\n`);
      return `zone:\n  name: "${z.origin}"\n  zonefile: "${join(dir, file)}"\n`;
    });
    writeFileSync(
      join(dir, 'nsd.conf'),
      `server:
  ip-address: ${address}
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "${dir}"
  database: ""
  zonelistfile: "${dir}/zone.list"
  xfrdfile: "${dir}/xfrd.state"
  pidfile: "${dir}/nsd.pid"
  logfile: "${dir}/nsd.log"
  verbosity: 1
${dns.minimalResponses ? '  minimal-responses: yes\n' : ''}remote-control:
  control-enable: no
${zones.join('')}`,
    );
    this.spawnIn(d, 'nsd', 'nsd', ['-d', '-c', join(dir, 'nsd.conf')]);
  }

  /** nginx serving the file's pages (keepalive_timeout as the file says, nginx's 75 s by default). */
  nginx(d, web) {
    const dir = join(this.dir, d.name);
    const root = join(dir, 'html');
    mkdirSync(root, { recursive: true });
    chmodSync(dir, 0o755);
    const address = d.interfaces[0].address.split('/')[0];
    const servers = web.sites.map((site, s) => {
      const locations = site.pages.map((p, i) => {
        const file = `site${s}-page${i}`;
        writeFileSync(join(root, file), p.body);
        const [type, charset] = p.contentType.split(/;\s*charset=/);
        return `    location = ${p.path} {\n      default_type "${type}";\n${charset ? `      charset ${charset};\n` : ''}      try_files /${file} =404;\n    }\n`;
      });
      return `  server {\n    listen ${address}:${web.port};\n    server_name ${site.hostname};\n    root ${root};\n${locations.join('')}  }\n`;
    });
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp;
  proxy_temp_path ${dir}/tmp;
  fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp;
  scgi_temp_path ${dir}/tmp;
  charset_types text/html text/plain text/css application/javascript;
${web.keepaliveTimeoutSeconds !== undefined ? `  keepalive_timeout ${web.keepaliveTimeoutSeconds};\n` : ''}${servers.join('')}}
`,
    );
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    this.spawnIn(d, 'nginx', 'nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir]);
  }

  /** A DHCP host's client: busybox udhcpc, which configures the address, route and resolv.conf with a script. */
  dhcpClient(d) {
    const iface = d.interfaces.find((i) => i.mode === 'dhcp');
    const script = join(this.dir, `${d.name}-udhcpc.sh`);
    writeFileSync(
      script,
      `#!/bin/sh
case "$1" in
  deconfig) ip addr flush dev "$interface" ;;
  bound|renew)
    ip addr add "$ip/$mask" dev "$interface"
    [ -n "$router" ] && ip route replace default via "$router"
    : > /etc/resolv.conf
    for s in $dns; do echo "nameserver $s" >> /etc/resolv.conf; done ;;
esac
`,
    );
    chmodSync(script, 0o755);
    // -T 4: a first retransmission after 4 s, as the engine's dhclient-like client (and RFC 2131's 4 s ± 1). With
    // udhcpc's own 3 s its second DISCOVER races dnsmasq's 3 s ping check, and both are answered.
    return this.spawnIn(d, 'udhcpc', 'busybox', ['udhcpc', '-f', '-q', '-T', '4', '-i', iface.name, '-s', script]);
  }

  // ---- captures ----------------------------------------------------------------------------------------------

  /** tcpdump on every link, at its a end (a switch port when the link has one: the same frames). */
  startCaptures(tag) {
    this.captures = this.topology.links.map((l) => {
      const file = join(this.dir, `${tag}-${l.id}.pcap`);
      const dev = this.byId.get(l.a.device);
      const p = this.spawnIn(dev, `tcpdump-${tag}-${l.id}`, 'tcpdump', [
        '-i',
        l.a.interface,
        '-U',
        '-n',
        '-s',
        '0',
        '--immediate-mode',
        '-w',
        file,
      ]);
      return { link: l, file, process: p };
    });
    // What each kernel does with its neighbour entries (state changes with their times), beside the captures: the
    // engine's ARP behaviour is modelled on these. FIDELITY_NEIGH_DUMP=1 adds `ip -s neigh` (used/confirmed/updated
    // ages) every 250 ms.
    for (const d of this.topology.devices) {
      if (d.kind === 'switch') continue;
      this.spawnIn(d, `neigh-${tag}`, 'ip', ['-ts', 'monitor', 'neigh']);
      if (process.env.FIDELITY_NEIGH_DUMP)
        this.spawnIn(d, `neigh-dump-${tag}`, 'sh', ['-c', 'while :; do date +%s.%N; ip -s neigh; sleep 0.25; done']);
    }
  }

  async capturesReady() {
    for (const c of this.captures)
      await waitFor(() => /listening on/.test(c.process.output()), 5000, `tcpdump on ${c.link.id}`);
  }

  async stopCaptures() {
    await Promise.all(this.captures.map((c) => stop(c.process, 'SIGINT')));
    return this.captures.map(({ link, file }) => ({ link, file }));
  }

  // ---- teardown ----------------------------------------------------------------------------------------------

  async teardown() {
    await Promise.all(this.processes.map((p) => stop(p, 'SIGTERM')));
    for (const name of this.namespaces) {
      try {
        sh('ip', ['netns', 'del', name]);
      } catch {
        /* already gone */
      }
      rmSync(join('/etc/netns', name), { recursive: true, force: true });
    }
    this.namespaces = [];
  }
}

function prefixMask(prefix) {
  const n = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

export function stop(p, signal) {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
    }, 3000);
    p.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    p.kill(signal);
  });
}

export async function waitFor(test, ms, what) {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
