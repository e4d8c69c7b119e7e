// The real engine on the bundled sample (optionally with the firewall denying port 80).
import { simulate } from '../../../../shared/engine/simulate';
import { buildSample } from '../../../../shared/model/samples';
import type { Trace } from '../../../../shared/engine/trace';
import type { Topology } from '../../../../shared/model/schema';

export function sampleTrace(blocked: boolean, warm: boolean): { trace: Trace; topology: Topology } {
  const topology = buildSample('home-to-web');
  if (blocked) {
    const fw = topology.devices.find((d) => d.id === 'fw');
    if (fw?.kind === 'firewall') fw.rules.unshift({ id: 'block-web', action: 'deny', direction: 'in', protocol: 'tcp', source: 'any', destination: 'any', port: 80 });
  }
  const trace = simulate(topology, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm });
  return { trace, topology };
}
