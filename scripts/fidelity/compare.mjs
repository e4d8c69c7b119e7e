// Per-link comparison of two captures by a normalised signature of each frame: who sent it to whom (by the MACs,
// which both networks share), and the protocol's key fields — ARP op and addresses, DHCP message type, DNS
// query/response with name, type, rcode and answer count, ICMP type/code, TCP flags with data or not, HTTP method
// or status, and the IP addresses. Random IDs, ports, sequence numbers, checksums and times are left out. Frames
// are aligned in order (the longest common subsequence of the two signature lists); a real frame is matched when
// it is in that alignment.
import { execFileSync } from 'node:child_process';

const FIELDS = [
  'frame.interface_description',
  'eth.src',
  'eth.dst',
  'arp.opcode',
  'arp.src.proto_ipv4',
  'arp.dst.proto_ipv4',
  'ip.src',
  'ip.dst',
  'ip.proto',
  'icmp.type',
  'icmp.code',
  'dhcp.option.dhcp',
  'dns.flags.response',
  'dns.qry.name',
  'dns.qry.type',
  'dns.flags.rcode',
  'dns.count.answers',
  'tcp.flags.syn',
  'tcp.flags.ack',
  'tcp.flags.fin',
  'tcp.flags.reset',
  'tcp.len',
  'http.request.method',
  'http.response.code',
];

const DHCP = { 1: 'Discover', 2: 'Offer', 3: 'Request', 4: 'Decline', 5: 'ACK', 6: 'NAK', 7: 'Release', 8: 'Inform' };
const QTYPE = { 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 28: 'AAAA', 43: 'DS', 48: 'DNSKEY' };
const RCODE = { 0: 'NOERROR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 5: 'REFUSED' };

/** Every frame of a capture as { link (the interface description), signature }. */
export function signatures(file, macToDevice) {
  const text = execFileSync(
    'tshark',
    ['-r', file, '-T', 'fields', '-E', 'occurrence=f', '-E', 'separator=\t', ...FIELDS.flatMap((f) => ['-e', f])],
    { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((line) => {
      const v = Object.fromEntries(line.split('\t').map((x, i) => [FIELDS[i], x]));
      return { link: v['frame.interface_description'], signature: signature(v, macToDevice) };
    });
}

/** A frame's signature from its tshark fields (`v`: field name → value, as `signatures` reads them). */
export function signature(v, macs) {
  const from = macs.get(v['eth.src']) ?? v['eth.src'];
  const to = v['eth.dst'] === 'ff:ff:ff:ff:ff:ff' ? '*' : (macs.get(v['eth.dst']) ?? v['eth.dst']);
  const who = `${from}→${to}`;
  if (v['arp.opcode'])
    return v['arp.opcode'] === '1'
      ? `${who} ARP who-has ${v['arp.dst.proto_ipv4']} tell ${v['arp.src.proto_ipv4']}`
      : `${who} ARP ${v['arp.src.proto_ipv4']} is-at`;
  if (!v['ip.src']) return `${who} other`;
  const ips = `${v['ip.src']}→${v['ip.dst']}`;
  if (v['icmp.type']) {
    const inner = v['dns.qry.name'] ? ` (quoting DNS ${v['dns.qry.name'].toLowerCase()})` : '';
    return `${who} ${ips} ICMP ${v['icmp.type']}/${v['icmp.code']}${inner}`;
  }
  if (v['dhcp.option.dhcp']) return `${who} ${ips} DHCP ${DHCP[v['dhcp.option.dhcp']] ?? v['dhcp.option.dhcp']}`;
  if (v['dns.flags.response'] !== '') {
    const q = `${(v['dns.qry.name'] || '<Root>').toLowerCase()} ${QTYPE[v['dns.qry.type']] ?? v['dns.qry.type']}`;
    if (v['dns.flags.response'] === 'False' || v['dns.flags.response'] === '0') return `${who} ${ips} DNS query ${q}`;
    return `${who} ${ips} DNS response ${q} ${RCODE[v['dns.flags.rcode']] ?? v['dns.flags.rcode']} an=${v['dns.count.answers']}`;
  }
  if (v['tcp.flags.syn'] !== '') {
    const on = (f) => v[`tcp.flags.${f}`] === 'True' || v[`tcp.flags.${f}`] === '1';
    const flags = [on('syn') && 'SYN', on('fin') && 'FIN', on('reset') && 'RST', on('ack') && 'ACK']
      .filter(Boolean)
      .join('/');
    const http = v['http.request.method'] || (v['http.response.code'] ? `HTTP ${v['http.response.code']}` : '');
    const data = Number(v['tcp.len']) > 0 ? (http ? ` ${http}` : ' data') : '';
    return `${who} ${ips} TCP ${flags}${data}`;
  }
  return `${who} ${ips} proto ${v['ip.proto']}`;
}

/** Longest common subsequence alignment: which indices of `a` and `b` are matched, in order. */
export function align(a, b) {
  const n = a.length;
  const m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ op: '=', real: i++, engine: j++ });
    } else if (j < m && (i >= n || dp[i][j + 1] >= dp[i + 1][j])) {
      ops.push({ op: '+', engine: j++ });
    } else {
      ops.push({ op: '-', real: i++ });
    }
  }
  return { matched: dp[0][0], ops };
}

/** One link's comparison: counts and the differences (runs of the same unmatched signature counted once). */
export function compareLink(real, engine) {
  const { matched, ops } = align(real, engine);
  const differences = [];
  for (const o of ops) {
    if (o.op === '=') continue;
    const sig = o.op === '-' ? real[o.real] : engine[o.engine];
    const last = differences[differences.length - 1];
    if (last && last.op === o.op && last.signature === sig) last.count++;
    else differences.push({ op: o.op, signature: sig, count: 1, at: o.op === '-' ? o.real : o.engine });
  }
  return { real: real.length, engine: engine.length, matched, differences };
}
