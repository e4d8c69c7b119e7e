// The one schema of a .packetjourney file. Types, validation, the JSON Schema in resources/ and the canonical key
// order all come from here: the order of keys in each z.object is the order they are written in a saved file.
import { z } from 'zod';

export const FILE_FORMAT = 'packet-journey-topology';
export const CURRENT_VERSION = 2;

const ipv4Pattern = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const cidrPattern = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/;
const macPattern = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
// Lower-case DNS name, absolute (trailing dot) or relative; "." is the root.
const dnsNamePattern = /^(\.|([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?)*\.?)$/;

export const Ipv4 = z.string().regex(ipv4Pattern, 'must be an IPv4 address like 192.168.0.10');
/** An address with its prefix length, e.g. "192.168.0.1/24". */
export const Cidr = z.string().regex(cidrPattern, 'must be an IPv4 address with prefix, like 192.168.0.1/24');
export const Mac = z.string().regex(macPattern, 'must be a MAC address like 02:00:00:aa:bb:cc (lower case)');
export const DnsName = z.string().max(253).regex(dnsNamePattern, 'must be a domain name like www.example.com');
export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _');
export const DeviceName = z
  .string()
  .min(1, 'must not be empty')
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must start with a letter or digit and use letters, digits, -, _ or .');
export const InterfaceName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,31}$/, 'must be a name like eth0');
const Port = z.number().int().min(1).max(65535);

export const Position = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

export const NetInterface = z.strictObject({
  name: InterfaceName,
  mac: Mac,
  /** static: `address` is used; dhcp: the device asks a DHCP server; none: layer-2 only (switch ports). */
  mode: z
    .enum(['static', 'dhcp', 'none'])
    .describe('static: `address` is used; dhcp: the device asks a DHCP server; none: layer-2 only (switch ports)'),
  address: Cidr.optional().describe('The interface address with its prefix length, e.g. 192.168.0.10/24 (static mode)'),
});

export const HostsEntry = z.strictObject({ name: DnsName, address: Ipv4 });

export const Route = z.strictObject({
  /** "0.0.0.0/0" is the default route. */
  destination: Cidr.describe('Destination prefix; 0.0.0.0/0 is the default route'),
  nextHop: Ipv4,
});

export const DhcpServerConfig = z.strictObject({
  /** The interface the server answers on. */
  interface: InterfaceName.describe('The interface the DHCP server answers on'),
  poolStart: Ipv4,
  poolEnd: Ipv4,
  gateway: Ipv4.optional(),
  dnsServer: Ipv4.optional(),
  leaseSeconds: z.number().int().min(60).max(31536000),
  /** dnsmasq's default: ping an address (ICMP echo) and wait about 3 s before offering it. Absent means on. */
  pingCheck: z
    .boolean()
    .optional()
    .describe(
      "Ping an address and wait before offering it, as dnsmasq does (absent: on); off: offer at once, the textbook's DHCP",
    ),
});

export const NatConfig = z.strictObject({
  /** The interface whose address hides the inside hosts (NAPT, "masquerade"). */
  outside: InterfaceName.describe('The interface whose address hides the inside hosts (NAPT)'),
  inside: z.array(InterfaceName),
});

export const FirewallRule = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  action: z.enum(['allow', 'deny']),
  /** in: entering through the firewall's outside interface; out: entering through any other; any: both. */
  direction: z
    .enum(['in', 'out', 'any'])
    .describe("in: entering through the firewall's outside interface; out: entering through any other; any: both"),
  protocol: z.enum(['any', 'tcp', 'udp', 'icmp']),
  /** "any" or a prefix. */
  source: z.union([z.literal('any'), Cidr]),
  destination: z.union([z.literal('any'), Cidr]),
  /** Destination port (tcp/udp only); absent means any port. */
  port: Port.optional().describe('Destination port (tcp/udp only); absent means any port'),
  comment: z.string().max(200).optional(),
});

export const DnsRecord = z.strictObject({
  /** Owner name, absolute with trailing dot, e.g. "www.example.com.". */
  name: DnsName.describe('Owner name, absolute with a trailing dot, e.g. www.example.com.'),
  type: z.enum(['A', 'NS', 'SOA', 'CNAME']),
  ttl: z.number().int().min(0).max(2147483647),
  /** A: an IPv4 address; NS/CNAME: a name; SOA: "mname rname serial refresh retry expire minimum". */
  value: z
    .string()
    .min(1)
    .max(512)
    .describe('A: an IPv4 address; NS/CNAME: a name; SOA: "mname rname serial refresh retry expire minimum"'),
});

export const DnsZone = z.strictObject({
  /** The zone apex, absolute: ".", "com.", "example.com.". */
  origin: DnsName.describe('The zone apex, absolute: ".", "com.", "example.com."'),
  records: z.array(DnsRecord),
});

export const DnsRole = z.strictObject({
  /** Recursive resolvers answer clients by asking root, TLD and authoritative servers in turn. */
  recursive: z
    .boolean()
    .describe('A recursive resolver answers clients by asking root, TLD and authoritative servers in turn'),
  rootHints: z.array(HostsEntry),
  zones: z.array(DnsZone),
  /** unbound's default (RFC 9156): each server is asked only about the next label, with type A. Absent means on. */
  qnameMinimisation: z
    .boolean()
    .optional()
    .describe(
      'QNAME minimisation as unbound does it (absent: on); off: every server is asked the full name, the textbook',
    ),
  /** unbound's default: ask a root hint for the root's servers (". NS") before the first recursion. Absent means on. */
  primeRoot: z
    .boolean()
    .optional()
    .describe('Prime the root (". NS" to a root hint) before the first recursion, as unbound does (absent: on)'),
  /** NSD's minimal-responses option: off (NSD's default) adds the zone's NS and their addresses to answers. */
  minimalResponses: z
    .boolean()
    .optional()
    .describe(
      "NSD's minimal-responses: answers carry only the answer (absent: off, NSD's default: the zone's NS and their addresses too)",
    ),
});

export const WebPage = z.strictObject({
  path: z.string().regex(/^\/[^\s]*$/, 'must start with / and contain no spaces'),
  status: z.number().int().min(100).max(599),
  contentType: z.string().min(1).max(100),
  body: z.string().max(65536),
  /**
   * A sub-resource that is large or binary (an image) keeps only its size in the file: the server sends a body of
   * exactly this many bytes, generated from the content type and path (a valid PNG, GIF or JPEG; text otherwise),
   * the same bytes every time, instead of `body`.
   */
  size: z
    .number()
    .int()
    .min(1)
    .max(1048576)
    .optional()
    .describe(
      'Send a generated body of this many bytes (a valid image of the content type, or text) instead of body (absent: body)',
    ),
  /**
   * nginx's `return STATUS URL` for this path: with a redirect status (301, 302, 303, 307, 308) the answer is
   * Location: this URL — a path is made absolute with the request's scheme and host, as nginx's absolute_redirect
   * does — and nginx's own short page for the status instead of `body`.
   */
  location: z
    .string()
    .min(1)
    .max(2048)
    .regex(/^(?:\/\S*|https?:\/\/\S+)$/, 'must be a path (/…) or an http:// or https:// URL, with no spaces')
    .optional()
    .describe(
      "Redirect: with a 3xx status, answer with Location: this URL or path (nginx's return; absent: no redirect)",
    ),
});

/** Base64 of DER bytes (a certificate) or of a raw key, one line, as the product writes them. */
const Base64 = z
  .string()
  .min(4)
  .max(8192)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 (A–Z, a–z, 0–9, +, /)');
const AuthorityId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 letters, digits, - or _');

/**
 * A certificate authority of this network: its self-signed root certificate and its P-256 key. This is a lab,
 * so the key lives in the file: the product issues the servers' certificates with it.
 */
export const CertificateAuthority = z.strictObject({
  id: AuthorityId,
  certificate: Base64.describe("The authority's self-signed root certificate (X.509 DER, base64)"),
  key: Base64.describe("The authority's P-256 private key (the 32-byte scalar, base64)"),
});

/** What a server needs to speak TLS: the port, its certificate (issued for its names) and that certificate's key. */
export const TlsServerConfig = z.strictObject({
  port: Port.describe('The TLS port (443 for https)'),
  certificate: Base64.describe(
    "The server's certificate (X.509 DER, base64), issued by one of the network's authorities",
  ),
  key: Base64.describe("The certificate's P-256 private key (the 32-byte scalar, base64)"),
  /** nginx's ssl_session_tickets: after the handshake OpenSSL 3 sends two NewSessionTickets either way. */
  sessionTickets: z
    .boolean()
    .optional()
    .describe(
      "nginx's ssl_session_tickets: the two NewSessionTickets after the handshake carry the encrypted session (256 bytes); off: only a session id (32 bytes) (absent: on)",
    ),
});

export const WebSite = z.strictObject({
  hostname: DnsName,
  pages: z.array(WebPage),
  /** Answer plain http:// with 301 to the same URL on https:// (nginx's `return 301 https://$host$request_uri`). */
  httpsRedirect: z
    .boolean()
    .optional()
    .describe('Answer http:// requests with 301 Moved Permanently to the https:// URL (absent: off)'),
  /** Strict-Transport-Security max-age on https responses: the browser then goes to https by itself. */
  hstsMaxAgeSeconds: z
    .number()
    .int()
    .min(0)
    .max(63072000)
    .optional()
    .describe('Send Strict-Transport-Security with this max-age on https:// responses (absent: no HSTS)'),
});

export const WebRole = z.strictObject({
  port: Port,
  sites: z.array(WebSite),
  /** nginx's keepalive_timeout: an idle keep-alive connection is closed after this many seconds (default 75; 0 = no keep-alive). */
  keepaliveTimeoutSeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .optional()
    .describe(
      "nginx's keepalive_timeout in seconds: an idle keep-alive connection is closed after it (absent: 75; 0: no keep-alive)",
    ),
  /** https: a second listener speaking TLS with this certificate. */
  tls: TlsServerConfig.optional(),
});

export const CacheRole = z.strictObject({
  port: Port,
  /** The origin server's address and port the cache fetches from on a miss. */
  origin: Ipv4,
  originPort: Port,
  maxAgeSeconds: z.number().int().min(0).max(31536000),
  /** The cache terminates TLS: clients speak https to it, it fetches from the origin over plain http. */
  tls: TlsServerConfig.optional(),
});

export const ServerRoles = z.strictObject({
  web: WebRole.optional(),
  dns: DnsRole.optional(),
  dhcp: DhcpServerConfig.optional(),
  cache: CacheRole.optional(),
});

const deviceCommon = {
  id: DeviceId,
  name: DeviceName,
  position: Position,
  interfaces: z.array(NetInterface),
};

/** How the end system's TCP behaves; absent means as Linux 6.x does. */
export const TcpSettings = z.strictObject({
  /** Linux's SYN: MSS, SACK permitted, timestamps, window scale 7, window 64240 (SYN-ACK 65160). Off: the textbook SYN, MSS only, window 65535. */
  linuxOptions: z
    .boolean()
    .describe(
      "Linux's SYN options (MSS, SACK permitted, timestamps, window scale 7, window 64240); off: the textbook SYN with only MSS and window 65535",
    ),
  /** Linux ACKs at once at the start of a connection (quick-ACK). Off: delayed ACK (40 ms), which rides on the answer when one comes first. */
  quickAck: z
    .boolean()
    .describe(
      'ACK received data at once at the start of a connection, as Linux does (quick-ACK); off: a delayed ACK (40 ms) that rides on the answer',
    ),
});

/** How the host's browser fetches; absent means as Chromium does. */
export const BrowserSettings = z.strictObject({
  /** HTTP/1.1 keep-alive: the connection stays open for more requests. Off: the textbook "Connection: close". */
  keepAlive: z
    .boolean()
    .describe('HTTP/1.1 keep-alive: the connection stays open after the response (off: "Connection: close")'),
  /** Chromium opens at most 6 connections per host. */
  maxConnectionsPerHost: z
    .number()
    .int()
    .min(1)
    .max(32)
    .describe('At most this many parallel connections per host (Chromium: 6)'),
  /** The browser's own limit on a connect (Chromium: 240 s; Linux gives up at 131 s before that). */
  connectTimeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(300)
    .describe("The browser's own connect timeout in seconds (Chromium: 240; Linux's kernel gives up at 131 s)"),
  /** Chromium's host cache keeps what the system resolver answered for 60 s; 0: every lookup asks again. Absent: 60. */
  hostCacheSeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .optional()
    .describe(
      "Seconds the browser's own host cache keeps a resolved name (absent: 60, Chromium's); 0: no cache, every fetch asks the resolver (the textbook)",
    ),
});

/** Settings an end system (host or server) uses to reach the world. */
const endSystem = {
  gateway: Ipv4.optional(),
  dnsServer: Ipv4.optional(),
  hosts: z.array(HostsEntry),
  /** glibc's getaddrinfo for any address family: A and AAAA questions together. Absent means on. */
  askAaaa: z
    .boolean()
    .optional()
    .describe("Ask AAAA together with A, as glibc's getaddrinfo does (absent: on); off: one A question, the textbook"),
  tcp: TcpSettings.optional(),
  browser: BrowserSettings.optional(),
  /** The authorities (ids of the network's) whose certificates the browser accepts; absent means all of them. */
  trustedAuthorities: z
    .array(AuthorityId)
    .optional()
    .describe("The network's certificate authorities (by id) this system trusts (absent: all of them; empty: none)"),
};

/** Linux's neighbour cache states (REACHABLE, STALE, DELAY, PROBE). Absent means on; off: ARP entries never age. */
const neighbourStates = z
  .boolean()
  .optional()
  .describe(
    "Linux's ARP states: REACHABLE, STALE, DELAY, PROBE with unicast probes (absent: on); off: an entry, once learned, is trusted for ever",
  );

export const HostDevice = z.strictObject({ kind: z.literal('host'), ...deviceCommon, ...endSystem, neighbourStates });
export const SwitchDevice = z.strictObject({ kind: z.literal('switch'), ...deviceCommon });
export const RouterDevice = z.strictObject({
  kind: z.literal('router'),
  ...deviceCommon,
  routes: z.array(Route),
  nat: NatConfig.optional(),
  dhcp: DhcpServerConfig.optional(),
  neighbourStates,
});
export const FirewallDevice = z.strictObject({
  kind: z.literal('firewall'),
  ...deviceCommon,
  routes: z.array(Route),
  /** Which interface faces the untrusted side: rules' "in" direction means arriving here. */
  outside: InterfaceName.describe(
    'The interface facing the untrusted side: a rule\'s "in" direction means arriving here',
  ),
  /** Return traffic of allowed connections passes without a rule. */
  stateful: z.boolean().describe('Return traffic of allowed connections passes without a rule'),
  rules: z.array(FirewallRule),
  /** What happens to traffic no rule matches. */
  defaultAction: z.enum(['allow', 'deny']).describe('What happens to traffic no rule matches'),
  neighbourStates,
});
export const ServerDevice = z.strictObject({
  kind: z.literal('server'),
  ...deviceCommon,
  ...endSystem,
  roles: ServerRoles,
  neighbourStates,
});

export const Device = z.discriminatedUnion('kind', [
  HostDevice,
  SwitchDevice,
  RouterDevice,
  FirewallDevice,
  ServerDevice,
]);

export const LinkEnd = z.strictObject({ device: DeviceId, interface: InterfaceName });
export const Link = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  a: LinkEnd,
  b: LinkEnd,
});

/** The slide export dialog's last choices for this document, so the next export starts from them. */
export const SlideExportState = z.strictObject({
  format: z.enum(['png', 'svg', 'pdf', 'pptx', 'gif']),
  level: z.number().int().min(1).max(7),
  /** 1-based inclusive range of the level's steps. */
  from: z.number().int().min(1),
  to: z.number().int().min(1),
  theme: z.enum(['light', 'dark', 'print']),
  lang: z.enum(['en', 'ko']),
  size: z.enum(['1280x720', '1920x1080', '2560x1440', '3840x2160']),
});

/** The lesson player export's last choices for this document (the player has no theme or size). */
export const LessonExportState = z.strictObject({
  level: z.number().int().min(1).max(7),
  /** 1-based inclusive range of the level's steps the player is locked to (all of them: not locked). */
  from: z.number().int().min(1),
  to: z.number().int().min(1),
  lang: z.enum(['en', 'ko']),
});

/** One configuration change made between fetches: `path` into the device's JSON, e.g. "rules[0].action". */
export const ConfigChange = z.strictObject({
  /** The device's name or id. */
  device: z.string().min(1).max(64).describe("The device's name or id"),
  path: z
    .string()
    .min(1)
    .max(300)
    .describe("A path into the device's JSON, e.g. rules[0].action or roles.dns.zones[0].records[1].ttl"),
  /** Any JSON value; null removes an optional setting. */
  value: z.json().describe('The new value (any JSON; null removes an optional setting)'),
});

/** What happens before the recorded fetch: earlier fetches from the same host, a pause, then changes. */
export const ReplayScenario = z.strictObject({
  /** Fetched first, in order, from the same host; only the fetch after them is recorded. */
  before: z
    .array(z.string().min(1).max(2048))
    .max(8)
    .describe('URLs fetched first, in order, from the same host; only the fetch after them is recorded'),
  /** Virtual seconds between the end of one fetch and the start of the next (absent: 1). */
  pauseSeconds: z
    .number()
    .min(0)
    .max(604800)
    .optional()
    .describe('Seconds between one fetch and the next: caches, leases and ARP entries age (absent: 1)'),
  /** Made after the fetches before, just before the recorded one. */
  thenSet: z
    .array(ConfigChange)
    .max(16)
    .optional()
    .describe('Configuration changes made after the fetches before, just before the recorded one'),
});

/** Where a replay stands, saved with the file so it reopens at that step. */
export const ReplayState = z.strictObject({
  from: DeviceId,
  url: z.string().max(2048),
  level: z.number().int().min(1).max(7),
  step: z.number().int().min(0),
  warm: z.boolean(),
  seed: z.number().int().min(0).max(4294967295),
  scenario: ReplayScenario.optional(),
  slides: SlideExportState.optional(),
  lesson: LessonExportState.optional(),
});

export const Topology = z.strictObject({
  format: z.literal(FILE_FORMAT),
  version: z.literal(CURRENT_VERSION),
  name: z.string().max(200),
  description: z.string().max(10000).optional(),
  devices: z.array(Device),
  links: z.array(Link),
  /** The network's certificate authorities; its hosts trust them unless their trust list says otherwise. */
  authorities: z.array(CertificateAuthority).optional(),
  replay: ReplayState.optional(),
});

export type ConfigChange = z.infer<typeof ConfigChange>;
export type LessonExportState = z.infer<typeof LessonExportState>;
export type ReplayScenario = z.infer<typeof ReplayScenario>;
export type Position = z.infer<typeof Position>;
export type NetInterface = z.infer<typeof NetInterface>;
export type HostsEntry = z.infer<typeof HostsEntry>;
export type Route = z.infer<typeof Route>;
export type DhcpServerConfig = z.infer<typeof DhcpServerConfig>;
export type NatConfig = z.infer<typeof NatConfig>;
export type FirewallRule = z.infer<typeof FirewallRule>;
export type DnsRecord = z.infer<typeof DnsRecord>;
export type DnsZone = z.infer<typeof DnsZone>;
export type DnsRole = z.infer<typeof DnsRole>;
export type WebPage = z.infer<typeof WebPage>;
export type WebSite = z.infer<typeof WebSite>;
export type WebRole = z.infer<typeof WebRole>;
export type CertificateAuthority = z.infer<typeof CertificateAuthority>;
export type TlsServerConfig = z.infer<typeof TlsServerConfig>;
export type TcpSettings = z.infer<typeof TcpSettings>;
export type BrowserSettings = z.infer<typeof BrowserSettings>;
export type CacheRole = z.infer<typeof CacheRole>;
export type ServerRoles = z.infer<typeof ServerRoles>;
export type HostDevice = z.infer<typeof HostDevice>;
export type SwitchDevice = z.infer<typeof SwitchDevice>;
export type RouterDevice = z.infer<typeof RouterDevice>;
export type FirewallDevice = z.infer<typeof FirewallDevice>;
export type ServerDevice = z.infer<typeof ServerDevice>;
export type Device = z.infer<typeof Device>;
export type DeviceKind = Device['kind'];
export type LinkEnd = z.infer<typeof LinkEnd>;
export type Link = z.infer<typeof Link>;
export type SlideExportState = z.infer<typeof SlideExportState>;
export type ReplayState = z.infer<typeof ReplayState>;
export type Topology = z.infer<typeof Topology>;

export const DEVICE_KINDS: readonly DeviceKind[] = ['host', 'switch', 'router', 'firewall', 'server'];
