import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en/problems.json';
import ko from '../i18n/ko/problems.json';
import { checkTopology, interpolate, type Problem } from './checks';
import { generateCampus } from './generate';
import { SAMPLE_NAMES } from './sample-names';
import { issueServerCertificate, makeAuthority } from './certificates';
import type { Device, FirewallDevice, HostDevice, RouterDevice, ServerDevice, Topology } from './schema';

const load = (name: string): Topology =>
  JSON.parse(readFileSync(resolve(__dirname, '../../resources/samples', `${name}.packetjourney`), 'utf8'));
const dev = <T extends Device>(t: Topology, id: string) => t.devices.find((d) => d.id === id) as T;
const summary = (problems: Problem[]) =>
  problems.map((p) => `${p.severity} ${p.code} ${p.deviceId ?? ''}${p.linkId ? ` ${p.linkId}` : ''}`);

const codesSeen = new Set<string>();

/** Applies one mistake to a sample and returns what the checks say. */
function after(sample: string, mistake: (t: Topology) => void): Problem[] {
  const t = load(sample);
  mistake(t);
  const problems = checkTopology(t);
  for (const p of problems) codesSeen.add(p.code);
  return problems;
}

describe('samples', () => {
  it.each(SAMPLE_NAMES)('%s has no problems at all', (name) => {
    expect(checkTopology(load(name))).toEqual([]);
  });
});

describe('each check, one mistake at a time', () => {
  it('duplicate IP: both interfaces are reported, each naming the other', () => {
    const problems = after('small-lan', (t) => (dev(t, 'bob').interfaces[0].address = '192.168.1.10/24'));
    expect(summary(problems)).toEqual(['error duplicate-ip alice', 'error duplicate-ip bob']);
    expect(problems[1].message).toBe('bob eth0 has the address 192.168.1.10, which alice eth0 also uses.');
    expect(problems[1].path).toEqual(['interfaces', 0, 'address']);
  });

  it('duplicate MAC', () => {
    const problems = after('small-lan', (t) => (dev(t, 'bob').interfaces[0].mac = dev(t, 'web').interfaces[0].mac));
    expect(summary(problems)).toEqual(['error duplicate-mac bob', 'error duplicate-mac web']);
    expect(problems[0].path).toEqual(['interfaces', 0, 'mac']);
  });

  it('duplicate device name', () => {
    const problems = after('small-lan', (t) => (dev(t, 'bob').name = 'alice'));
    expect(summary(problems)).toEqual(['error duplicate-name alice', 'error duplicate-name bob']);
  });

  it('network and broadcast addresses', () => {
    expect(summary(after('small-lan', (t) => (dev(t, 'bob').interfaces[0].address = '192.168.1.0/24')))).toEqual([
      'error address-is-network bob',
    ]);
    expect(summary(after('small-lan', (t) => (dev(t, 'bob').interfaces[0].address = '192.168.1.255/24')))).toEqual([
      'error address-is-broadcast bob',
    ]);
  });

  it('static mode without an address', () => {
    expect(summary(after('small-lan', (t) => delete dev(t, 'bob').interfaces[0].address))).toEqual([
      'error static-without-address bob',
    ]);
  });

  it('an address on a switch port', () => {
    const problems = after('small-lan', (t) => (dev(t, 'sw').interfaces[7].address = '192.168.1.2/24'));
    expect(summary(problems)).toEqual(['warning switch-port-address sw']);
  });

  it('gateway not on a connected subnet', () => {
    const problems = after('home-to-web', (t) => (dev<ServerDevice>(t, 'web').gateway = '203.0.113.5'));
    expect(summary(problems)).toEqual(['error gateway-not-connected web']);
    expect(problems[0].path).toEqual(['gateway']);
  });

  it('DNS server not reachable: not on a connected subnet and no gateway', () => {
    const dnsOnly = (problems: Problem[]) => summary(problems.filter((p) => p.code === 'dns-unreachable'));
    const problems = after('small-lan', (t) => (dev<HostDevice>(t, 'alice').dnsServer = '10.0.0.53'));
    expect(dnsOnly(problems)).toEqual(['error dns-unreachable alice']);
    expect(problems.find((p) => p.code === 'dns-unreachable')?.path).toEqual(['dnsServer']);
    // On the LAN it is reachable, and with a gateway it may be routed.
    expect(dnsOnly(after('small-lan', (t) => (dev<HostDevice>(t, 'alice').dnsServer = '192.168.1.80')))).toEqual([]);
    expect(
      dnsOnly(
        after('small-lan', (t) =>
          Object.assign(dev<HostDevice>(t, 'alice'), { dnsServer: '10.0.0.53', gateway: '192.168.1.1' }),
        ),
      ),
    ).toEqual([]);
  });

  it('service addresses that no device offers: gateway, DNS server, root hint, cache origin', () => {
    expect(summary(after('small-lan', (t) => (dev<HostDevice>(t, 'alice').dnsServer = '192.168.1.80')))).toEqual([
      'warning dns-server-not-dns alice',
    ]);
    expect(summary(after('small-lan', (t) => (dev<HostDevice>(t, 'alice').gateway = '192.168.1.11')))).toEqual([
      'warning gateway-not-router alice',
    ]);
    const dhcpDns = after('home-to-web', (t) => (dev<RouterDevice>(t, 'home').dhcp!.dnsServer = '198.51.100.66'));
    expect(summary(dhcpDns)).toEqual(['warning dns-server-not-dns home']);
    expect(dhcpDns[0].path).toEqual(['dhcp', 'dnsServer']);
    // tld answers for com., not for the root.
    const hint = after(
      'home-to-web',
      (t) => (dev<ServerDevice>(t, 'resolver').roles.dns!.rootHints[0].address = '198.51.100.34'),
    );
    expect(summary(hint)).toEqual(['warning dns-root-hint-not-root resolver']);
    expect(hint[0].path).toEqual(['roles', 'dns', 'rootHints', 0, 'address']);
    // web's gateway fw .65 is in its subnet, but web is cabled to a switch fw is not on.
    const segment = after('home-to-web', (t) => {
      t.devices.push({
        kind: 'switch',
        id: 'island',
        name: 'island',
        position: { x: 0, y: 0 },
        interfaces: [{ name: 'p1', mac: '02:aa:00:00:00:01', mode: 'none' }],
      });
      t.links[9] = { id: 'l10', a: { device: 'island', interface: 'p1' }, b: { device: 'web', interface: 'eth0' } };
    });
    expect(summary(segment)).toEqual(['warning gateway-not-on-segment web']);
    const origin = after(
      'home-to-web-with-cache',
      (t) => (dev<ServerDevice>(t, 'cache').roles.cache!.origin = '203.0.113.65'),
    );
    expect(summary(origin)).toEqual(['warning cache-origin-not-web cache']);
  });

  it('static route via a next hop that is not on a connected subnet', () => {
    const problems = after('home-to-web', (t) =>
      dev<RouterDevice>(t, 'core').routes.push({ destination: '10.0.0.0/8', nextHop: '10.9.9.9' }),
    );
    expect(summary(problems)).toEqual(['error route-next-hop-not-connected core']);
    expect(problems[0].path).toEqual(['routes', 2, 'nextHop']);
  });

  it('route destination with host bits', () => {
    const problems = after(
      'home-to-web',
      (t) => (dev<RouterDevice>(t, 'core').routes[0].destination = '203.0.113.70/27'),
    );
    expect(summary(problems)).toEqual(['warning route-destination-host-bits core']);
    expect(problems[0].params.network).toBe('203.0.113.64/27');
  });

  it('link to a missing device and to a missing interface', () => {
    const missingDevice = after('small-lan', (t) => (t.links[2].b.device = 'ghost'));
    expect(summary(missingDevice)).toEqual(['error link-missing-device  l3']);
    expect(missingDevice[0].path).toEqual(['b', 'device']);
    const missingInterface = after('small-lan', (t) => (t.links[2].b.interface = 'p99'));
    expect(summary(missingInterface)).toEqual(['error link-missing-interface  l3']);
  });

  it('an interface used by two links', () => {
    const problems = after('small-lan', (t) => (t.links[1].b.interface = 'p1'));
    expect(summary(problems)).toEqual(['error interface-linked-twice sw l2']);
    expect(problems[0].params).toMatchObject({ link: 'l1', otherLink: 'l2', interface: 'p1' });
  });

  it('a link from a device to itself', () => {
    const problems = after('home-to-web', (t) =>
      t.links.push({ id: 'loop', a: { device: 'core', interface: 'eth5' }, b: { device: 'core', interface: 'eth6' } }),
    );
    expect(summary(problems)).toContain('error link-self  loop');
    const valid = after('small-lan', (t) =>
      t.links.push({ id: 'loop', a: { device: 'sw', interface: 'p7' }, b: { device: 'sw', interface: 'p8' } }),
    );
    expect(summary(valid)).toEqual(['error link-self  loop']);
  });

  it('hosts and servers with nothing connected', () => {
    expect(summary(after('small-lan', (t) => t.links.splice(1, 1)))).toEqual(['warning device-not-connected bob']);
  });

  it('two subnets on one layer-2 segment', () => {
    const problems = after('small-lan', (t) => (dev(t, 'bob').interfaces[0].address = '192.168.2.11/24'));
    expect(summary(problems)).toEqual(['warning subnet-mismatch bob']);
    expect(problems[0].params).toMatchObject({ otherDevice: 'alice', otherAddress: '192.168.1.10/24' });
  });

  it('a DHCP client with no DHCP server on its segment', () => {
    const problems = after('home-to-web', (t) => delete dev<RouterDevice>(t, 'home').dhcp);
    expect(summary(problems)).toEqual(['warning dhcp-no-server pc']);
  });

  it('DHCP server: unknown interface, unaddressed interface, pool outside, reversed, covering the server, stray gateway', () => {
    const dhcp = (t: Topology) => dev<RouterDevice>(t, 'home').dhcp!;
    expect(summary(after('home-to-web', (t) => (dhcp(t).interface = 'eth9')))).toEqual([
      'warning dhcp-no-server pc',
      'error dhcp-interface-unknown home',
    ]);
    expect(summary(after('home-to-web', (t) => (dhcp(t).poolEnd = '192.168.1.20')))).toEqual([
      'error dhcp-pool-outside-subnet home',
    ]);
    const reversed = after('home-to-web', (t) =>
      Object.assign(dhcp(t), { poolStart: '192.168.0.199', poolEnd: '192.168.0.100' }),
    );
    expect(summary(reversed)).toEqual(['error dhcp-pool-reversed home']);
    expect(reversed[0].path).toEqual(['dhcp', 'poolStart']);
    expect(summary(after('home-to-web', (t) => (dhcp(t).poolStart = '192.168.0.1')))).toEqual([
      'warning dhcp-pool-includes-server home',
    ]);
    expect(summary(after('home-to-web', (t) => (dhcp(t).gateway = '10.0.0.1')))).toEqual([
      'warning dhcp-gateway-outside-subnet home',
      'warning gateway-not-router home',
    ]);
    const server = after('small-lan', (t) => {
      const web = dev<ServerDevice>(t, 'web');
      web.interfaces[0].mode = 'dhcp';
      delete web.interfaces[0].address;
      web.roles.dhcp = { interface: 'eth0', poolStart: '192.168.1.100', poolEnd: '192.168.1.150', leaseSeconds: 3600 };
    });
    expect(summary(server)).toEqual(['error dhcp-interface-no-address web']);
    expect(server[0].path).toEqual(['roles', 'dhcp', 'interface']);
  });

  it('NAT naming unknown interfaces', () => {
    const problems = after(
      'home-to-web',
      (t) => (dev<RouterDevice>(t, 'home').nat = { outside: 'wan', inside: ['eth0', 'lan2'] }),
    );
    expect(summary(problems)).toEqual(['error nat-outside-unknown home', 'error nat-inside-unknown home']);
    expect(problems[1].path).toEqual(['nat', 'inside', 1]);
  });

  it('firewall outside naming an unknown interface, and a port on a non-TCP/UDP rule', () => {
    expect(summary(after('home-to-web', (t) => (dev<FirewallDevice>(t, 'fw').outside = 'eth7')))).toEqual([
      'error firewall-outside-unknown fw',
    ]);
    expect(summary(after('home-to-web', (t) => (dev<FirewallDevice>(t, 'fw').rules[0].protocol = 'icmp')))).toEqual([
      'warning firewall-port-without-protocol fw',
    ]);
  });

  it('DNS: record outside its zone, invalid values, duplicate zones', () => {
    const zone = (t: Topology, id: string) => dev<ServerDevice>(t, id).roles.dns!.zones[0];
    const outside = after('home-to-web', (t) =>
      zone(t, 'auth').records.push({ name: 'www.example.org.', type: 'A', ttl: 60, value: '203.0.113.80' }),
    );
    expect(summary(outside)).toEqual(['error dns-record-outside-zone auth']);
    expect(outside[0].path).toEqual(['roles', 'dns', 'zones', 0, 'records', 4, 'name']);
    expect(summary(after('home-to-web', (t) => (zone(t, 'auth').records[3].value = 'www.example.net.')))).toEqual([
      'error dns-record-value-invalid auth',
    ]);
    expect(summary(after('home-to-web', (t) => (zone(t, 'auth').records[0].value = 'ns1.example.com.')))).toEqual([
      'error dns-record-value-invalid auth',
    ]);
    expect(summary(after('home-to-web', (t) => (zone(t, 'auth').records[1].value = '198.51.100.66')))).toEqual([
      'error dns-record-value-invalid auth',
    ]);
    const dup = after('home-to-web', (t) => {
      const dns = dev<ServerDevice>(t, 'auth').roles.dns!;
      dns.zones.push(structuredClone(dns.zones[0]));
    });
    expect(summary(dup)).toEqual(['error dns-zone-duplicate auth']);
  });

  it('DNS: a recursive resolver without root hints', () => {
    const problems = after('home-to-web', (t) => (dev<ServerDevice>(t, 'resolver').roles.dns!.rootHints = []));
    expect(summary(problems)).toEqual(['warning dns-no-root-hints resolver']);
  });

  it('DNS: an in-bailiwick delegation without glue (but out-of-bailiwick needs none)', () => {
    const problems = after('home-to-web', (t) => zone(t).records.splice(4, 1));
    expect(summary(problems)).toEqual(['error dns-delegation-without-glue tld']);
    expect(problems[0].message).toBe(
      'tld: zone com. delegates example.com. to ns1.example.com., a name inside example.com. itself, but has no glue A record for it.',
    );
    // The root's delegation of com. to a.gtld-servers.net. (under net.) would resolve without glue.
    expect(after('home-to-web', (t) => dev<ServerDevice>(t, 'root').roles.dns!.zones[0].records.splice(4, 1))).toEqual(
      [],
    );
    function zone(t: Topology) {
      return dev<ServerDevice>(t, 'tld').roles.dns!.zones[0];
    }
  });
});

describe('loops and exhausted pools', () => {
  it('two caches fetching from each other: a warning on the first, naming the cycle', () => {
    const problems = after('home-to-web-with-cache', (t) => {
      dev<ServerDevice>(t, 'web').roles = {
        cache: { port: 80, origin: '203.0.113.90', originPort: 80, maxAgeSeconds: 60 },
      };
    });
    expect(summary(problems)).toEqual(['warning cache-loop web']);
    expect(problems[0].message).toBe(
      'web: the caches web → cache → web fetch from each other in a loop; a request would go round until one of them notices its own name in Via.',
    );
    expect(problems[0].path).toEqual(['roles', 'cache', 'origin']);
  });

  it('a cache fetching from itself is a loop too; a cache in front of a cache in front of a web server is not', () => {
    expect(
      summary(
        after('home-to-web-with-cache', (t) => (dev<ServerDevice>(t, 'cache').roles.cache!.origin = '203.0.113.90')),
      ),
    ).toEqual(['warning cache-loop cache']);
    const chain = after('home-to-web-with-cache', (t) => {
      const web = dev<ServerDevice>(t, 'web');
      web.roles.cache = { port: 8080, origin: '203.0.113.80', originPort: 80, maxAgeSeconds: 60 };
      dev<ServerDevice>(t, 'cache').roles.cache!.originPort = 8080;
    });
    expect(summary(chain)).toEqual([]);
  });

  it('a DHCP pool whose every address is used statically: a warning naming the device that holds it', () => {
    const problems = after('home-to-web', (t) => {
      const home = dev<RouterDevice>(t, 'home');
      home.dhcp!.poolStart = '192.168.0.100';
      home.dhcp!.poolEnd = '192.168.0.100';
      const pc = dev<HostDevice>(t, 'pc');
      pc.interfaces[0] = { ...pc.interfaces[0], mode: 'static', address: '192.168.0.100/24' };
    });
    expect(summary(problems)).toEqual(['warning dhcp-pool-used-statically home']);
    expect(problems[0].message).toBe(
      'home: every address of the DHCP pool 192.168.0.100–192.168.0.100 is already used statically: 192.168.0.100 (pc); no client can get one.',
    );
    // One address of a hundred in use: the pool still has free addresses (a server skips a used one).
    expect(
      summary(
        after(
          'home-to-web',
          (t) =>
            (dev<HostDevice>(t, 'pc').interfaces[0] = {
              ...dev<HostDevice>(t, 'pc').interfaces[0],
              mode: 'static',
              address: '192.168.0.100/24',
            }),
        ),
      ),
    ).not.toContain('warning dhcp-pool-used-statically home');
  });
});

describe('certificates', () => {
  const ca = () => makeAuthority('home-to-web', 'home-to-web CA');
  const web = (t: Topology) => dev<ServerDevice>(t, 'web').roles.web!;

  it('a certificate for another name warns, naming the site and the names it has', () => {
    const problems = after(
      'home-to-web',
      (t) => (web(t).tls = issueServerCertificate(ca(), 'web', ['shop.example.com'])),
    );
    expect(summary(problems)).toEqual(['warning tls-certificate-name web']);
    expect(problems[0].message).toBe(
      'web: the certificate names shop.example.com, not the site www.example.com; browsers will refuse it for that site (NET::ERR_CERT_COMMON_NAME_INVALID).',
    );
    expect(problems[0].path).toEqual(['roles', 'web', 'tls', 'certificate']);
    // A wildcard covers one label.
    expect(
      summary(after('home-to-web', (t) => (web(t).tls = issueServerCertificate(ca(), 'web', ['*.example.com'])))),
    ).toEqual([]);
  });

  it('an expired certificate warns with its dates and the simulated date', () => {
    const problems = after(
      'home-to-web',
      (t) =>
        (web(t).tls = issueServerCertificate(ca(), 'web', ['www.example.com'], {
          notBefore: Date.UTC(2025, 0, 1),
          notAfter: Date.UTC(2026, 0, 1),
        })),
    );
    expect(summary(problems)).toEqual(['warning tls-certificate-expired web']);
    expect(problems[0].message).toContain('from 2025-01-01 to 2026-01-01, but the simulated date is 2026-11-21');
  });

  it('a certificate from an authority the network does not have warns; a host trusting an unknown id warns', () => {
    const other = makeAuthority('elsewhere', 'Elsewhere CA');
    const problems = after(
      'home-to-web',
      (t) => (web(t).tls = issueServerCertificate(other, 'web', ['www.example.com'])),
    );
    expect(summary(problems)).toEqual(['warning tls-certificate-untrusted web']);
    expect(problems[0].params.issuer).toBe('Elsewhere CA');
    expect(summary(after('home-to-web', (t) => (dev<HostDevice>(t, 'pc').trustedAuthorities = ['nope'])))).toEqual([
      'warning tls-trust-unknown pc',
    ]);
    expect(
      summary(after('home-to-web', (t) => (dev<HostDevice>(t, 'pc').trustedAuthorities = ['home-to-web']))),
    ).toEqual([]);
  });

  it("unreadable certificates and keys, and a key that is not the certificate's, are errors", () => {
    expect(summary(after('home-to-web', (t) => (web(t).tls!.certificate = 'AAAA')))).toEqual([
      'error tls-certificate-unreadable web',
    ]);
    const otherKey = issueServerCertificate(ca(), 'web', ['other.example.com']).key;
    expect(summary(after('home-to-web', (t) => (web(t).tls!.key = otherKey)))).toEqual([
      'error tls-certificate-unreadable web',
    ]);
    const problems = after('home-to-web', (t) => (t.authorities![0].key = otherKey));
    // The authority's key no longer matches its certificate; the web certificate is still signed by that certificate.
    expect(summary(problems)).toEqual(['error tls-authority-unreadable ']);
    expect(problems[0].path).toEqual(['authorities', 0]);
  });

  it('issuing is deterministic: the same names give the same bytes, other names other bytes', () => {
    expect(issueServerCertificate(ca(), 'web', ['www.example.com'])).toEqual(
      issueServerCertificate(ca(), 'web', ['www.example.com']),
    );
    expect(issueServerCertificate(ca(), 'web', ['a.example.com']).certificate).not.toBe(
      issueServerCertificate(ca(), 'web', ['b.example.com']).certificate,
    );
    expect(makeAuthority('x', 'X CA')).toEqual(makeAuthority('x', 'X CA'));
  });
});

describe('coverage', () => {
  // Runs after the tests above (vitest keeps file order): every message key must have been produced by one of them.
  it('every problem code has a test that produces it', () => {
    expect(Object.keys(en).filter((code) => !codesSeen.has(code))).toEqual([]);
  });
});

describe('messages', () => {
  it('English and Korean have the same keys and the same placeholders', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (s: string) => [...new Set(s.match(/\{\{\w+\}\}/g) ?? [])].sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      // Korean may leave out a placeholder that is implicit in the sentence, but never invent one.
      for (const p of placeholders(ko[key])) expect(placeholders(en[key]), `${key} ${p}`).toContain(p);
    }
  });

  it('interpolates {{param}} like i18next and leaves unknown ones visible', () => {
    expect(interpolate('{{a}} and {{ b }} and {{c}}', { a: 1, b: 'x' })).toBe('1 and x and {{c}}');
  });

  it('every message a check produces is fully interpolated', () => {
    const t = load('home-to-web');
    t.devices.push(structuredClone(dev(t, 'web')));
    t.links.push({ id: 'lx', a: { device: 'nowhere', interface: 'eth0' }, b: { device: 'web', interface: 'eth0' } });
    const problems = checkTopology(t);
    expect(problems.length).toBeGreaterThan(2);
    for (const p of problems) expect(p.message).not.toMatch(/\{\{/);
  });
});

describe('scale', () => {
  it('checks a generated 5,000-device campus and finds exactly the planted mistakes', () => {
    const t = generateCampus(5000);
    expect(t.devices).toHaveLength(5000);
    expect(checkTopology(t)).toEqual([]);
    const host = t.devices.find((d) => d.kind === 'host' && d.interfaces[0].address) as HostDevice;
    const other = t.devices.filter((d) => d.kind === 'host')[1234] as HostDevice;
    other.interfaces[0].address = host.interfaces[0].address;
    expect(summary(checkTopology(t)).filter((s) => s.includes('duplicate-ip'))).toHaveLength(2);
  });
});
