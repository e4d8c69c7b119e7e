// NAPT ("masquerade") as Linux netfilter does it: the first packet of a flow from the inside gets the outside
// address as its source; the source port is kept when no other mapping uses it towards the same remote end (Linux
// only picks a new port on a clash), and the mapping is remembered so replies can be translated back.
import type { NatConfig } from '../../model/schema';
import type { StateTable } from '../devices/device';
import type { NatEntry } from '../trace';

export type NatProtocol = NatEntry['protocol'];

export class Napt {
  private byOutside = new Map<string, NatEntry>();
  private byInside = new Map<string, NatEntry>();

  constructor(
    readonly config: NatConfig,
    private readonly table: StateTable<'nat'>,
    private readonly pickPort: () => number,
  ) {}

  isInside(iface: string): boolean {
    return this.config.inside.includes(iface);
  }

  /** The mapping for an outgoing flow, created if new. */
  outbound(
    protocol: NatProtocol,
    insideIp: string,
    insidePort: number,
    outsideIp: string,
    remoteIp: string,
    remotePort: number,
  ): { entry: NatEntry; created: boolean } {
    const inKey = `${protocol}|${insideIp}|${insidePort}|${remoteIp}|${remotePort}`;
    const known = this.byInside.get(inKey);
    if (known) return { entry: known, created: false };
    let outsidePort = insidePort;
    while (this.byOutside.has(`${protocol}|${outsidePort}|${remoteIp}|${remotePort}`)) outsidePort = this.pickPort();
    const entry: NatEntry = { protocol, insideIp, insidePort, outsideIp, outsidePort, remoteIp, remotePort };
    this.byInside.set(inKey, entry);
    this.byOutside.set(`${protocol}|${outsidePort}|${remoteIp}|${remotePort}`, entry);
    this.table.set(entry);
    return { entry, created: true };
  }

  /** The mapping a reply from (remoteIp, remotePort) to outsidePort belongs to. */
  inbound(protocol: NatProtocol, outsidePort: number, remoteIp: string, remotePort: number): NatEntry | undefined {
    return this.byOutside.get(`${protocol}|${outsidePort}|${remoteIp}|${remotePort}`);
  }
}
