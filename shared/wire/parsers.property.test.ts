// Every parser either returns or throws WireError — never a RangeError or TypeError — whatever bytes it is given.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArp } from './arp';
import { parseDhcp } from './dhcp';
import { parseDns } from './dns';
import { WireError } from './error';
import { parseEthernet } from './ethernet';
import { parseHttpRequest, parseHttpResponse } from './http';
import { parseIcmp } from './icmp';
import { parseIpv4 } from './ipv4';
import { parseTcp } from './tcp';
import { sampleFrames } from './testing';
import { parseUdp } from './udp';

const PARSERS: [string, (b: Uint8Array) => unknown, number][] = [
  ['ethernet', parseEthernet, 0],
  ['arp', parseArp, 14],
  ['ipv4', parseIpv4, 14],
  ['udp', (b) => parseUdp(b, '10.0.0.1', '10.0.0.2'), 34],
  ['tcp', (b) => parseTcp(b, '10.0.0.1', '10.0.0.2'), 34],
  ['icmp', parseIcmp, 34],
  ['dhcp', parseDhcp, 42],
  ['dns', parseDns, 42],
  ['http request', parseHttpRequest, 66],
  ['http response', parseHttpResponse, 66],
];

function onlyWireErrors(parse: (b: Uint8Array) => unknown, bytes: Uint8Array) {
  try {
    parse(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(WireError);
  }
}

describe('parsers on hostile input', () => {
  for (const [name, parse, headerOffset] of PARSERS) {
    it(`${name}: random bytes and mutated real payloads only ever raise WireError`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => onlyWireErrors(parse, bytes)),
        { numRuns: 500 },
      );
      // payloads at this layer from every sample frame, mutated and truncated
      const payloads = sampleFrames().map((f) => f.bytes.subarray(Math.min(headerOffset, f.bytes.length)));
      fc.assert(
        fc.property(
          fc.constantFrom(...payloads),
          fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 4 }),
          fc.nat(),
          (payload, edits, cut) => {
            const bytes = payload.slice(0, cut % (payload.length + 1));
            for (const [at, v] of edits) if (bytes.length) bytes[at % bytes.length] = v;
            onlyWireErrors(parse, bytes);
          },
        ),
        { numRuns: 800 },
      );
    });
  }
});
