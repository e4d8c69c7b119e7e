// The host's stub resolver (glibc's, as used by curl and by Linux browsers through getaddrinfo): it does no
// resolving itself and keeps no cache. Asked for any address family (AF_UNSPEC, what curl and most programs ask),
// glibc sends an A and an AAAA question back to back from one UDP socket (same source port, a random ID each, A
// first; the AAAA one in a second send() after a poll(), 20 µs later), waits for
// both answers — a host with only IPv4 still asks AAAA — and retries what is unanswered after 5 s, twice in all.
// With "ask AAAA too" off it sends the textbook's single A question.
import { DNS_CLASS_IN, DNS_RCODE, DNS_TYPE, dnsFlags, emitDns, parseDns, type DnsRepr } from '../../wire/dns';
import type { EndSystem } from '../devices/end-system';
import type { Timer } from '../sim/sim';
import { normName } from './dns-zone';
import { explain } from '../prose';

const TIMEOUT_US = 5_000_000;
const ATTEMPTS = 2;
/**
 * glibc's send_dg sends the second question with its own send() once poll() says the socket is writable. On the
 * reference network (npm run fidelity) the AAAA question left 86–94 µs after the A one: a send() into a veth pair
 * runs the frame through the other namespaces' stacks before it returns. A network card's driver only queues the
 * frame, so on a real host the second question follows within a few tens of µs — before even a cached answer can
 * come back, as on the reference network.
 */
const AAAA_AFTER_US = 20;

export type StubResult =
  | { ok: true; ip: string; ttl: number; askedAaaa: boolean }
  | {
      ok: false;
      reason: 'NXDOMAIN' | 'SERVFAIL' | 'NODATA' | 'TIMEOUT' | 'REFUSED' | 'NO_SERVER' | 'UNREACHABLE' | 'NO_ROUTE';
    }
  /** The answer's CNAMEs lead back to a name already followed: `chain` is "a → b → a". */
  | { ok: false; reason: 'CNAME_LOOP'; chain: string };

/** Whether the host asks AAAA with A (glibc's getaddrinfo for AF_UNSPEC): the file's setting, on when absent. */
export const asksAaaa = (node: EndSystem): boolean => node.config.askAaaa !== false;

interface Question {
  type: number;
  id: number;
  bytes: Uint8Array;
  answer?: DnsRepr;
}

export function stubLookup(node: EndSystem, name: string, done: (r: StubResult) => void): void {
  const server = node.dnsServer;
  if (!server) {
    done({ ok: false, reason: 'NO_SERVER' });
    return;
  }
  const both = asksAaaa(node);
  const port = node.ephemeralPort((p) => node.udp.has(p));
  const questions: Question[] = (both ? [DNS_TYPE.A, DNS_TYPE.AAAA] : [DNS_TYPE.A]).map((type) => {
    const id = node.rng.int(0, 0xffff);
    const query: DnsRepr = {
      id,
      flags: dnsFlags({ rd: true }),
      questions: [{ name, type, class: DNS_CLASS_IN }],
      answers: [],
      authorities: [],
      additionals: [],
    };
    return { type, id, bytes: emitDns(query) };
  });
  const [a] = questions;
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
  /** The A answer decides (this engine's hosts have IPv4 only); with AAAA asked, only once both are in. */
  const conclude = () => {
    const msg = a.answer!;
    const rcode = msg.flags.rcode;
    if (rcode === DNS_RCODE.NXDOMAIN) return finish({ ok: false, reason: 'NXDOMAIN' });
    if (rcode === DNS_RCODE.REFUSED) return finish({ ok: false, reason: 'REFUSED' });
    if (rcode !== DNS_RCODE.NOERROR) return finish({ ok: false, reason: 'SERVFAIL' });
    let target = normName(name);
    const followed = [target];
    for (let i = 0; i < 8; i++) {
      const rr = msg.answers.find((r) => normName(r.name) === target && r.type === DNS_TYPE.A);
      if (rr) return finish({ ok: true, ip: rr.data as string, ttl: rr.ttl, askedAaaa: both });
      const c = msg.answers.find((r) => normName(r.name) === target && r.type === DNS_TYPE.CNAME);
      if (!c) break;
      target = normName(c.data as string);
      const seen = followed.includes(target);
      followed.push(target);
      if (seen)
        return finish({
          ok: false,
          reason: 'CNAME_LOOP',
          chain: followed.map((n) => n.replace(/\.$/, '')).join(' → '),
        });
    }
    finish({ ok: false, reason: 'NODATA' });
  };
  node.udp.set(port, {
    onDatagram: (d) => {
      let msg: DnsRepr;
      try {
        msg = parseDns(d.payload);
      } catch {
        return;
      }
      if (!msg.flags.qr || d.srcIp !== server.ip) return;
      const q = questions.find((x) => x.id === msg.id && !x.answer);
      if (!q) return;
      q.answer = msg;
      if (questions.every((x) => x.answer)) conclude();
    },
    onIcmpError: (type, code) => {
      // glibc uses a connected socket: "port unreachable" arrives as ECONNREFUSED; other ICMP errors are ignored.
      if (type === 3 && code === 3) finish({ ok: false, reason: 'UNREACHABLE' });
    },
  });
  const send = () => {
    attempt++;
    questions.forEach((q, i) => {
      if (i === 0) ask(q);
      else node.sim.schedule(AAAA_AFTER_US, () => ask(q));
    });
    if (finished) return;
    timer = node.sim.schedule(TIMEOUT_US, () => {
      if (attempt >= ATTEMPTS) finish({ ok: false, reason: 'TIMEOUT' });
      else send();
    });
  };
  const ask = (q: Question) => {
    if (q.answer || finished) return;
    const id = `0x${q.id.toString(16).padStart(4, '0')}`;
    const explanation =
      attempt > 1
        ? explain('dns.stub.again', { device: node.name, attempt, attempts: ATTEMPTS })
        : q.type === DNS_TYPE.AAAA
          ? explain('dns.stub.aaaa', { device: node.name, name, port, id })
          : [
              explain(server.source === 'dhcp' ? 'dns.stub.askDhcpServer' : 'dns.stub.ask', {
                device: node.name,
                server: server.ip,
                name,
              }),
              both ? explain('dns.stub.queryBoth', { port, id }) : explain('dns.stub.query', { port, id }),
            ];
    node.sendUdp({
      srcPort: port,
      dst: server.ip,
      dstPort: 53,
      payload: q.bytes,
      explanation,
      // sendto() fails at once with ENETUNREACH: there is nothing to wait for (glibc gives up on that server).
      onError: (code) => {
        if (code === 'ENETUNREACH') finish({ ok: false, reason: 'NO_ROUTE' });
      },
    });
  };
  send();
}
