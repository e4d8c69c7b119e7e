// Test-only. A topology switched to the textbook: every "real software" setting off, on every device.
import type { Topology } from '../../model/schema';
import { variant } from './helpers';

export function textbook(t: Topology): Topology {
  return variant(t, (x) => {
    for (const d of x.devices) {
      if (d.kind === 'switch') continue;
      d.neighbourStates = false;
      if (d.kind === 'host' || d.kind === 'server') d.askAaaa = false;
      if (d.kind === 'router' && d.dhcp) d.dhcp.pingCheck = false;
      if (d.kind === 'server') {
        if (d.roles.dhcp) d.roles.dhcp.pingCheck = false;
        if (d.roles.dns)
          Object.assign(d.roles.dns, { qnameMinimisation: false, primeRoot: false, minimalResponses: true });
      }
    }
  });
}
