// DHCP dissector: the BOOTP fixed part field by field and every option with its bytes.
import { ipv4FromBytes, macFromBytes } from '../address';
import {
  DHCP_FIELDS,
  DHCP_MESSAGE_TYPE_NAMES,
  DHCP_OPTION_FIELDS,
  DHCP_OPT,
  dhcpView,
  parseDhcp,
  scanDhcpOptions,
  type DhcpOptionSpan,
} from '../dhcp';
import type { Field, Layer } from '../field';
import { within } from '../view';
import { bytesValue, field, flagBit, hex } from './fields';

const OPTION_NAMES: Record<number, [string, string]> = {
  [DHCP_OPT.SUBNET_MASK]: ['subnet_mask', 'Subnet mask'],
  [DHCP_OPT.ROUTER]: ['router', 'Router'],
  [DHCP_OPT.DNS_SERVERS]: ['dns_servers', 'Domain name server'],
  [DHCP_OPT.HOSTNAME]: ['hostname', 'Host name'],
  15: ['domain_name', 'Domain name'],
  [DHCP_OPT.REQUESTED_IP]: ['requested_ip', 'Requested IP address'],
  [DHCP_OPT.LEASE_TIME]: ['lease_time', 'IP address lease time'],
  [DHCP_OPT.MESSAGE_TYPE]: ['message_type', 'DHCP message type'],
  [DHCP_OPT.SERVER_ID]: ['server_id', 'DHCP server identifier'],
  [DHCP_OPT.PARAMETER_REQUEST_LIST]: ['parameter_request_list', 'Parameter request list'],
  [DHCP_OPT.MAX_MESSAGE_SIZE]: ['max_message_size', 'Maximum DHCP message size'],
  [DHCP_OPT.RENEWAL_TIME]: ['renewal_time', 'Renewal time (T1)'],
  [DHCP_OPT.REBINDING_TIME]: ['rebinding_time', 'Rebinding time (T2)'],
  [DHCP_OPT.CLIENT_ID]: ['client_id', 'Client identifier'],
  [DHCP_OPT.END]: ['end', 'End'],
};

function optionValue(span: DhcpOptionSpan): string {
  const v = span.value;
  const ips = () => Array.from({ length: v.length / 4 }, (_, i) => ipv4FromBytes(v, 4 * i)).join(', ');
  const u32 = () => ((v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3]) >>> 0;
  switch (span.code) {
    case DHCP_OPT.MESSAGE_TYPE:
      return `${DHCP_MESSAGE_TYPE_NAMES[v[0]] ?? 'unknown'} (${v[0]})`;
    case DHCP_OPT.SUBNET_MASK:
    case DHCP_OPT.ROUTER:
    case DHCP_OPT.DNS_SERVERS:
    case DHCP_OPT.REQUESTED_IP:
    case DHCP_OPT.SERVER_ID:
      return v.length % 4 === 0 ? ips() : bytesValue(v);
    case DHCP_OPT.LEASE_TIME:
    case DHCP_OPT.RENEWAL_TIME:
    case DHCP_OPT.REBINDING_TIME:
      return v.length === 4 ? `${u32()} s` : bytesValue(v);
    case DHCP_OPT.MAX_MESSAGE_SIZE:
      return v.length === 2 ? String((v[0] << 8) | v[1]) : bytesValue(v);
    case DHCP_OPT.PARAMETER_REQUEST_LIST:
      return Array.from(v).join(', ');
    case DHCP_OPT.HOSTNAME:
    case 15:
      return new TextDecoder().decode(v);
    case DHCP_OPT.CLIENT_ID:
      return v.length === 7 && v[0] === 1 ? `Ethernet ${macFromBytes(v, 1)}` : bytesValue(v);
    default:
      return bytesValue(v);
  }
}

export function dissectDhcp(frame: Uint8Array, offset: number, end: number): Layer {
  const bytes = frame.subarray(offset, end);
  const repr = parseDhcp(bytes);
  const o = offset;
  const F = DHCP_FIELDS;
  const at = (f: (typeof F)[keyof typeof F]) => within(o, f);
  const view = dhcpView(bytes);
  const text = (f: (typeof F)[keyof typeof F]) => {
    const b = view.slice(f);
    return b[0] === 0 ? 'not given' : new TextDecoder().decode(b).replace(/\0.*$/s, '');
  };
  const fields: Field[] = [
    field('dhcp.op', 'Message type', repr.op === 1 ? 'Boot request (1)' : 'Boot reply (2)', ...at(F.op)),
    field('dhcp.htype', 'Hardware type', 'Ethernet (1)', ...at(F.hardwareType)),
    field('dhcp.hlen', 'Hardware address length', '6', ...at(F.hardwareLength)),
    field('dhcp.hops', 'Hops', String(view.hops), ...at(F.hops)),
    field('dhcp.xid', 'Transaction ID', hex(repr.xid, 8), ...at(F.xid)),
    field('dhcp.secs', 'Seconds elapsed', String(repr.secs), ...at(F.secs)),
    field(
      'dhcp.flags',
      'Flags',
      `${hex(view.flags, 4)} (${repr.broadcast ? 'Broadcast' : 'Unicast'})`,
      ...at(F.flags),
      [flagBit('dhcp.flags.broadcast', 'Broadcast flag', repr.broadcast, ...at(F.flags))],
    ),
    field('dhcp.ciaddr', 'Client IP address', repr.ciaddr, ...at(F.ciaddr)),
    field('dhcp.yiaddr', 'Your (client) IP address', repr.yiaddr, ...at(F.yiaddr)),
    field('dhcp.siaddr', 'Next server IP address', repr.siaddr, ...at(F.siaddr)),
    field('dhcp.giaddr', 'Relay agent IP address', repr.giaddr, ...at(F.giaddr)),
    field('dhcp.chaddr', 'Client MAC address', repr.chaddr, ...at(F.chaddrMac)),
    field(
      'dhcp.chaddr_padding',
      'Client hardware address padding',
      bytesValue(view.slice(F.chaddrPadding)),
      ...at(F.chaddrPadding),
    ),
    field('dhcp.sname', 'Server host name', text(F.sname), ...at(F.sname)),
    field('dhcp.file', 'Boot file name', text(F.file), ...at(F.file)),
    field('dhcp.cookie', 'Magic cookie', 'DHCP (0x63825363)', ...at(F.cookie)),
  ];
  let last = F.options.at;
  for (const span of scanDhcpOptions(bytes)) {
    const [key, label] = OPTION_NAMES[span.code] ?? [String(span.code), `Option ${span.code}`];
    const at = o + span.offset;
    const value = span.code === DHCP_OPT.END ? '' : optionValue(span);
    const children =
      span.code === DHCP_OPT.END
        ? []
        : [
            field('dhcp.option.code', 'Option', String(span.code), ...within(at, DHCP_OPTION_FIELDS.code)),
            field('dhcp.option.length', 'Length', String(span.value.length), ...within(at, DHCP_OPTION_FIELDS.length)),
            field(`dhcp.option.${key}.value`, label, value, at + DHCP_OPTION_FIELDS.value.at, span.value.length),
          ];
    fields.push(field(`dhcp.option.${key}`, `Option (${span.code}) ${label}`, value, at, span.length, children));
    last = span.offset + span.length;
  }
  if (last < bytes.length)
    fields.push(field('dhcp.padding', 'Padding', `${bytes.length - last} bytes`, o + last, bytes.length - last));
  const name = DHCP_MESSAGE_TYPE_NAMES[repr.messageType];
  return {
    protocol: 'dhcp',
    summary: `DHCP ${name} - Transaction ID ${hex(repr.xid, 8)}`,
    offset,
    length: end - offset,
    fields,
  };
}
