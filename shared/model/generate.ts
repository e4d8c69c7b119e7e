// A deterministic campus of any size, valid and free of problems: for scale tests and benchmarks (opening,
// drawing and checking 1,000 or 5,000 devices). Shape: a core router on a backbone switch; per building a router,
// a distribution switch and access switches of 40 hosts each; every building is a /16 with its router as gateway.
import { defaultMac } from './mac';
import { CURRENT_VERSION, FILE_FORMAT } from './schema';
import type { Device, Link, NetInterface, RouterDevice, Topology } from './schema';

const HOSTS_PER_ACCESS = 40;
const ACCESS_PER_BUILDING = 10;
const PORTS = 48;

function ports(id: string, count: number): NetInterface[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `p${i + 1}`,
    mac: defaultMac(id, i),
    mode: 'none' as const,
  }));
}

export function generateCampus(deviceCount: number): Topology {
  const devices: Device[] = [];
  const links: Link[] = [];
  const full = () => devices.length >= deviceCount;
  const link = (a: string, ai: string, b: string, bi: string) =>
    links.push({ id: `l${links.length + 1}`, a: { device: a, interface: ai }, b: { device: b, interface: bi } });

  const core: RouterDevice = {
    kind: 'router',
    id: 'core',
    name: 'core',
    position: { x: 0, y: -400 },
    interfaces: [{ name: 'eth0', mac: defaultMac('core', 0), mode: 'static', address: '10.255.0.1/16' }],
    routes: [],
  };
  devices.push(core);
  // Backbone switches in a chain: port 1 up to the previous one (or the core), the rest for building routers.
  let backbone = '';
  let backboneNext = PORTS + 1;
  const backbonePort = (): [string, string] => {
    if (backboneNext > PORTS) {
      const id = `backbone${devices.filter((d) => d.id.startsWith('backbone')).length + 1}`;
      devices.push({ kind: 'switch', id, name: id, position: { x: 0, y: -250 }, interfaces: ports(id, PORTS) });
      if (backbone === '') link('core', 'eth0', id, 'p1');
      else link(backbone, `p${PORTS}`, id, 'p1');
      backbone = id;
      backboneNext = 2;
    }
    // Keep the last port free for chaining the next backbone switch.
    const port = `p${backboneNext}`;
    backboneNext = backboneNext === PORTS - 1 ? PORTS + 1 : backboneNext + 1;
    return [backbone, port];
  };

  let hostNumber = 0;
  for (let b = 1; b <= 254 && !full(); b++) {
    const x0 = (b - 1) * (ACCESS_PER_BUILDING * 5 * 60 + 200);
    const routerId = `router${b}`;
    const [bb, bbPort] = backbonePort();
    if (full()) break;
    devices.push({
      kind: 'router',
      id: routerId,
      name: routerId,
      position: { x: x0, y: -100 },
      interfaces: [
        { name: 'eth0', mac: defaultMac(routerId, 0), mode: 'static', address: `10.255.${b >> 8}.${(b & 255) + 1}/16` },
        { name: 'eth1', mac: defaultMac(routerId, 1), mode: 'static', address: `10.${b}.0.1/16` },
      ],
      routes: [{ destination: '0.0.0.0/0', nextHop: '10.255.0.1' }],
    });
    link(routerId, 'eth0', bb, bbPort);
    core.routes.push({ destination: `10.${b}.0.0/16`, nextHop: `10.255.${b >> 8}.${(b & 255) + 1}` });
    if (full()) break;
    const distId = `dist${b}`;
    devices.push({
      kind: 'switch',
      id: distId,
      name: distId,
      position: { x: x0, y: 0 },
      interfaces: ports(distId, PORTS),
    });
    link(routerId, 'eth1', distId, 'p1');
    for (let a = 1; a <= ACCESS_PER_BUILDING && !full(); a++) {
      const accessId = `access${b}-${a}`;
      const ax = x0 + (a - 1) * 5 * 60;
      devices.push({
        kind: 'switch',
        id: accessId,
        name: accessId,
        position: { x: ax, y: 150 },
        interfaces: ports(accessId, PORTS),
      });
      link(distId, `p${a + 1}`, accessId, 'p1');
      for (let h = 1; h <= HOSTS_PER_ACCESS && !full(); h++) {
        const id = `pc${++hostNumber}`;
        devices.push({
          kind: 'host',
          id,
          name: id,
          position: { x: ax + ((h - 1) % 5) * 60, y: 300 + Math.floor((h - 1) / 5) * 60 },
          interfaces: [{ name: 'eth0', mac: defaultMac(id, 0), mode: 'static', address: `10.${b}.${a}.${h + 9}/16` }],
          gateway: `10.${b}.0.1`,
          hosts: [],
        });
        link(id, 'eth0', accessId, `p${h + 1}`);
      }
    }
  }
  return { format: FILE_FORMAT, version: CURRENT_VERSION, name: `Campus of ${deviceCount} devices`, devices, links };
}
