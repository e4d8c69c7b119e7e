// Default MAC addresses: derived from (device id, interface index) so that a file without hand-edited MACs always
// gets the same addresses, in every run and on every machine — the exact bytes of a replay depend on them.

/** FNV-1a (32-bit) with a chosen offset basis: two different bases give two independent-enough hashes. */
function fnv1a(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // Final avalanche (from murmur3) so that ids differing in the last character still differ in every byte.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const hex = (byte: number): string => byte.toString(16).padStart(2, '0');

/**
 * A locally administered unicast MAC (`02:xx:xx:xx:xx:xx`): the first byte 0x02 sets the "locally administered" bit
 * and clears the multicast bit, so it can never collide with a vendor's address or look like a group address.
 */
export function defaultMac(deviceId: string, interfaceIndex: number): string {
  const key = `${deviceId}#${interfaceIndex}`;
  const high = fnv1a(key, 0x811c9dc5);
  const low = fnv1a(key, 0x050c5d1f);
  const bytes = [0x02, (high >>> 24) & 0xff, (high >>> 16) & 0xff, (high >>> 8) & 0xff, high & 0xff, low & 0xff];
  return bytes.map(hex).join(':');
}
