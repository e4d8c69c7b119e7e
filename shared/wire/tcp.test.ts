import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './address';
import { WireError } from './error';
import { LINUX_VETH } from './fixtures/linux-veth';
import { emitTcp, emitTcpOptions, parseTcp, tcpFlags } from './tcp';
import { ipv4Of } from './testing';

const CLIENT = '10.99.0.10';
const SERVER = '10.99.0.1';
const tcpHex = (frameHex: string) => toHex(ipv4Of(frameHex).payload);

describe('tcp', () => {
  it('emits the exact SYN a Linux client sent (MSS 1460, SACK_PERM, TS, NOP, WS 7)', () => {
    const bytes = emitTcp(
      {
        srcPort: 35402,
        dstPort: 80,
        seq: 0x14e92aef,
        ack: 0,
        flags: tcpFlags({ syn: true }),
        window: 64240,
        options: { mss: 1460, sackPermitted: true, timestamp: { value: 3814474308, echo: 0 }, windowScale: 7 },
      },
      new Uint8Array(0),
      CLIENT,
      SERVER,
    );
    expect(toHex(bytes)).toBe(tcpHex(LINUX_VETH.tcpSyn));
    expect(toHex(bytes.subarray(20))).toBe('020405b40402080ae35c42440000000001030307');
  });

  it('parses the real SYN-ACK', () => {
    const ip = ipv4Of(LINUX_VETH.tcpSynAck);
    const parsed = parseTcp(ip.payload, ip.repr.src, ip.repr.dst);
    expect(parsed.repr).toEqual({
      srcPort: 80,
      dstPort: 35402,
      seq: 0xf1ab173b,
      ack: 0x14e92af0,
      flags: tcpFlags({ syn: true, ack: true }),
      window: 65160,
      options: { mss: 1460, sackPermitted: true, timestamp: { value: 0x0a64bb29, echo: 3814474308 }, windowScale: 7 },
    });
    expect(parsed.checksumValid).toBe(true);
    expect(parsed.headerLength).toBe(40);
    expect(parsed.optionSpans.map((s) => s.kind)).toEqual([2, 4, 8, 1, 3]);
  });

  it('re-emits every real TCP segment byte for byte (ACK, GET, 200, FIN)', () => {
    for (const name of ['tcpSyn', 'tcpSynAck', 'tcpAck', 'httpGet', 'httpOk', 'serverFinAck'] as const) {
      const ip = ipv4Of(LINUX_VETH[name]);
      const parsed = parseTcp(ip.payload, ip.repr.src, ip.repr.dst);
      expect(parsed.checksumValid, name).toBe(true);
      expect(toHex(emitTcp(parsed.repr, parsed.payload, ip.repr.src, ip.repr.dst)), name).toBe(toHex(ip.payload));
    }
  });

  it('lays out options like Linux when some are missing', () => {
    expect(toHex(emitTcpOptions({ timestamp: { value: 1, echo: 2 } }))).toBe('0101080a0000000100000002');
    expect(toHex(emitTcpOptions({ mss: 1460, sackPermitted: true, windowScale: 7 }))).toBe('020405b40101040201030307');
    expect(toHex(emitTcpOptions({ mss: 536 }))).toBe('02040218');
    expect(toHex(emitTcpOptions({}))).toBe('');
  });

  it('skips SACK blocks and unknown options, stops at EOL', () => {
    // NOP NOP SACK(1 block) | kind 30 len 4 | EOL pad
    const options = fromHex('0101050a0000000100000002' + '1e04abcd' + '00000000');
    const header = new Uint8Array(20 + options.length);
    header[12] = ((20 + options.length) / 4) << 4;
    header.set(options, 20);
    const parsed = parseTcp(header, CLIENT, SERVER);
    expect(parsed.repr.options).toEqual({});
    expect(parsed.optionSpans.map((s) => [s.kind, s.offset, s.length])).toEqual([
      [1, 20, 1],
      [1, 21, 1],
      [5, 22, 10],
      [30, 32, 4],
      [0, 36, 4],
    ]);
  });

  it('flags a corrupted segment, rejects malformed headers', () => {
    const ip = ipv4Of(LINUX_VETH.httpGet);
    const corrupted = ip.payload.slice();
    corrupted[corrupted.length - 1] ^= 0xff;
    expect(parseTcp(corrupted, CLIENT, SERVER).checksumValid).toBe(false);
    expect(() => parseTcp(ip.payload.subarray(0, 19), CLIENT, SERVER)).toThrow(WireError);
    const badOffset = ip.payload.slice();
    badOffset[12] = 0x40;
    expect(() => parseTcp(badOffset, CLIENT, SERVER)).toThrow(/data offset/);
    const badOption = fromHex(tcpHex(LINUX_VETH.tcpSyn));
    badOption[21] = 9; // MSS claims 9 bytes
    expect(() => parseTcp(badOption, CLIENT, SERVER)).toThrow(WireError);
  });
});
