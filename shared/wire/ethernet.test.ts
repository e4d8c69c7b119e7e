import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './address';
import { ETHERTYPE_ARP, emitEthernet, parseEthernet } from './ethernet';
import { WireError } from './error';
import { LINUX_VETH } from './fixtures/linux-veth';

describe('ethernet', () => {
  it('parses the header of a real ARP broadcast', () => {
    const { repr, payload } = parseEthernet(fromHex(LINUX_VETH.arpRequest));
    expect(repr).toEqual({ dst: 'ff:ff:ff:ff:ff:ff', src: '02:00:00:00:00:0a', etherType: ETHERTYPE_ARP });
    expect(payload.length).toBe(28);
  });

  it('pads short frames to 60 bytes with zeros, as a NIC does', () => {
    const frame = fromHex(LINUX_VETH.arpRequest);
    const { repr, payload } = parseEthernet(frame);
    const emitted = emitEthernet(repr, payload);
    expect(emitted.length).toBe(60);
    expect(toHex(emitted)).toBe(LINUX_VETH.arpRequest + '00'.repeat(18));
  });

  it('round-trips a long frame unchanged', () => {
    const frame = fromHex(LINUX_VETH.httpOk);
    const { repr, payload } = parseEthernet(frame);
    expect(toHex(emitEthernet(repr, payload))).toBe(LINUX_VETH.httpOk);
  });

  it('rejects a truncated header', () => {
    expect(() => parseEthernet(new Uint8Array(13))).toThrow(WireError);
  });
});
