import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cidr, DnsRecord, Ipv4 } from '../../../shared/model/schema';
import {
  integer,
  optional,
  parseCidr,
  parseDeviceName,
  parseDnsName,
  parseIpv4,
  parseMac,
  parsePort,
  parseRecordValue,
  parseRuleAddress,
  parseRedirectLocation,
  parseWebPath,
  unique,
} from './validation';

const errorKey = (r: { ok: boolean; error?: { key: string } }) => (r.ok ? null : r.error!.key);

describe('field parsers', () => {
  it('accept what the schema accepts and explain what it does not', () => {
    expect(parseIpv4('192.168.0.10')).toEqual({ ok: true, value: '192.168.0.10' });
    expect(parseIpv4(' 10.0.0.1 ')).toEqual({ ok: true, value: '10.0.0.1' });
    expect(errorKey(parseIpv4('192.168.0.256'))).toBe('ipv4');
    expect(errorKey(parseIpv4('192.168.0'))).toBe('ipv4');
    expect(errorKey(parseIpv4(''))).toBe('required');
    expect(parseCidr('192.168.0.1/24')).toEqual({ ok: true, value: '192.168.0.1/24' });
    expect(errorKey(parseCidr('192.168.0.1'))).toBe('cidr');
    expect(errorKey(parseCidr('192.168.0.1/33'))).toBe('cidr');
  });

  it('agree with the file schema on random text (an accepted value always loads)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.ipV4().map((a) => `${a}/${a.length % 33}`),
          fc.ipV4(),
        ),
        (text) => {
          const ip = parseIpv4(text);
          if (ip.ok) expect(Ipv4.safeParse(ip.value).success).toBe(true);
          else expect(Ipv4.safeParse(text.trim()).success).toBe(false);
          const cidr = parseCidr(text);
          if (cidr.ok) expect(Cidr.safeParse(cidr.value).success).toBe(true);
          else expect(Cidr.safeParse(text.trim()).success).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('store MACs and domain names in lower case', () => {
    expect(parseMac('02:AA:bb:00:11:FF')).toEqual({ ok: true, value: '02:aa:bb:00:11:ff' });
    expect(errorKey(parseMac('02:aa:bb:00:11'))).toBe('mac');
    expect(parseDnsName('WWW.Example.COM.')).toEqual({ ok: true, value: 'www.example.com.' });
    expect(parseDnsName('.')).toEqual({ ok: true, value: '.' });
    expect(errorKey(parseDnsName('bad name'))).toBe('dnsName');
  });

  it('treat an empty optional field as "not set"', () => {
    expect(optional(parseIpv4)('  ')).toEqual({ ok: true, value: undefined });
    expect(errorKey(optional(parseIpv4)('1.2.3'))).toBe('ipv4');
  });

  it('check number ranges', () => {
    expect(parsePort('80')).toEqual({ ok: true, value: 80 });
    expect(errorKey(parsePort('0'))).toBe('range');
    expect(parsePort('65536')).toEqual({ ok: false, error: { key: 'range', values: { min: 1, max: 65535 } } });
    expect(errorKey(parsePort('8o'))).toBe('integer');
    expect(errorKey(integer(60, 100)('1.5'))).toBe('integer');
  });

  it('refuse duplicates with the duplicate key', () => {
    const taken = new Set(['pc', 'web']);
    const parse = unique(parseDeviceName, (n) => taken.has(n), 'duplicateDevice');
    expect(parse('web')).toEqual({ ok: false, error: { key: 'duplicateDevice', values: { value: 'web' } } });
    expect(parse('web2')).toEqual({ ok: true, value: 'web2' });
    expect(errorKey(parse('-web'))).toBe('deviceName');
  });

  it('read firewall addresses as "any" or a prefix', () => {
    expect(parseRuleAddress('')).toEqual({ ok: true, value: 'any' });
    expect(parseRuleAddress('ANY')).toEqual({ ok: true, value: 'any' });
    expect(parseRuleAddress('10.0.0.0/8')).toEqual({ ok: true, value: '10.0.0.0/8' });
    expect(errorKey(parseRuleAddress('10.0.0.0'))).toBe('ruleAddress');
  });

  it('check web paths', () => {
    expect(parseWebPath('/index.html')).toEqual({ ok: true, value: '/index.html' });
    expect(errorKey(parseWebPath('index.html'))).toBe('webPath');
    expect(errorKey(parseWebPath('/a b'))).toBe('webPath');
  });

  it("check a redirect's location: a path or a whole http(s) URL, as nginx's return takes", () => {
    expect(parseRedirectLocation(' / ')).toEqual({ ok: true, value: '/' });
    expect(parseRedirectLocation('https://www.example.com/new?a=1')).toMatchObject({ ok: true });
    for (const bad of ['new', 'ftp://x/', '/a b', 'https://'])
      expect(errorKey(parseRedirectLocation(bad))).toBe('redirectLocation');
  });
});

describe('DNS record values by type', () => {
  it('A needs an IPv4 address', () => {
    expect(parseRecordValue('A')('203.0.113.80')).toEqual({ ok: true, value: '203.0.113.80' });
    expect(errorKey(parseRecordValue('A')('ns1.example.com.'))).toBe('recordA');
  });

  it('NS and CNAME need a name', () => {
    expect(parseRecordValue('NS')('NS1.Example.com.')).toEqual({ ok: true, value: 'ns1.example.com.' });
    expect(parseRecordValue('CNAME')('www bad')).toEqual({
      ok: false,
      error: { key: 'recordName', values: { type: 'CNAME' } },
    });
  });

  it('SOA needs seven fields: two names and five numbers', () => {
    const soa = parseRecordValue('SOA');
    expect(soa('ns1.example.com.  hostmaster.example.com. 1 7200 3600 1209600 3600')).toEqual({
      ok: true,
      value: 'ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600',
    });
    expect(soa('ns1.example.com. hostmaster.example.com. 1 7200')).toEqual({
      ok: false,
      error: { key: 'soaFields', values: { count: 4 } },
    });
    expect(soa('ns1.example.com. host@master 1 2 3 4 5')).toEqual({
      ok: false,
      error: { key: 'soaName', values: { field: 'rname' } },
    });
    expect(soa('a. b. 1 2 x 4 5')).toEqual({ ok: false, error: { key: 'soaNumber', values: { field: 'retry' } } });
  });

  it('every accepted value makes a record the schema accepts', () => {
    for (const type of ['A', 'NS', 'SOA', 'CNAME'] as const) {
      for (const text of ['192.0.2.1', 'ns1.example.', 'a. b. 1 2 3 4 5', 'x']) {
        const r = parseRecordValue(type)(text);
        if (r.ok) expect(DnsRecord.safeParse({ name: 'example.', type, ttl: 60, value: r.value }).success).toBe(true);
      }
    }
  });
});
