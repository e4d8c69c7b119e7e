// Builds the runtime network from a topology: one simulated device per device, links attached to both ends.
import type { Topology } from '../model/schema';
import { EndSystem } from './devices/end-system';
import type { SimDevice } from './devices/device';
import { Router } from './devices/router';
import { Switch } from './devices/switch';
import type { Sim } from './sim/sim';
import type { TraceLink } from './trace';

export interface Network {
  devices: Map<string, SimDevice>;
  links: TraceLink[];
}

export function buildNetwork(sim: Sim, topology: Topology, seed: number): Network {
  const devices = new Map<string, SimDevice>();
  for (const d of topology.devices) {
    const device =
      d.kind === 'switch' ? new Switch(sim, d, seed) : d.kind === 'router' || d.kind === 'firewall' ? new Router(sim, d, seed) : new EndSystem(sim, d, seed);
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
