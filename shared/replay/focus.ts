// Which devices a step is about, for a view that zooms to it (presenter mode): the ends of the key frame's link, or
// the device that decided or dropped, plus their neighbours, so the class sees where the packet comes from and goes.
import type { Trace } from '../engine/trace';
import type { Topology } from '../model/schema';

/** Device ids to show at trace step `index` (an item's key step), in the topology's order; all when it names none. */
export function focusDevices(trace: Trace, topology: Topology, index: number | undefined): string[] {
  const step = index === undefined ? undefined : trace.steps[index];
  const centre = new Set<string>();
  if (step?.type === 'frame') {
    centre.add(step.from.deviceId);
    centre.add(step.to.deviceId);
  } else if (step) centre.add(step.deviceId);
  const known = new Set(topology.devices.map((d) => d.id));
  if (![...centre].some((id) => known.has(id))) return topology.devices.map((d) => d.id);
  const shown = new Set(centre);
  for (const link of topology.links) {
    if (centre.has(link.a.device)) shown.add(link.b.device);
    if (centre.has(link.b.device)) shown.add(link.a.device);
  }
  return topology.devices.filter((d) => shown.has(d.id)).map((d) => d.id);
}
