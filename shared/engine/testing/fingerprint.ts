// Test-only. What a trace puts on each link for the name, address and neighbour protocols (ARP, DHCP, DNS, ICMP),
// in order, byte for byte except the IPv4 identification and header checksum (those count every packet a device
// sent before, TCP included, so they move whenever another part of the engine sends one more segment).
import type { Trace } from '../trace';
import { frames } from './helpers';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function linkFingerprint(trace: Trace): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of frames(trace)) {
    if (!['arp', 'dhcp', 'dns', 'icmp'].includes(f.protocol)) continue;
    const bytes = f.bytes.slice();
    if (((bytes[12] << 8) | bytes[13]) === 0x0800) (bytes.fill(0, 18, 20), bytes.fill(0, 24, 26));
    (out[f.linkId] ??= []).push(`${f.from.deviceId}>${f.to.deviceId} ${hex(bytes)}`);
  }
  return out;
}
