// Campus/ISP-shaped topologies of any size for benchmarks: a core router, aggregation routers, and many LANs
// (router + switch + hosts) behind them. Valid addresses and routes, so the engine can fetch across them too.
import type { Device, Link, Topology } from '../shared/model/schema';
import { CURRENT_VERSION, FILE_FORMAT } from '../shared/model/schema';
import { defaultMac } from '../shared/model/mac';
import { formatIpv4, parseIpv4 } from '../shared/model/ipv4';

/** The n-th /30 point-to-point subnet after `base`, host part `host` (1 or 2). */
const p2p = (base: string, n: number, host: number) => formatIpv4(parseIpv4(base)! + n * 4 + host);

const HOSTS_PER_LAN = 8;
const LANS_PER_AGGREGATION = 10;

export function generateTopology(targetDevices: number): Topology {
  const devices: Device[] = [];
  const links: Link[] = [];
  const lanCount = Math.max(1, Math.round((targetDevices - 1) / (HOSTS_PER_LAN + 2 + 1 / LANS_PER_AGGREGATION)));
  const aggCount = Math.ceil(lanCount / LANS_PER_AGGREGATION);
  const columns = Math.ceil(Math.sqrt(lanCount));
  const unitWidth = HOSTS_PER_LAN * 110;
  const unitHeight = 420;

  const iface = (id: string, index: number, address?: string, mode: 'static' | 'none' = 'static') => ({
    name: mode === 'none' ? `p${index + 1}` : `eth${index}`,
    mac: defaultMac(id, index),
    mode,
    ...(address ? { address } : {}),
  });
  const link = (aDevice: string, aIf: string, bDevice: string, bIf: string) =>
    links.push({ id: `l${links.length + 1}`, a: { device: aDevice, interface: aIf }, b: { device: bDevice, interface: bIf } });

  // Core: one interface per aggregation router, 172.16.<agg>.0/30 point-to-point.
  const coreRoutes = [];
  const core: Device = {
    kind: 'router', id: 'core', name: 'core', position: { x: (columns * unitWidth) / 2, y: -400 },
    interfaces: Array.from({ length: aggCount }, (_, a) => iface('core', a, `${p2p('172.16.0.0', a, 1)}/30`)),
    routes: coreRoutes,
  };
  devices.push(core);

  for (let a = 0; a < aggCount; a++) {
    const id = `agg${a + 1}`;
    const up = p2p('172.16.0.0', a, 2);
    const lansHere = Math.min(LANS_PER_AGGREGATION, lanCount - a * LANS_PER_AGGREGATION);
    const aggRoutes = [{ destination: '0.0.0.0/0', nextHop: p2p('172.16.0.0', a, 1) }];
    devices.push({
      kind: 'router', id, name: id,
      position: { x: ((a * LANS_PER_AGGREGATION) % columns) * unitWidth + unitWidth / 2, y: Math.floor((a * LANS_PER_AGGREGATION) / columns) * unitHeight - 150 },
      interfaces: [
        iface(id, 0, `${up}/30`),
        ...Array.from({ length: lansHere }, (_, k) => iface(id, k + 1, `${p2p('172.20.0.0', a * LANS_PER_AGGREGATION + k, 1)}/30`)),
      ],
      routes: aggRoutes,
    });
    link('core', `eth${a}`, id, 'eth0');
    for (let k = 0; k < lansHere; k++) {
      const lan = a * LANS_PER_AGGREGATION + k;
      const lanNet = `10.${lan >> 8}.${lan & 255}`;
      const p2pAddr = (host: number) => p2p('172.20.0.0', lan, host);
      aggRoutes.push({ destination: `${lanNet}.0/24`, nextHop: p2pAddr(2) });
      coreRoutes.push({ destination: `${lanNet}.0/24`, nextHop: up });
      const x0 = (lan % columns) * unitWidth;
      const y0 = Math.floor(lan / columns) * unitHeight;
      const routerId = `r${lan + 1}`;
      const switchId = `sw${lan + 1}`;
      devices.push({
        kind: 'router', id: routerId, name: routerId, position: { x: x0 + unitWidth / 2, y: y0 },
        interfaces: [iface(routerId, 0, `${lanNet}.1/24`), iface(routerId, 1, `${p2pAddr(2)}/30`)],
        routes: [{ destination: '0.0.0.0/0', nextHop: p2pAddr(1) }],
      });
      link(id, `eth${k + 1}`, routerId, 'eth1');
      devices.push({
        kind: 'switch', id: switchId, name: switchId, position: { x: x0 + unitWidth / 2, y: y0 + 120 },
        interfaces: Array.from({ length: HOSTS_PER_LAN + 1 }, (_, p) => iface(switchId, p, undefined, 'none')),
      });
      link(routerId, 'eth0', switchId, 'p1');
      for (let h = 0; h < HOSTS_PER_LAN; h++) {
        const hostId = `h${lan + 1}-${h + 1}`;
        const address = `${lanNet}.${10 + h}`;
        const position = { x: x0 + h * 110, y: y0 + 260 };
        const interfaces = [iface(hostId, 0, `${address}/24`)];
        if (lan === 0 && h === 0) {
          devices.push({
            kind: 'server', id: 'web', name: 'web', position, interfaces: [iface('web', 0, `${address}/24`)],
            gateway: `${lanNet}.1`, hosts: [],
            roles: { web: { port: 80, sites: [{ hostname: 'www.example.com', pages: [{ path: '/', status: 200, contentType: 'text/html', body: '<title>Bench</title>' }] }] } },
          });
          link(switchId, `p${h + 2}`, 'web', 'eth0');
        } else {
          devices.push({
            kind: 'host', id: hostId, name: hostId, position, interfaces, gateway: `${lanNet}.1`,
            hosts: [{ name: 'www.example.com', address: '10.0.0.10' }],
          });
          link(switchId, `p${h + 2}`, hostId, 'eth0');
        }
      }
    }
  }
  return { format: FILE_FORMAT, version: CURRENT_VERSION, name: `generated-${devices.length}`, devices, links };
}
