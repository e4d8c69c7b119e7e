// Real traces for the replay tests: the engine on the bundled samples (read from disk by the engine's helpers).
import { device, loadSample, run, variant } from '../engine/testing/helpers';
import type { Topology } from '../model/schema';
import type { Trace } from '../engine/trace';

export const homeToWeb: Topology = loadSample('home-to-web');

export function coldTrace(): Trace {
  return run(homeToWeb);
}

export function warmTrace(): Trace {
  return run(homeToWeb, { warm: true });
}

/** The firewall denies the web server's port 80 with an explicit rule (first in the list). */
export const blockedTopology: Topology = variant(homeToWeb, (x) => {
  device(x, 'fw', 'firewall').rules.unshift({
    id: 'block-web',
    action: 'deny',
    direction: 'in',
    protocol: 'tcp',
    source: 'any',
    destination: 'any',
    port: 80,
  });
});

export function blockedTrace(): Trace {
  return run(blockedTopology);
}
