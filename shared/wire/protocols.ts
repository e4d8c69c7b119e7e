// One entry per protocol the dissector knows: its name, where it sits in the stack, how the replay files it (its
// own filter chip and colour, or "other"), the short tag of the slides' header box and its colours in the app and on
// slides. The replay, the slides, the canvas and the CSS all read these entries, so adding a protocol starts here
// (README "How it is built" lists the rest). It lives in shared/wire, the lowest layer, so everyone may import it.

/** Colours of one protocol: the app's (CSS and canvas, per app theme) and the slides' (per slide theme). */
export interface ProtocolColours {
  app: { light: string; dark: string };
  slides: { light: string; dark: string; print: string };
}

export interface ProtocolDescriptor {
  /** What Wireshark calls it, in full. */
  name: string;
  /** Its layer in the TCP/IP model: 2 link, 3 network, 4 transport, 7 application. */
  layer: 2 | 3 | 4 | 7;
  /**
   * True when the replay tells it apart — its own filter chip, colour and label; frames whose top protocol is not
   * told apart are "other" (a bare UDP datagram, an Ethernet frame of an unknown type).
   */
  distinct: boolean;
  /** The label of a frame of it on the canvas, the ladder and the slides' protocol chip. */
  label: string;
  /**
   * Its one-line description for a learner, as an i18n key of the `replay` namespace (shared/i18n/<lang>/replay.json,
   * en and ko): the app shows it where it explains the protocol's chip.
   */
  summaryKey: `protocolSummary.${string}`;
  /** The short tag of its row in a slide's header box. */
  slideTag: string;
  /** Its colour (the neutral one when it is not `distinct`). */
  colours: ProtocolColours;
  /** The tag whose colour its row in a slide's header box takes, when not its own (TLS's rows are HTTP's). */
  rowColour?: string;
  /**
   * Which protocol's colour wins where several cross one link in one slide: lower first. The exchange that matters
   * (HTTP, TCP, DNS) stays visible over the ARP that made it possible.
   */
  linkPriority: number;
}

/** The colour of everything the replay does not tell apart. */
export const NEUTRAL_COLOURS: ProtocolColours = {
  app: { light: '#6b7280', dark: '#a3acb9' },
  slides: { light: '#64748b', dark: '#94a3b8', print: '#4b5563' },
};

/** The neutral protocols' priority, between ICMP/DHCP and ARP. */
const NEUTRAL_PRIORITY = 5;

/** The entries in the order the event list shows the chips of the distinct ones. */
export const PROTOCOLS = {
  ethernet: {
    name: 'Ethernet II',
    layer: 2,
    distinct: false,
    label: 'ETHERNET',
    summaryKey: 'protocolSummary.ethernet',
    slideTag: 'ETH',
    colours: NEUTRAL_COLOURS,
    linkPriority: NEUTRAL_PRIORITY,
  },
  arp: {
    name: 'Address Resolution Protocol',
    layer: 2,
    distinct: true,
    label: 'ARP',
    summaryKey: 'protocolSummary.arp',
    slideTag: 'ARP',
    linkPriority: 6,
    colours: {
      app: { light: '#8a6d00', dark: '#e0c04a' },
      slides: { light: '#d97706', dark: '#f59e0b', print: '#b45309' },
    },
  },
  ipv4: {
    name: 'Internet Protocol Version 4',
    layer: 3,
    distinct: false,
    label: 'IPV4',
    summaryKey: 'protocolSummary.ipv4',
    slideTag: 'IPv4',
    colours: NEUTRAL_COLOURS,
    linkPriority: NEUTRAL_PRIORITY,
  },
  udp: {
    name: 'User Datagram Protocol',
    layer: 4,
    distinct: false,
    label: 'UDP',
    summaryKey: 'protocolSummary.udp',
    slideTag: 'UDP',
    colours: NEUTRAL_COLOURS,
    linkPriority: NEUTRAL_PRIORITY,
  },
  dhcp: {
    name: 'Dynamic Host Configuration Protocol',
    layer: 7,
    distinct: true,
    label: 'DHCP',
    summaryKey: 'protocolSummary.dhcp',
    slideTag: 'DHCP',
    linkPriority: 4,
    colours: {
      app: { light: '#7a3db8', dark: '#c49bff' },
      slides: { light: '#7c3aed', dark: '#a78bfa', print: '#6d28d9' },
    },
  },
  dns: {
    name: 'Domain Name System',
    layer: 7,
    distinct: true,
    label: 'DNS',
    summaryKey: 'protocolSummary.dns',
    slideTag: 'DNS',
    linkPriority: 2,
    colours: {
      app: { light: '#0a7d6f', dark: '#3fd1bd' },
      slides: { light: '#059669', dark: '#10b981', print: '#047857' },
    },
  },
  tcp: {
    name: 'Transmission Control Protocol',
    layer: 4,
    distinct: true,
    label: 'TCP',
    summaryKey: 'protocolSummary.tcp',
    slideTag: 'TCP',
    linkPriority: 1,
    colours: {
      app: { light: '#2559c7', dark: '#7ea6ff' },
      slides: { light: '#2563eb', dark: '#3b82f6', print: '#1d4ed8' },
    },
  },
  http: {
    name: 'Hypertext Transfer Protocol',
    layer: 7,
    distinct: true,
    label: 'HTTP',
    summaryKey: 'protocolSummary.http',
    slideTag: 'HTTP',
    linkPriority: 0,
    colours: {
      app: { light: '#c2410c', dark: '#ff9659' },
      slides: { light: '#db2777', dark: '#ec4899', print: '#be185d' },
    },
  },
  tls: {
    name: 'Transport Layer Security',
    layer: 7,
    distinct: true,
    label: 'TLS',
    summaryKey: 'protocolSummary.tls',
    slideTag: 'TLS',
    // the exchange itself, as HTTP is: what crosses the link of an https fetch is TLS records
    linkPriority: 0,
    colours: {
      app: { light: '#4d7c0f', dark: '#a3e635' },
      slides: { light: '#65a30d', dark: '#84cc16', print: '#4d7c0f' },
    },
  },
  icmp: {
    name: 'Internet Control Message Protocol',
    layer: 3,
    distinct: true,
    label: 'ICMP',
    summaryKey: 'protocolSummary.icmp',
    slideTag: 'ICMP',
    linkPriority: 3,
    colours: {
      app: { light: '#c0245c', dark: '#ff7aa8' },
      slides: { light: '#dc2626', dark: '#ef4444', print: '#b91c1c' },
    },
  },
} as const satisfies Record<string, ProtocolDescriptor>;

/** A protocol the dissector knows: what a parsed layer is. */
export type Protocol = keyof typeof PROTOCOLS;
/** What a layer of a parsed frame is: a protocol, or the rest of a frame that did not parse. */
export type LayerProtocol = Protocol | 'malformed';

/**
 * How the replay files a frame (its filter chip, colour and label): a protocol it tells apart, or "other". Derived
 * from the entries, so marking a protocol `distinct` is all it takes to give it a chip.
 */
export type ProtocolTag =
  { [P in Protocol]: (typeof PROTOCOLS)[P]['distinct'] extends true ? P : never }[Protocol] | 'other';

/** Every protocol, in the registry's order. */
export const PROTOCOL_NAMES = Object.keys(PROTOCOLS) as Protocol[];

/** The tags in the order the event list shows their chips (the registry's), "other" last. */
export const PROTOCOL_TAGS: readonly ProtocolTag[] = [
  ...(PROTOCOL_NAMES.filter((p) => PROTOCOLS[p].distinct) as ProtocolTag[]),
  'other',
];

export function isProtocol(value: string): value is Protocol {
  return Object.prototype.hasOwnProperty.call(PROTOCOLS, value);
}

/** The tag the replay files `protocol` under ("other" for what it does not tell apart, or does not know). */
export function protocolTag(protocol: string): ProtocolTag {
  return isProtocol(protocol) && PROTOCOLS[protocol].distinct ? (protocol as ProtocolTag) : 'other';
}

/** The i18n key (`replay` namespace) of a tag's one-line description. */
export function tagSummaryKey(tag: ProtocolTag): `protocolSummary.${string}` {
  return tag === 'other' ? 'protocolSummary.other' : PROTOCOLS[tag].summaryKey;
}

/** The colours of a tag. */
export function tagColours(tag: ProtocolTag): ProtocolColours {
  return tag === 'other' ? NEUTRAL_COLOURS : PROTOCOLS[tag].colours;
}

/** The colour of `protocol`'s row in a slide's header box: its `rowColour`, or its tag's. */
export function rowColour(protocol: Protocol): ProtocolTag {
  const entry: ProtocolDescriptor = PROTOCOLS[protocol];
  return (entry.rowColour as ProtocolTag | undefined) ?? protocolTag(protocol);
}

/** A tag's `linkPriority` (lower wins a link). */
export function tagLinkPriority(tag: ProtocolTag): number {
  return tag === 'other' ? NEUTRAL_PRIORITY : PROTOCOLS[tag].linkPriority;
}

/** The label of a frame whose top protocol is `protocol` (its entry's; "MALFORMED" for what did not parse). */
export function protocolLabel(protocol: LayerProtocol): string {
  return protocol === 'malformed' ? 'MALFORMED' : PROTOCOLS[protocol].label;
}

/**
 * The app's protocol colours as CSS: custom properties `--pj-proto-<tag>` per app theme, and the classes that pick
 * one (`pj-proto-<tag>` labels and chips, `pj-stroke-<tag>` ladder rows, `pj-ov-<tag>` packets on the canvas) set
 * `--_c` to it. The renderer puts this into the page at start.
 */
export function protocolCss(): string {
  const vars = (theme: 'light' | 'dark') =>
    PROTOCOL_TAGS.map((t) => `--pj-proto-${t}: ${tagColours(t).app[theme]};`).join(' ');
  const pick = PROTOCOL_TAGS.map((t) => `.pj-proto-${t}, .pj-stroke-${t}, .pj-ov-${t} { --_c: var(--pj-proto-${t}); }`);
  return [`:root { ${vars('light')} }`, `:root[data-theme='dark'] { ${vars('dark')} }`, ...pick].join('\n');
}
