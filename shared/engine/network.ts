// Builds the runtime network from a topology: one simulated device per device, links attached to both ends.
import { assertNever } from '../model/never';
import type { Device, Topology } from '../model/schema';
import { EndSystem } from './devices/end-system';
import { readCertificate, trustedAuthorities } from '../model/certificates';
import { toBase64 } from '../wire/tls-codec';
import type { SimDevice } from './devices/device';
import { Router } from './devices/router';
import { Switch } from './devices/switch';
import type { Sim } from './sim/sim';
import type { ConfigRef, TraceLink } from './trace';

export interface Network {
  devices: Map<string, SimDevice>;
  links: TraceLink[];
}

/** The simulated device of a kind; a kind the engine does not know is an error, never a host by default. */
function simDevice(sim: Sim, d: Device, seed: number): SimDevice {
  switch (d.kind) {
    case 'switch':
      return new Switch(sim, d, seed);
    case 'router':
    case 'firewall':
      return new Router(sim, d, seed);
    case 'host':
    case 'server':
      return new EndSystem(sim, d, seed);
    default:
      return assertNever(d, 'device kind', (d as { kind: unknown }).kind);
  }
}

/** Every certificate a web server or cache serves, by its base64 DER, and where it is set. */
function certificateOwners(topology: Topology): Map<string, ConfigRef> {
  const owners = new Map<string, ConfigRef>();
  for (const d of topology.devices) {
    if (d.kind !== 'server') continue;
    for (const role of ['web', 'cache'] as const) {
      const cert = readCertificate(d.roles[role]?.tls?.certificate ?? '');
      if (cert) owners.set(toBase64(cert.der), { deviceId: d.id, path: ['roles', role, 'tls', 'certificate'] });
    }
  }
  return owners;
}

export function buildNetwork(sim: Sim, topology: Topology, seed: number): Network {
  const devices = new Map<string, SimDevice>();
  const owners = certificateOwners(topology);
  for (const d of topology.devices) {
    const device = simDevice(sim, d, seed);
    if (device instanceof EndSystem) {
      device.trusted = trustedAuthorities(topology, d);
      device.certificateOwners = owners;
    }
    devices.set(d.id, device);
  }
  const links: TraceLink[] = [];
  for (const l of topology.links) {
    const a = devices.get(l.a.device);
    const b = devices.get(l.b.device);
    const ia = a?.ifaces.get(l.a.interface);
    const ib = b?.ifaces.get(l.b.interface);
    if (!a || !b || !ia || !ib) continue; // a dangling link carries nothing (validation reports it)
    const link: TraceLink = {
      id: l.id,
      name: `${l.id} ${a.name}:${ia.name} – ${b.name}:${ib.name}`,
      a: { deviceId: a.id, interface: ia.name },
      b: { deviceId: b.id, interface: ib.name },
    };
    sim.attach(a.port(ia), link, b.port(ib));
    sim.attach(b.port(ib), link, a.port(ia));
    links.push(link);
  }
  return { devices, links };
}
