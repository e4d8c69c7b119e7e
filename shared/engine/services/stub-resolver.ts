// The host's stub resolver (glibc's, as used by curl and by Linux browsers through getaddrinfo): one UDP query with
// RD=1 to the configured DNS server, 5 s timeout, 2 attempts; it does no resolving itself and keeps no cache.
import { DNS_CLASS_IN, DNS_RCODE, DNS_TYPE, emitDns, parseDns, type DnsRepr } from '../../wire/dns';
import type { EndSystem } from '../devices/end-system';
import type { Timer } from '../sim/sim';
import { flagsOf } from './dns-server';
import { normName } from './dns-zone';
import { explain } from '../prose';

const TIMEOUT_US = 5_000_000;
const ATTEMPTS = 2;

export type StubResult =
  | { ok: true; ip: string; ttl: number }
  | { ok: false; reason: 'NXDOMAIN' | 'SERVFAIL' | 'NODATA' | 'TIMEOUT' | 'REFUSED' | 'NO_SERVER' | 'UNREACHABLE' | 'NO_ROUTE' }
  /** The answer's CNAMEs lead back to a name already followed: `chain` is "a → b → a". */
  | { ok: false; reason: 'CNAME_LOOP'; chain: string };

export function stubLookup(node: EndSystem, name: string, done: (r: StubResult) => void): void {
  const server = node.dnsServer;
  if (!server) {
    done({ ok: false, reason: 'NO_SERVER' });
    return;
  }
  const port = node.ephemeralPort((p) => node.udp.has(p));
  const id = node.rng.int(0, 0xffff);
  let attempt = 0;
  let timer: Timer | undefined;
  let finished = false;
  const finish = (r: StubResult) => {
    if (finished) return;
    finished = true;
    if (timer) timer.cancelled = true;
    node.udp.delete(port);
    done(r);
  };
  const query: DnsRepr = {
    id,
    flags: flagsOf({ rd: true }),
    questions: [{ name, type: DNS_TYPE.A, class: DNS_CLASS_IN }],
    answers: [],
    authorities: [],
    additionals: [],
  };
  const bytes = emitDns(query);
  node.udp.set(port, {
    onDatagram: (d) => {
      let msg: DnsRepr;
      try {
        msg = parseDns(d.payload);
      } catch {
        return;
      }
      if (!msg.flags.qr || msg.id !== id || d.srcIp !== server.ip) return;
      const rcode = msg.flags.rcode;
      if (rcode === DNS_RCODE.NXDOMAIN) return finish({ ok: false, reason: 'NXDOMAIN' });
      if (rcode === DNS_RCODE.REFUSED) return finish({ ok: false, reason: 'REFUSED' });
      if (rcode !== DNS_RCODE.NOERROR) return finish({ ok: false, reason: 'SERVFAIL' });
      let target = normName(name);
      const followed = [target];
      for (let i = 0; i < 8; i++) {
        const a = msg.answers.find((r) => normName(r.name) === target && r.type === DNS_TYPE.A);
        if (a) return finish({ ok: true, ip: a.data as string, ttl: a.ttl });
        const c = msg.answers.find((r) => normName(r.name) === target && r.type === DNS_TYPE.CNAME);
        if (!c) break;
        target = normName(c.data as string);
        const seen = followed.includes(target);
        followed.push(target);
        if (seen) return finish({ ok: false, reason: 'CNAME_LOOP', chain: followed.map((n) => n.replace(/\.$/, '')).join(' → ') });
      }
      finish({ ok: false, reason: 'NODATA' });
    },
    onIcmpError: (type, code) => {
      // glibc uses a connected socket: "port unreachable" arrives as ECONNREFUSED; other ICMP errors are ignored.
      if (type === 3 && code === 3) finish({ ok: false, reason: 'UNREACHABLE' });
    },
  });
  const send = () => {
    attempt++;
    node.sendUdp({
      srcPort: port,
      dst: server.ip,
      dstPort: 53,
      payload: bytes,
      explanation:
        attempt === 1
          ? [
              explain(server.source === 'dhcp' ? 'dns.stub.askDhcpServer' : 'dns.stub.ask', { device: node.name, server: server.ip, name }),
              explain('dns.stub.query', { port, id: `0x${id.toString(16).padStart(4, '0')}` }),
            ]
          : explain('dns.stub.again', { device: node.name, attempt, attempts: ATTEMPTS }),
      // sendto() fails at once with ENETUNREACH: there is nothing to wait for (glibc gives up on that server).
      onError: (code) => {
        if (code === 'ENETUNREACH') finish({ ok: false, reason: 'NO_ROUTE' });
      },
    });
    if (finished) return;
    timer = node.sim.schedule(TIMEOUT_US, () => {
      if (attempt >= ATTEMPTS) finish({ ok: false, reason: 'TIMEOUT' });
      else send();
    });
  };
  send();
}
