// The sample networks, built in code so that their addresses, MACs and canonical bytes are reproducible.
// resources/samples/*.packetjourney are these, serialized (`npm run samples` rewrites them after a change here);
// samples.test.ts fails if a file drifts from here.
import { issueServerCertificate, makeAuthority } from './certificates';
import { defaultMac } from './mac';
import { CURRENT_VERSION, FILE_FORMAT } from './schema';
import type {
  Device,
  DnsRecord,
  DnsZone,
  FirewallDevice,
  HostDevice,
  Link,
  NetInterface,
  Position,
  RouterDevice,
  ServerDevice,
  ServerRoles,
  SwitchDevice,
  Topology,
  WebSite,
} from './schema';

import type { SampleName } from './sample-names';

/** Interfaces `eth0…` from a list of addresses (undefined = DHCP). */
function ethernet(id: string, addresses: (string | undefined)[]): NetInterface[] {
  return addresses.map((address, index) =>
    address === undefined
      ? { name: `eth${index}`, mac: defaultMac(id, index), mode: 'dhcp' }
      : { name: `eth${index}`, mac: defaultMac(id, index), mode: 'static', address },
  );
}

function switchPorts(id: string, count = 8): NetInterface[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `p${index + 1}`,
    mac: defaultMac(id, index),
    mode: 'none' as const,
  }));
}

function host(
  id: string,
  position: Position,
  address: string | undefined,
  extra: Partial<HostDevice> = {},
): HostDevice {
  return { kind: 'host', id, name: id, position, interfaces: ethernet(id, [address]), hosts: [], ...extra };
}

function sw(id: string, position: Position): SwitchDevice {
  return { kind: 'switch', id, name: id, position, interfaces: switchPorts(id) };
}

function router(id: string, position: Position, addresses: string[], extra: Partial<RouterDevice>): RouterDevice {
  return { kind: 'router', id, name: id, position, interfaces: ethernet(id, addresses), routes: [], ...extra };
}

function server(
  id: string,
  position: Position,
  address: string,
  gateway: string | undefined,
  roles: ServerRoles,
): ServerDevice {
  const interfaces = ethernet(id, [address]);
  return gateway === undefined
    ? { kind: 'server', id, name: id, position, interfaces, hosts: [], roles }
    : { kind: 'server', id, name: id, position, interfaces, gateway, hosts: [], roles };
}

function link(index: number, a: string, aInterface: string, b: string, bInterface: string): Link {
  return { id: `l${index}`, a: { device: a, interface: aInterface }, b: { device: b, interface: bInterface } };
}

const rr = (name: string, type: DnsRecord['type'], ttl: number, value: string): DnsRecord => ({
  name,
  type,
  ttl,
  value,
});

function authoritative(zone: DnsZone): ServerRoles {
  return { dns: { recursive: false, rootHints: [], zones: [zone] } };
}

function page(title: string, heading: string, text: string): string {
  return [
    '<!doctype html>',
    '<html>',
    '<head>',
    `<title>${title}</title>`,
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '</head>',
    '<body>',
    `<h1>${heading}</h1>`,
    `<p>${text}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const EXAMPLE_PAGE = page(
  'Example Domain',
  'Example Domain',
  'This domain is for use in illustrative examples in documents. You reached it through a home router, an ISP, ' +
    'three DNS servers and a firewall.',
);

/** home-to-web-page's www page: the same words, with a stylesheet and three images (one from static.example.com). */
const PAGE_WITH_PICTURES = [
  '<!doctype html>',
  '<html>',
  '<head>',
  '<title>Example Domain</title>',
  '<meta charset="utf-8">',
  '<link rel="stylesheet" href="/style.css">',
  '</head>',
  '<body>',
  '<img src="/logo.png" alt="Example logo" width="64" height="64">',
  '<h1>Example Domain</h1>',
  '<p>This page needs four more files: a stylesheet and two images from www.example.com, one image from static.example.com.</p>',
  '<img src="/photo.png" alt="A photo" width="640" height="360">',
  '<img src="http://static.example.com/banner.png" alt="A banner" width="728" height="90">',
  '</body>',
  '</html>',
  '',
].join('\n');
const PAGE_STYLE = 'body { font-family: sans-serif; max-width: 40em; margin: 2em auto }\nimg { display: block }\n';

// Columns of the left-to-right journey, ≈ 180 px apart so the whole path fits on a slide.
const col = (i: number) => i * 180;
const ROW = 0;

/** The network's own certificate authority: pc trusts it (every host trusts the network's authorities by default). */
const HOME_TO_WEB_CA = makeAuthority('home-to-web', 'home-to-web CA');

function homeToWeb(withCache: boolean, https: 'also' | 'redirect' = 'also', pictures = false): Topology {
  const webAddress = '203.0.113.80';
  const cacheAddress = '203.0.113.90';
  const wwwAddress = withCache ? cacheAddress : webAddress;

  const devices: Device[] = [
    host('pc', { x: col(0), y: ROW }, undefined),
    sw('sw', { x: col(1), y: ROW }),
    router('home', { x: col(2), y: ROW }, ['192.168.0.1/24', '203.0.113.2/30'], {
      routes: [{ destination: '0.0.0.0/0', nextHop: '203.0.113.1' }],
      nat: { outside: 'eth1', inside: ['eth0'] },
      dhcp: {
        interface: 'eth0',
        poolStart: '192.168.0.100',
        poolEnd: '192.168.0.199',
        gateway: '192.168.0.1',
        dnsServer: '198.51.100.53',
        leaseSeconds: 86400,
      },
    }),
    router('isp', { x: col(3), y: ROW }, ['203.0.113.1/30', '198.51.100.54/30', '198.51.100.1/30'], {
      routes: [{ destination: '0.0.0.0/0', nextHop: '198.51.100.2' }],
    }),
    server('resolver', { x: col(3), y: ROW + 180 }, '198.51.100.53/30', '198.51.100.54', {
      dns: { recursive: true, rootHints: [{ name: 'a.root-servers.net', address: '198.51.100.18' }], zones: [] },
    }),
    router(
      'core',
      { x: col(4), y: ROW },
      ['198.51.100.2/30', '198.51.100.17/30', '198.51.100.33/30', '198.51.100.65/30', '203.0.113.5/30'],
      {
        routes: [
          { destination: '203.0.113.64/27', nextHop: '203.0.113.6' },
          { destination: '0.0.0.0/0', nextHop: '198.51.100.1' },
        ],
      },
    ),
    server(
      'root',
      { x: col(3), y: ROW - 180 },
      '198.51.100.18/30',
      '198.51.100.17',
      authoritative({
        origin: '.',
        records: [
          rr('.', 'SOA', 86400, 'a.root-servers.net. nstld.verisign-grs.com. 2026112100 1800 900 604800 86400'),
          rr('.', 'NS', 518400, 'a.root-servers.net.'),
          rr('a.root-servers.net.', 'A', 518400, '198.51.100.18'),
          rr('com.', 'NS', 172800, 'a.gtld-servers.net.'),
          rr('a.gtld-servers.net.', 'A', 172800, '198.51.100.34'),
        ],
      }),
    ),
    server(
      'tld',
      { x: col(4), y: ROW - 180 },
      '198.51.100.34/30',
      '198.51.100.33',
      authoritative({
        origin: 'com.',
        records: [
          rr('com.', 'SOA', 900, 'a.gtld-servers.net. nstld.verisign-grs.com. 2026112100 1800 900 604800 86400'),
          rr('com.', 'NS', 172800, 'a.gtld-servers.net.'),
          rr('a.gtld-servers.net.', 'A', 172800, '198.51.100.34'),
          rr('example.com.', 'NS', 172800, 'ns1.example.com.'),
          rr('ns1.example.com.', 'A', 172800, '198.51.100.66'),
        ],
      }),
    ),
    server(
      'auth',
      { x: col(5), y: ROW - 180 },
      '198.51.100.66/30',
      '198.51.100.65',
      authoritative({
        origin: 'example.com.',
        records: [
          rr('example.com.', 'SOA', 3600, 'ns1.example.com. hostmaster.example.com. 2026112100 7200 3600 1209600 3600'),
          rr('example.com.', 'NS', 86400, 'ns1.example.com.'),
          rr('ns1.example.com.', 'A', 86400, '198.51.100.66'),
          rr('www.example.com.', 'A', 3600, wwwAddress),
          ...(pictures ? [rr('static.example.com.', 'A', 3600, webAddress)] : []),
        ],
      }),
    ),
    firewallDevice(withCache),
  ];

  const site: WebSite = {
    hostname: 'www.example.com',
    pages: [{ path: '/', status: 200, contentType: 'text/html; charset=utf-8', body: EXAMPLE_PAGE }],
  };
  const sites = [site];
  if (pictures) {
    // The page's sub-resources: the images keep only their size (the server makes valid PNGs of it).
    site.pages = [
      { path: '/', status: 200, contentType: 'text/html; charset=utf-8', body: PAGE_WITH_PICTURES },
      { path: '/style.css', status: 200, contentType: 'text/css', body: PAGE_STYLE },
      { path: '/logo.png', status: 200, contentType: 'image/png', body: '', size: 2400 },
      { path: '/photo.png', status: 200, contentType: 'image/png', body: '', size: 6000 },
    ];
    sites.push({
      hostname: 'static.example.com',
      pages: [{ path: '/banner.png', status: 200, contentType: 'image/png', body: '', size: 1800 }],
    });
  }
  // http://www.example.com/ on port 80 as always; https:// on 443 with a certificate from the network's authority.
  // The https sample also sends http:// to https:// (301) and asks the browser to remember it (HSTS, one year).
  if (https === 'redirect') Object.assign(site, { httpsRedirect: true, hstsMaxAgeSeconds: 31536000 });
  const web = server(
    'web',
    { x: col(withCache ? 7 : 6), y: withCache ? ROW - 90 : ROW },
    `${webAddress}/27`,
    '203.0.113.65',
    {
      web: withCache
        ? { port: 80, sites }
        : {
            port: 80,
            sites,
            tls: issueServerCertificate(
              HOME_TO_WEB_CA,
              'web',
              sites.map((x) => x.hostname),
            ),
          },
    },
  );

  const links: Link[] = [
    link(1, 'pc', 'eth0', 'sw', 'p1'),
    link(2, 'sw', 'p2', 'home', 'eth0'),
    link(3, 'home', 'eth1', 'isp', 'eth0'),
    link(4, 'isp', 'eth1', 'resolver', 'eth0'),
    link(5, 'isp', 'eth2', 'core', 'eth0'),
    link(6, 'core', 'eth1', 'root', 'eth0'),
    link(7, 'core', 'eth2', 'tld', 'eth0'),
    link(8, 'core', 'eth3', 'auth', 'eth0'),
    link(9, 'core', 'eth4', 'fw', 'eth0'),
  ];

  if (withCache) {
    devices.push(
      sw('dmz', { x: col(6), y: ROW }),
      web,
      server('cache', { x: col(7), y: ROW + 90 }, `${cacheAddress}/27`, '203.0.113.65', {
        // The cache terminates https:// for www.example.com and fetches from web over plain http on the DMZ.
        cache: {
          port: 80,
          origin: webAddress,
          originPort: 80,
          maxAgeSeconds: 60,
          tls: issueServerCertificate(HOME_TO_WEB_CA, 'cache', ['www.example.com']),
        },
      }),
    );
    links.push(
      link(10, 'fw', 'eth1', 'dmz', 'p1'),
      link(11, 'web', 'eth0', 'dmz', 'p2'),
      link(12, 'cache', 'eth0', 'dmz', 'p3'),
    );
  } else {
    devices.push(web);
    links.push(link(10, 'fw', 'eth1', 'web', 'eth0'));
  }

  const description = pictures
    ? 'The home-to-web journey with a page that needs more files: a stylesheet and two images from ' +
      'www.example.com and an image from static.example.com (the same server). The browser fetches them as ' +
      'Chromium does, over up to 6 parallel connections per host, reusing the kept-alive one.'
    : withCache
      ? 'The home-to-web journey with an HTTP cache in front of the web server: www.example.com points at the cache, ' +
        'which fetches from the web server on a miss and answers from memory for 60 seconds. ' +
        'https://www.example.com/ works too: the cache has a certificate from the home-to-web CA and fetches from web ' +
        'over plain http.'
      : https === 'redirect'
        ? 'The home-to-web journey over HTTPS: web answers http://www.example.com/ with a redirect to https:// and ' +
          'asks the browser to remember it (HSTS); the page comes over TLS 1.3 with a certificate from the home-to-web CA.'
        : 'A PC at home gets an address by DHCP, resolves www.example.com through a recursive resolver (root, com., ' +
          'example.com.), and fetches the page through its NAT router, an ISP, a core router and a firewall. ' +
          'https://www.example.com/ works too: web has a certificate from the home-to-web CA, which pc trusts.';
  const topology: Topology = {
    format: FILE_FORMAT,
    version: CURRENT_VERSION,
    name: pictures
      ? 'Home to web, a page with images'
      : withCache
        ? 'Home to web, with a cache'
        : https === 'redirect'
          ? 'Home to web over HTTPS'
          : 'Home to web',
    description,
    devices,
    links,
    authorities: [HOME_TO_WEB_CA],
  };
  return topology;
}

function firewallDevice(withCache: boolean): FirewallDevice {
  const toWeb = { action: 'allow', direction: 'in', protocol: 'tcp', source: 'any', port: 80 } as const;
  return {
    kind: 'firewall',
    id: 'fw',
    name: 'fw',
    position: { x: col(5), y: ROW },
    interfaces: ethernet('fw', ['203.0.113.6/30', '203.0.113.65/27']),
    routes: [{ destination: '0.0.0.0/0', nextHop: '203.0.113.5' }],
    outside: 'eth0',
    stateful: true,
    rules: withCache
      ? [
          { id: 'r1', ...toWeb, destination: '203.0.113.90/32', comment: 'web to the cache' },
          {
            id: 'r2',
            action: 'allow',
            direction: 'out',
            protocol: 'any',
            source: 'any',
            destination: 'any',
            comment: 'LAN may go out',
          },
          { id: 'r3', ...toWeb, destination: '203.0.113.80/32', comment: 'web to the server' },
          { id: 'r4', ...toWeb, port: 443, destination: '203.0.113.90/32', comment: 'https to the cache' },
        ]
      : [
          { id: 'r1', ...toWeb, destination: '203.0.113.80/32', comment: 'web to the server' },
          {
            id: 'r2',
            action: 'allow',
            direction: 'out',
            protocol: 'any',
            source: 'any',
            destination: 'any',
            comment: 'LAN may go out',
          },
          { id: 'r3', ...toWeb, port: 443, destination: '203.0.113.80/32', comment: 'https to the server' },
        ],
    defaultAction: 'deny',
  };
}

function smallLan(): Topology {
  const webLan = [{ name: 'web.lan', address: '192.168.1.80' }];
  return {
    format: FILE_FORMAT,
    version: CURRENT_VERSION,
    name: 'Small LAN',
    description:
      'Two hosts and a web server on one switch, with static addresses and no router: ' +
      'alice and bob find web.lan in their hosts files.',
    devices: [
      sw('sw', { x: 180, y: 0 }),
      host('alice', { x: 0, y: 180 }, '192.168.1.10/24', { hosts: webLan }),
      host('bob', { x: 180, y: 180 }, '192.168.1.11/24', { hosts: webLan }),
      server('web', { x: 360, y: 180 }, '192.168.1.80/24', undefined, {
        web: {
          port: 80,
          sites: [
            {
              hostname: 'web.lan',
              pages: [
                {
                  path: '/',
                  status: 200,
                  contentType: 'text/html; charset=utf-8',
                  body: page('Small LAN', 'Small LAN', 'Served by web (192.168.1.80) to everyone on this switch.'),
                },
              ],
            },
          ],
        },
      }),
    ],
    links: [
      link(1, 'alice', 'eth0', 'sw', 'p1'),
      link(2, 'bob', 'eth0', 'sw', 'p2'),
      link(3, 'web', 'eth0', 'sw', 'p3'),
    ],
  };
}

export function buildSample(name: SampleName): Topology {
  switch (name) {
    case 'home-to-web':
      return homeToWeb(false);
    case 'home-to-web-with-cache':
      return homeToWeb(true);
    case 'small-lan':
      return smallLan();
    case 'home-to-web-https':
      return homeToWeb(false, 'redirect');
    case 'home-to-web-page':
      return homeToWeb(false, 'also', true);
  }
}
