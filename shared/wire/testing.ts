// Test helpers shared by the wire tests (not exported from index.ts).
import { fromHex } from './address';
import { parseEthernet } from './ethernet';
import { parseIpv4 } from './ipv4';

/** The IPv4 packet inside a hex Ethernet frame. */
export function ipv4Of(frameHex: string) {
  return parseIpv4(parseEthernet(fromHex(frameHex)).payload);
}
