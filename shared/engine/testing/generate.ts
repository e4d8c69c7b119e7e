// Generated networks for the benchmark and scale tests: many LANs (a switch, eight end systems) behind access
// routers, eight access routers per distribution router, all distribution routers on one core router, and a DNS
// server on the core. The client sits in the first LAN; the web server in the last.
import { formatIpv4 } from '../../model/ipv4';
import type { Device, Link, NetInterface, Topology } from '../../model/schema';

const HOSTS_PER_LAN = 8;
const LANS_PER_DISTRIBUTION = 8;

function mac(n: number, i: number): string {
  const b = [0x02, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, i & 0xff, 0x01];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

const at = { x: 0, y: 0 };

/** A topology of about `devices` devices (rounded to whole LANs of 10 devices plus the routers above them). */
export function generateTopology(devices: number): Topology {
  const lans = Math.max(2, Math.round(devices / (HOSTS_PER_LAN + 2)));
  const dists = Math.ceil(lans / LANS_PER_DISTRIBUTION);
  const out: Device[] = [];
  const links: Link[] = [];
  let serial = 0;
  const ifc = (n: number, i: number, address?: string, name = `eth${i}`): NetInterface =>
    address ? { name, mac: mac(n, i), mode: 'static', address } : { name, mac: mac(n, i), mode: 'none' };
  const link = (a: string, ai: string, b: string, bi: string) =>
    links.push({ id: `l${links.length + 1}`, a: { device: a, interface: ai }, b: { device: b, interface: bi } });
  const lanNet = (i: number) => `10.${(i >> 8) & 0xff}.${i & 0xff}`;
  const accessNet = (i: number) => formatIpv4((0xac100000 + i * 4) >>> 0); // 172.16.0.0/12, /30 each
  const distNet = (d: number) => formatIpv4((0x64400000 + d * 4) >>> 0); // 100.64.0.0/10, /30 each
  const plus = (ip: string, k: number) =>
    formatIpv4((ip.split('.').reduce((a, o) => a * 256 + Number(o), 0) + k) >>> 0);

  // core: one interface per distribution router plus the services network
  const coreIfaces: NetInterface[] = [];
  for (let d = 0; d < dists; d++) coreIfaces.push(ifc(serial, d, `${plus(distNet(d), 1)}/30`));
  coreIfaces.push(ifc(serial, dists, '100.127.0.1/24'));
  const coreRoutes: { destination: string; nextHop: string }[] = [];
  for (let i = 0; i < lans; i++)
    coreRoutes.push({
      destination: `${lanNet(i)}.0/24`,
      nextHop: plus(distNet(Math.floor(i / LANS_PER_DISTRIBUTION)), 2),
    });
  out.push({ kind: 'router', id: 'core', name: 'core', position: at, interfaces: coreIfaces, routes: coreRoutes });
  serial++;

  out.push({
    kind: 'server',
    id: 'ns',
    name: 'ns',
    position: at,
    interfaces: [ifc(serial++, 0, '100.127.0.53/24')],
    gateway: '100.127.0.1',
    hosts: [],
    roles: {
      dns: {
        recursive: false,
        rootHints: [],
        zones: [
          {
            origin: 'bench.test.',
            records: [
              {
                name: 'bench.test.',
                type: 'SOA',
                ttl: 3600,
                value: 'ns.bench.test. hostmaster.bench.test. 1 7200 3600 1209600 3600',
              },
              { name: 'bench.test.', type: 'NS', ttl: 3600, value: 'ns.bench.test.' },
              { name: 'ns.bench.test.', type: 'A', ttl: 3600, value: '100.127.0.53' },
              { name: 'www.bench.test.', type: 'A', ttl: 3600, value: `${lanNet(lans - 1)}.10` },
            ],
          },
        ],
      },
    },
  });
  link('core', `eth${dists}`, 'ns', 'eth0');

  for (let d = 0; d < dists; d++) {
    const id = `dist${d}`;
    const count = Math.min(LANS_PER_DISTRIBUTION, lans - d * LANS_PER_DISTRIBUTION);
    const ifaces: NetInterface[] = [];
    const routes: { destination: string; nextHop: string }[] = [];
    for (let k = 0; k < count; k++) {
      const i = d * LANS_PER_DISTRIBUTION + k;
      ifaces.push(ifc(serial, k, `${plus(accessNet(i), 1)}/30`));
      routes.push({ destination: `${lanNet(i)}.0/24`, nextHop: plus(accessNet(i), 2) });
    }
    ifaces.push(ifc(serial, count, `${plus(distNet(d), 2)}/30`));
    routes.push({ destination: '0.0.0.0/0', nextHop: plus(distNet(d), 1) });
    out.push({ kind: 'router', id, name: id, position: at, interfaces: ifaces, routes });
    link('core', `eth${d}`, id, `eth${count}`);
    serial++;
  }

  for (let i = 0; i < lans; i++) {
    const d = Math.floor(i / LANS_PER_DISTRIBUTION);
    const r = `r${i}`;
    out.push({
      kind: 'router',
      id: r,
      name: r,
      position: at,
      interfaces: [ifc(serial, 0, `${lanNet(i)}.1/24`), ifc(serial, 1, `${plus(accessNet(i), 2)}/30`)],
      routes: [{ destination: '0.0.0.0/0', nextHop: plus(accessNet(i), 1) }],
    });
    serial++;
    link(`dist${d}`, `eth${i - d * LANS_PER_DISTRIBUTION}`, r, 'eth1');
    const sw = `s${i}`;
    out.push({
      kind: 'switch',
      id: sw,
      name: sw,
      position: at,
      interfaces: Array.from({ length: HOSTS_PER_LAN + 1 }, (_, p) => ifc(serial, p, undefined, `p${p + 1}`)),
    });
    serial++;
    link(r, 'eth0', sw, 'p1');
    for (let h = 0; h < HOSTS_PER_LAN; h++) {
      const id = `h${i}_${h}`;
      const iface = ifc(serial++, 0, `${lanNet(i)}.${10 + h}/24`);
      const common = {
        id,
        name: id,
        position: at,
        interfaces: [iface],
        gateway: `${lanNet(i)}.1`,
        dnsServer: '100.127.0.53',
        hosts: [],
      };
      if (i === lans - 1 && h === 0) {
        out.push({
          kind: 'server',
          ...common,
          roles: {
            web: {
              port: 80,
              sites: [
                {
                  hostname: 'www.bench.test',
                  pages: [
                    {
                      path: '/',
                      status: 200,
                      contentType: 'text/html',
                      body: '<title>Bench</title>' + 'x'.repeat(3000),
                    },
                  ],
                },
              ],
            },
          },
        });
      } else {
        out.push({ kind: 'host', ...common });
      }
      link(sw, `p${h + 2}`, id, 'eth0');
    }
  }
  return { format: 'packet-journey-topology', version: 2, name: `generated ${out.length}`, devices: out, links };
}

export const GENERATED_CLIENT = 'h0_0';
export const GENERATED_URL = 'http://www.bench.test/';
