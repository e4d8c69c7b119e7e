// A DNS server role: authoritative for its zones (like BIND/NSD), and with `recursive` a caching resolver (like
// BIND or unbound) that resolves iteratively from its root hints, following referrals and glue.
import type { DnsRole } from '../../model/schema';
import {
  DNS_CLASS_IN,
  DNS_RCODE,
  DNS_TYPE,
  dnsTypeName,
  emitDns,
  parseDns,
  type DnsFlags,
  type DnsQuestion,
  type DnsRepr,
  type DnsResourceRecord,
  type DnsSoa,
} from '../../wire/dns';
import type { EndSystem } from '../devices/end-system';
import type { UdpDatagram, UdpHandler } from '../devices/ip-node';
import type { Timer } from '../sim/sim';
import { ZoneSet, displayName, isSubdomain, normName, parent } from './dns-zone';
import type { Prose } from '../trace';
import { explain } from '../prose';

const QUERY_TIMEOUT_US = 400_000; // unbound starts near 376 ms and backs off
const MAX_ATTEMPTS = 3;
const MAX_REFERRALS = 12;

export interface Resolution {
  rcode: number;
  answers: DnsResourceRecord[];
  authorities: DnsResourceRecord[];
}

interface CacheEntry {
  records: DnsResourceRecord[];
  storedAt: number;
  ttl: number;
  /** Negative answer: NXDOMAIN or NODATA, with the SOA that set its TTL. */
  negative?: { rcode: number; soa?: DnsResourceRecord };
}

export const flagsOf = (f: Partial<DnsFlags>): DnsFlags => ({ qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, ad: false, cd: false, rcode: 0, ...f });

export function rdataText(r: DnsResourceRecord): string {
  if (typeof r.data === 'string') return r.type === DNS_TYPE.A ? r.data : displayName(r.data);
  if (r.data instanceof Uint8Array) return `${r.data.length} bytes`;
  const s = r.data as DnsSoa;
  return `${displayName(s.mname)} ${displayName(s.rname)} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`;
}

const rcodeName = (rcode: number) => Object.entries(DNS_RCODE).find(([, v]) => v === rcode)?.[0] ?? String(rcode);

export class DnsServer implements UdpHandler {
  private zones: ZoneSet;
  private cache = new Map<string, CacheEntry>();
  private cacheTable;

  constructor(
    readonly node: EndSystem,
    readonly role: DnsRole,
  ) {
    this.zones = new ZoneSet(role.zones);
    this.cacheTable = node.table('dnsCache');
    node.udp.set(53, this);
  }

  private ref(...path: (string | number)[]) {
    return this.node.ref('roles', 'dns', ...path);
  }

  onDatagram(d: UdpDatagram): void {
    let msg: DnsRepr;
    try {
      msg = parseDns(d.payload);
    } catch {
      return;
    }
    if (msg.flags.qr || msg.questions.length !== 1) return;
    const q = msg.questions[0];
    const qname = normName(q.name);
    const n = this.node;
    const reply = (r: Pick<DnsRepr, 'answers' | 'authorities' | 'additionals'> & { rcode: number; aa: boolean }, explanation: Prose) => {
      const out: DnsRepr = {
        id: msg.id,
        flags: flagsOf({ qr: true, aa: r.aa, rd: msg.flags.rd, ra: this.role.recursive, rcode: r.rcode }),
        questions: msg.questions,
        answers: r.answers,
        authorities: r.authorities,
        additionals: r.additionals,
      };
      if (msg.edns) out.edns = { udpPayloadSize: 1232, dnssecOk: false };
      n.sendUdp({ srcPort: 53, dst: d.srcIp, dstPort: d.srcPort, payload: emitDns(out), explanation });
    };

    if (this.zones.size > 0) {
      const a = this.zones.answer(qname, q.type);
      if (a.kind !== 'refused') {
        const zone = displayName(a.zoneOrigin);
        const records = a.recordIndexes.length ? this.ref('zones', a.zoneIndex, 'records', a.recordIndexes[0]) : this.ref('zones', a.zoneIndex);
        if (a.kind === 'referral') {
          const cut = displayName(a.authorities[0].name);
          const ns = a.authorities.map(rdataText).join(', ');
          const glue = a.additionals.map((r) => `${displayName(r.name)} ${r.data}`).join(', ');
          n.sim.decision(n.id, 'dns-answer', explain('dns.summary.zoneReferral', { name: displayName(qname), type: dnsTypeName(q.type), cut, ns }), explain('dns.zone.delegated', { device: n.name, zone, cut }), records);
          reply(a, glue ? explain('dns.zone.referral', { device: n.name, cut, ns, glue }) : explain('dns.zone.referralNoGlue', { device: n.name, cut, ns }));
        } else if (a.kind === 'answer') {
          const list = a.answers.map((r) => `${displayName(r.name)} ${dnsTypeName(r.type)} ${rdataText(r)}`).join(', ');
          n.sim.decision(n.id, 'dns-answer', explain('dns.summary.authoritativeAnswer', { list }), explain('dns.zone.found', { device: n.name, zone, name: displayName(qname), type: dnsTypeName(q.type) }), records);
          reply(a, explain('dns.zone.answer', { device: n.name, zone, list, ttl: a.answers[0].ttl }));
        } else {
          const neg =
            a.kind === 'nxdomain' ? explain('dns.zone.nxdomain', { device: n.name, zone }) : explain('dns.zone.nodata', { device: n.name, zone, type: dnsTypeName(q.type) });
          const soaTtl = a.authorities[0]?.ttl;
          n.sim.decision(n.id, 'dns-answer', explain('dns.summary.negativeAnswer', { rcode: a.kind === 'nxdomain' ? 'NXDOMAIN' : 'NODATA', name: displayName(qname), type: dnsTypeName(q.type) }), explain('dns.zone.noRecord', { device: n.name, zone }), records);
          reply(a, [neg, explain('dns.zone.negativeSoa', { ttl: soaTtl ?? '?' })]);
        }
        return;
      }
    }
    if (!this.role.recursive || !msg.flags.rd) {
      n.sim.decision(n.id, 'dns-answer', explain('dns.summary.refused', { name: displayName(qname) }), explain('dns.refused.decision', { device: n.name, name: displayName(qname) }), this.ref('recursive'));
      reply({ rcode: DNS_RCODE.REFUSED, aa: false, answers: [], authorities: [], additionals: [] }, explain('dns.refused.reply', { device: n.name, name: displayName(qname) }));
      return;
    }
    const cached = this.fromCache(qname, q.type);
    if (cached) {
      n.sim.decision(
        n.id,
        'dns-cache',
        explain('dns.summary.cacheHit', { name: displayName(qname), type: dnsTypeName(q.type) }),
        explain('dns.cache.hit', { device: n.name }),
      );
      this.replyToClient(reply, qname, q, cached, true);
      return;
    }
    const fromRoot = this.closestServers(qname).zone === undefined;
    n.sim.decision(
      n.id,
      'dns-cache',
      explain('dns.summary.cacheMiss', { name: displayName(qname), type: dnsTypeName(q.type) }),
      fromRoot
        ? explain('dns.cache.missFromRoot', { device: n.name, name: displayName(qname), hints: this.role.rootHints.map((h) => `${h.name} ${h.address}`).join(', ') })
        : explain('dns.cache.missFromCut', { device: n.name }),
      fromRoot ? this.ref('rootHints', 0) : undefined,
    );
    this.resolve(qname, q.type, 0, (res) => this.replyToClient(reply, qname, q, res, false));
  }

  private replyToClient(
    reply: (r: Pick<DnsRepr, 'answers' | 'authorities' | 'additionals'> & { rcode: number; aa: boolean }, explanation: Prose) => void,
    qname: string,
    q: DnsQuestion,
    res: Resolution,
    fromCache: boolean,
  ): void {
    const n = this.node;
    const list = res.answers.filter((r) => r.type === q.type).map(rdataText).join(', ');
    const params = { device: n.name, name: displayName(qname) };
    const explanation: Prose =
      res.rcode === DNS_RCODE.NOERROR && res.answers.length > 0
        ? explain(fromCache ? 'dns.client.answerFromCache' : 'dns.client.answerResolved', { ...params, list })
        : res.rcode === DNS_RCODE.NXDOMAIN
          ? explain('dns.client.nxdomain', params)
          : res.rcode === DNS_RCODE.NOERROR
            ? explain('dns.client.nodata', { device: n.name, type: dnsTypeName(q.type) })
            : explain('dns.client.servfail', params);
    reply({ rcode: res.rcode, aa: false, answers: res.answers, authorities: res.authorities, additionals: [] }, explanation);
  }

  // ---- cache -------------------------------------------------------------------------------------------------

  private remaining(e: CacheEntry): number {
    return e.ttl - Math.floor((this.node.sim.now - e.storedAt) / 1e6);
  }

  private cached(name: string, type: number | 'NEG'): CacheEntry | undefined {
    const e = this.cache.get(`${name}|${type}`);
    if (!e || this.remaining(e) <= 0) return undefined;
    return e;
  }

  private store(name: string, type: number | 'NEG', records: DnsResourceRecord[], negative?: CacheEntry['negative']): void {
    const ttl = negative ? (negative.soa?.ttl ?? 0) : Math.min(...records.map((r) => r.ttl));
    const e: CacheEntry = { records, storedAt: this.node.sim.now, ttl, negative };
    this.cache.set(`${name}|${type}`, e);
    const storedAtUs = this.node.sim.traceTime;
    if (negative) {
      this.cacheTable.set({ name: displayName(name), type: negative.rcode === DNS_RCODE.NXDOMAIN ? 'NXDOMAIN' : 'NODATA', value: negative.soa ? rdataText(negative.soa) : '', ttl, storedAtUs });
    } else {
      for (const r of records) this.cacheTable.set({ name: displayName(r.name), type: dnsTypeName(r.type), value: rdataText(r), ttl: r.ttl, storedAtUs });
    }
  }

  private aged(records: DnsResourceRecord[], e: CacheEntry): DnsResourceRecord[] {
    const left = this.remaining(e);
    return records.map((r) => ({ ...r, ttl: Math.max(0, Math.min(r.ttl, left)) }));
  }

  /** A complete answer from the cache, following CNAMEs, or undefined. */
  private fromCache(qname: string, qtype: number): Resolution | undefined {
    const answers: DnsResourceRecord[] = [];
    let name = qname;
    for (let i = 0; i < 8; i++) {
      const neg = this.cached(name, 'NEG');
      if (neg?.negative) return { rcode: neg.negative.rcode, answers, authorities: neg.negative.soa ? this.aged([neg.negative.soa], neg) : [] };
      const hit = this.cached(name, qtype);
      if (hit) return { rcode: DNS_RCODE.NOERROR, answers: [...answers, ...this.aged(hit.records, hit)], authorities: [] };
      const cname = this.cached(name, DNS_TYPE.CNAME);
      if (!cname) return undefined;
      answers.push(...this.aged(cname.records, cname));
      name = cname.records[0].data as string;
    }
    return undefined;
  }

  /** The deepest zone whose servers (with addresses) are cached; the root hints otherwise. */
  private closestServers(qname: string): { zone?: string; servers: { name: string; ip: string }[] } {
    for (let n = qname; ; n = parent(n)) {
      const ns = this.cached(n, DNS_TYPE.NS);
      if (ns) {
        const servers: { name: string; ip: string }[] = [];
        for (const r of ns.records) {
          const a = this.cached(r.data as string, DNS_TYPE.A);
          if (a) for (const rec of a.records) servers.push({ name: r.data as string, ip: rec.data as string });
        }
        if (servers.length > 0) return { zone: n, servers };
      }
      if (n === '') break;
    }
    return { servers: this.role.rootHints.map((h) => ({ name: normName(h.name), ip: h.address })) };
  }

  // ---- iterative resolution ----------------------------------------------------------------------------------

  resolve(qname: string, qtype: number, depth: number, done: (r: Resolution) => void): void {
    const hit = this.fromCache(qname, qtype);
    if (hit) {
      done(hit);
      return;
    }
    const start = this.closestServers(qname);
    new Iteration(this, qname, qtype, depth, start.zone ?? '', start.servers, done).ask();
  }

  /** Used by iterations. */
  storeResponse(msg: DnsRepr): void {
    const groups = new Map<string, DnsResourceRecord[]>();
    for (const r of [...msg.answers, ...msg.authorities, ...msg.additionals]) {
      if (r.type !== DNS_TYPE.A && r.type !== DNS_TYPE.NS && r.type !== DNS_TYPE.CNAME) continue;
      const key = `${normName(r.name)}|${r.type}`;
      const list = groups.get(key);
      if (list) list.push({ ...r, name: normName(r.name) });
      else groups.set(key, [{ ...r, name: normName(r.name) }]);
    }
    for (const [key, records] of groups) {
      const [name, type] = key.split('|');
      this.store(name, Number(type), records);
    }
  }

  storeNegative(qname: string, rcode: number, soa?: DnsResourceRecord): void {
    if (rcode === DNS_RCODE.NXDOMAIN) this.store(qname, 'NEG', [], { rcode, soa });
  }
}

class Iteration {
  private attempts = 0;
  private referrals = 0;
  private serverIndex = 0;
  private timer?: Timer;
  private port = 0;
  private id = 0;

  constructor(
    private readonly server: DnsServer,
    private readonly qname: string,
    private readonly qtype: number,
    private readonly depth: number,
    private zone: string,
    private servers: { name: string; ip: string }[],
    private readonly done: (r: Resolution) => void,
  ) {}

  private get node() {
    return this.server.node;
  }

  /** Gives up with SERVFAIL; `why` is a "dns.giveUp.*" message, read after "… gives up on <name>:". */
  private fail(why: Prose): void {
    const n = this.node;
    n.sim.decision(n.id, 'dns-referral', explain('dns.summary.servfail', { name: displayName(this.qname) }), [explain('dns.giveUp.intro', { device: n.name, name: displayName(this.qname) }), why]);
    this.done({ rcode: DNS_RCODE.SERVFAIL, answers: [], authorities: [] });
  }

  ask(): void {
    const n = this.node;
    if (this.servers.length === 0) {
      this.fail(explain('dns.giveUp.noServer'));
      return;
    }
    if (this.attempts >= MAX_ATTEMPTS * Math.max(1, Math.min(this.servers.length, 2))) {
      this.fail(explain('dns.giveUp.noAnswer', { servers: this.servers.map((s) => s.ip).join(', '), tries: this.attempts }));
      return;
    }
    const target = this.servers[this.serverIndex % this.servers.length];
    this.attempts++;
    this.id = n.rng.int(0, 0xffff);
    this.port = n.ephemeralPort((p) => n.udp.has(p));
    const port = this.port;
    n.udp.set(port, { onDatagram: (d) => this.onResponse(d, target) });
    const query: DnsRepr = {
      id: this.id,
      flags: flagsOf({}),
      questions: [{ name: this.qname, type: this.qtype, class: DNS_CLASS_IN }],
      answers: [],
      authorities: [],
      additionals: [],
      edns: { udpPayloadSize: 1232, dnssecOk: false },
    };
    const question = { device: n.name, server: displayName(target.name), ip: target.ip, name: displayName(this.qname), type: dnsTypeName(this.qtype) };
    const explanation: Prose[] = [
      this.zone === '' ? explain('dns.iterate.askRoot', question) : explain('dns.iterate.askServer', { ...question, zone: displayName(this.zone) }),
      explain('dns.iterate.noRecursion'),
    ];
    if (this.zone === '') explanation.push(explain('dns.iterate.textbookRoot', { name: displayName(this.qname) }));
    if (this.attempts > 1) explanation.push(explain('dns.iterate.retry', { attempt: this.attempts }));
    n.sendUdp({
      srcPort: port,
      dst: target.ip,
      dstPort: 53,
      payload: emitDns(query),
      explanation,
    });
    const wait = QUERY_TIMEOUT_US * 2 ** Math.floor((this.attempts - 1) / Math.max(1, this.servers.length));
    this.timer = n.sim.schedule(wait, () => {
      n.udp.delete(port);
      this.serverIndex++;
      this.ask();
    });
  }

  private finish(): void {
    if (this.timer) this.timer.cancelled = true;
    this.node.udp.delete(this.port);
  }

  private onResponse(d: UdpDatagram, target: { name: string; ip: string }): void {
    let msg: DnsRepr;
    try {
      msg = parseDns(d.payload);
    } catch {
      return;
    }
    if (!msg.flags.qr || msg.id !== this.id || d.srcIp !== target.ip || d.srcPort !== 53) return; // not our answer: ignore, as a spoofing defence
    const q = msg.questions[0];
    if (!q || normName(q.name) !== this.qname || q.type !== this.qtype) return;
    this.finish();
    const n = this.node;
    const rcode = msg.flags.rcode;
    if (rcode === DNS_RCODE.NXDOMAIN) {
      const soa = msg.authorities.find((r) => r.type === DNS_TYPE.SOA);
      this.server.storeNegative(this.qname, rcode, soa);
      n.sim.decision(n.id, 'dns-result', explain('dns.summary.nxdomainFrom', { name: displayName(this.qname), server: target.ip }), explain('dns.iterate.nxdomain', { device: n.name, name: displayName(this.qname), ttl: soa?.ttl ?? 0 }));
      this.done({ rcode, answers: [], authorities: soa ? [soa] : [] });
      return;
    }
    if (rcode !== DNS_RCODE.NOERROR) {
      n.sim.decision(n.id, 'dns-referral', explain('dns.summary.errorFrom', { rcode: rcodeName(rcode), server: target.ip }), explain('dns.iterate.error', { device: n.name, server: target.ip, rcode: rcodeName(rcode) }));
      this.serverIndex++;
      this.ask();
      return;
    }
    if (msg.answers.length > 0) {
      this.server.storeResponse(msg);
      const answers: DnsResourceRecord[] = [];
      let name = this.qname;
      for (let i = 0; i < 8; i++) {
        const direct = msg.answers.filter((r) => normName(r.name) === name && r.type === this.qtype);
        if (direct.length) {
          answers.push(...direct);
          break;
        }
        const cname = msg.answers.find((r) => normName(r.name) === name && r.type === DNS_TYPE.CNAME);
        if (!cname) break;
        answers.push(cname);
        name = normName(cname.data as string);
      }
      const final = answers.filter((r) => r.type === this.qtype);
      const list = final.map(rdataText).join(', ');
      if (final.length === 0 && answers.length > 0 && this.depth < 4) {
        n.sim.decision(n.id, 'dns-referral', explain('dns.summary.cname', { name: displayName(name) }), explain('dns.iterate.cname', { device: n.name, alias: displayName(this.qname), name: displayName(name) }));
        this.server.resolve(name, this.qtype, this.depth + 1, (r) => this.done({ rcode: r.rcode, answers: [...answers, ...r.answers], authorities: r.authorities }));
        return;
      }
      n.sim.decision(
        n.id,
        'dns-result',
        explain('dns.summary.answerFrom', { server: target.ip, name: displayName(this.qname), list }),
        explain('dns.iterate.answer', { device: n.name, server: target.ip, name: displayName(this.qname), type: dnsTypeName(this.qtype), list, ttl: final[0]?.ttl ?? 0 }),
      );
      this.done({ rcode, answers, authorities: [] });
      return;
    }
    const ns = msg.authorities.filter((r) => r.type === DNS_TYPE.NS);
    if (ns.length > 0 && !msg.flags.aa) {
      const cut = normName(ns[0].name);
      // A referral must lead closer to the name, or the server is "lame" (and a loop waits).
      if (!isSubdomain(this.qname, cut) || !isSubdomain(cut, this.zone) || cut === this.zone || ++this.referrals > MAX_REFERRALS) {
        this.fail(explain('dns.giveUp.lame', { server: target.ip, cut: displayName(cut) }));
        return;
      }
      this.server.storeResponse(msg);
      const glue: { name: string; ip: string }[] = [];
      for (const r of ns) {
        const nsName = normName(r.data as string);
        for (const a of msg.additionals) if (a.type === DNS_TYPE.A && normName(a.name) === nsName) glue.push({ name: nsName, ip: a.data as string });
      }
      this.zone = cut;
      this.attempts = 0;
      this.serverIndex = 0;
      if (glue.length > 0) {
        n.sim.decision(
          n.id,
          'dns-referral',
          explain('dns.summary.referral', { cut: displayName(cut), glue: glue.map((g) => `${displayName(g.name)} ${g.ip}`).join(', ') }),
          explain('dns.iterate.referral', { device: n.name, server: target.ip, cut: displayName(cut), ns: ns.map(rdataText).join(', ') }),
        );
        this.servers = glue;
        this.ask();
        return;
      }
      const nsName = normName(ns[0].data as string);
      n.sim.decision(n.id, 'dns-referral', explain('dns.summary.referralNoGlue', { cut: displayName(cut), ns: displayName(nsName) }), explain('dns.iterate.referralNoGlue', { device: n.name, ns: displayName(nsName), cut: displayName(cut) }));
      if (this.depth >= 4) {
        this.fail(explain('dns.giveUp.tooDeep'));
        return;
      }
      this.server.resolve(nsName, DNS_TYPE.A, this.depth + 1, (r) => {
        const ips = r.answers.filter((a) => a.type === DNS_TYPE.A).map((a) => ({ name: nsName, ip: a.data as string }));
        if (ips.length === 0) {
          this.fail(explain('dns.giveUp.nsUnresolved', { ns: displayName(nsName) }));
          return;
        }
        this.servers = ips;
        this.ask();
      });
      return;
    }
    // NOERROR without answers: NODATA.
    const soa = msg.authorities.find((r) => r.type === DNS_TYPE.SOA);
    this.done({ rcode: DNS_RCODE.NOERROR, answers: [], authorities: soa ? [soa] : [] });
  }
}
