import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './address';
import {
  DHCPACK,
  DHCPDISCOVER,
  DHCPOFFER,
  DHCPREQUEST,
  type DhcpRepr,
  emitDhcp,
  parseDhcp,
  scanDhcpOptions,
} from './dhcp';
import { WireError } from './error';

// The DHCP Discover of Wireshark's sample capture dhcp.pcap (client 00:0b:82:01:fc:42, xid 0x3d1d), 272 bytes as
// that client sent it; also the DISCOVER_BYTES test vector of smoltcp's dhcpv4.rs. Decoded by tshark as
// "DHCP Discover" with options 53, 61, 50, 55 (1,3,6,42), End, 7 bytes padding.
const OPTIONS_HEX = '350101' + '3d0701000b8201fc42' + '320400000000' + '37040103062a' + 'ff';
const FIXED_HEX =
  '01010600' +
  '00003d1d' +
  '0000' +
  '0000' +
  '00000000'.repeat(4) +
  '000b8201fc42' +
  '00'.repeat(10) +
  '00'.repeat(64 + 128) +
  '63825363';
const WIRESHARK_DISCOVER = FIXED_HEX + OPTIONS_HEX + '00'.repeat(7);

const discover: DhcpRepr = {
  op: 1,
  xid: 0x3d1d,
  secs: 0,
  broadcast: false,
  ciaddr: '0.0.0.0',
  yiaddr: '0.0.0.0',
  siaddr: '0.0.0.0',
  giaddr: '0.0.0.0',
  chaddr: '00:0b:82:01:fc:42',
  messageType: DHCPDISCOVER,
  options: { clientId: fromHex('01000b8201fc42'), requestedIp: '0.0.0.0', parameterRequestList: [1, 3, 6, 42] },
};

describe('dhcp', () => {
  it("parses the Discover of Wireshark's dhcp.pcap", () => {
    expect(fromHex(WIRESHARK_DISCOVER).length).toBe(272);
    expect(parseDhcp(fromHex(WIRESHARK_DISCOVER))).toEqual(discover);
  });

  it('emits the same bytes, padded with zeros to the 300-byte BOOTP minimum', () => {
    const bytes = emitDhcp(discover);
    expect(bytes.length).toBe(300);
    expect(toHex(bytes)).toBe(FIXED_HEX + OPTIONS_HEX + '00'.repeat(300 - 265));
  });

  it('round-trips a server ACK with every modelled option, in a stable order', () => {
    const ack: DhcpRepr = {
      op: 2,
      xid: 0xdeadbeef,
      secs: 3,
      broadcast: true,
      ciaddr: '0.0.0.0',
      yiaddr: '192.168.1.100',
      siaddr: '0.0.0.0',
      giaddr: '0.0.0.0',
      chaddr: '02:00:00:aa:bb:cc',
      messageType: DHCPACK,
      options: {
        serverId: '192.168.1.1',
        leaseSeconds: 86400,
        renewalSeconds: 43200,
        rebindingSeconds: 75600,
        subnetMask: '255.255.255.0',
        router: ['192.168.1.1'],
        dnsServers: ['192.168.1.1', '9.9.9.9'],
        hostname: 'laptop',
        maxMessageSize: 1500,
      },
    };
    const bytes = emitDhcp(ack);
    expect(parseDhcp(bytes)).toEqual(ack);
    expect(scanDhcpOptions(bytes).map((o) => o.code)).toEqual([53, 57, 54, 51, 58, 59, 1, 3, 6, 12, 255]);
    expect(toHex(bytes.subarray(10, 12))).toBe('8000');
    expect(bytes.length).toBe(240 + 3 + 4 + 6 * 6 + 10 + 8 + 1); // longer than 300: no padding needed
  });

  it('round-trips Offer and Request', () => {
    for (const messageType of [DHCPOFFER, DHCPREQUEST] as const) {
      const repr: DhcpRepr = {
        ...discover,
        messageType,
        options: { requestedIp: '192.168.1.100', serverId: '192.168.1.1' },
      };
      expect(parseDhcp(emitDhcp(repr))).toEqual(repr);
    }
  });

  it('grows past 300 bytes when the options need it', () => {
    const many: DhcpRepr = {
      ...discover,
      options: { hostname: 'h'.repeat(200), parameterRequestList: [1, 3, 6, 15, 28, 42] },
    };
    const bytes = emitDhcp(many);
    expect(bytes.length).toBe(240 + 3 + 202 + 8 + 1);
    expect(parseDhcp(bytes)).toEqual(many);
  });

  it('rejects plain BOOTP, a missing END, a missing message type and bad option lengths', () => {
    const good = fromHex(WIRESHARK_DISCOVER);
    const noCookie = good.slice();
    noCookie[236] = 0;
    expect(() => parseDhcp(noCookie)).toThrow(/cookie/);
    expect(() => parseDhcp(good.subarray(0, 260))).toThrow(WireError);
    const noType = good.slice();
    noType[240] = 0x0c; // 53 → 12 (hostname)
    expect(() => parseDhcp(noType)).toThrow(/message type/);
    const badLease = fromHex(FIXED_HEX + '350101' + '330201ff' + 'ff');
    expect(() => parseDhcp(badLease)).toThrow(/option 51/);
    expect(() => parseDhcp(good.subarray(0, 200))).toThrow(WireError);
  });
});
