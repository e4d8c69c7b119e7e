// A DNS server role: authoritative for its zones the way NSD answers (AA, and unless minimal-responses is set, the
// zone's NS and their addresses with every answer), and with `recursive` a caching resolver the way unbound 1.17
// resolves with its default configuration (without the validator module): it primes the root from its hints,
// minimises QNAMEs (RFC 9156, best effort), sets RD=0, CD=1 and EDNS(0) DO with a 1232-byte buffer on its own
// queries, caches answers by TTL and NXDOMAIN/NODATA by the SOA's minimum, and shares an identical query already on
// its way to the same server between the clients that need it (unbound's "serviced queries").
import type { DnsRole } from '../../model/schema';
import {
  DNS_CLASS_IN,
  DNS_RCODE,
  DNS_TYPE,
  dnsFlags,
  dnsTypeName,
  emitDns,
  parseDns,
  type DnsQuestion,
  type DnsRepr,
  type DnsResourceRecord,
  type DnsSoa,
} from '../../wire/dns';
import type { EndSystem } from '../devices/end-system';
import type { UdpDatagram, UdpHandler } from '../devices/ip-node';
import type { Timer } from '../sim/sim';
import { ZoneSet, displayName, isSubdomain, normName, parent } from './dns-zone';
import type { ConfigRef, Prose } from '../trace';
import { explain } from '../prose';

const QUERY_TIMEOUT_US = 400_000; // unbound starts near 376 ms and backs off
/**
 * How long the server program takes from a datagram's arrival to its reply or next query: NSD answers from its
 * precompiled zone in about 20 µs, unbound needs about 30 µs per step (parsing, cache, its module chain). Estimates
 * of the order a capture between network namespaces shows; deterministic.
 */
const NSD_ANSWER_US = 20;
const UNBOUND_STEP_US = 30;
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
  /** Negative answer: NXDOMAIN (the name) or NODATA (the name and type), with the SOA that set its TTL. */
  negative?: { rcode: number; soa?: DnsResourceRecord };
}

interface Server {
  name: string;
  ip: string;
}

export function rdataText(r: DnsResourceRecord): string {
  if (typeof r.data === 'string') return r.type === DNS_TYPE.A ? r.data : displayName(r.data);
  if (r.data instanceof Uint8Array) return `${r.data.length} bytes`;
  const s = r.data as DnsSoa;
  return `${displayName(s.mname)} ${displayName(s.rname)} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`;
}

const rcodeName = (rcode: number) => Object.entries(DNS_RCODE).find(([, v]) => v === rcode)?.[0] ?? String(rcode);

/** Labels in a normalised name ("" is the root, with none). */
const labels = (name: string): number => (name === '' ? 0 : name.split('.').length);
/** `name` without its first `n` labels. */
const dropLabels = (name: string, n: number): string => name.split('.').slice(n).join('.');

/**
 * One query on its way to one server. A second client needing the same question from the same server while it is
 * out waits for the same answer instead of sending another (unbound's serviced queries); when the answer comes,
 * the one that asked first goes on first: on the reference network (npm run fidelity) unbound 1.17 answered the
 * client's A question before it sent the AAAA question that had waited on the same answer.
 */
class Outgoing {
  readonly waiters: ((msg: DnsRepr | undefined) => void)[] = [];
  private id: number;
  private port: number;
  private timer?: Timer;

  constructor(
    private readonly server: DnsServer,
    private readonly key: string,
    readonly target: Server,
    readonly qname: string,
    readonly qtype: number,
    waitUs: number,
    explanation: Prose,
  ) {
    const n = server.node;
    this.id = n.rng.int(0, 0xffff);
    this.port = n.ephemeralPort((p) => n.udp.has(p));
    n.udp.set(this.port, { onDatagram: (d) => this.onDatagram(d) });
    const query: DnsRepr = {
      id: this.id,
      // unbound sets CD on what it sends to authoritative servers: checking signatures is its own job, not theirs.
      flags: dnsFlags({ cd: server.realQueryBits }),
      questions: [{ name: qname, type: qtype, class: DNS_CLASS_IN }],
      answers: [],
      authorities: [],
      additionals: [],
      edns: { udpPayloadSize: 1232, dnssecOk: server.realQueryBits },
    };
    n.sendUdp({
      srcPort: this.port,
      dst: target.ip,
      dstPort: 53,
      payload: emitDns(query),
      explanation,
      dontFragment: server.realQueryBits ? false : undefined,
    });
    this.timer = n.sim.schedule(waitUs, () => this.end(undefined));
  }

  private onDatagram(d: UdpDatagram): void {
    let msg: DnsRepr;
    try {
      msg = parseDns(d.payload);
    } catch {
      return;
    }
    if (!msg.flags.qr || msg.id !== this.id || d.srcIp !== this.target.ip || d.srcPort !== 53) return; // not our answer: ignore, as a spoofing defence
    const q = msg.questions[0];
    if (!q || normName(q.name) !== this.qname || q.type !== this.qtype) return;
    if (this.timer) this.timer.cancelled = true;
    this.server.node.sim.schedule(UNBOUND_STEP_US, () => this.end(msg));
  }

  private ended = false;

  private end(msg: DnsRepr | undefined): void {
    if (this.ended) return;
    this.ended = true;
    if (this.timer) this.timer.cancelled = true;
    this.server.node.udp.delete(this.port);
    this.server.outgoing.delete(this.key);
    // unbound is one thread: each client's state goes on in its turn, one step after the one before.
    const sim = this.server.node.sim;
    this.waiters.forEach((w, i) => (i === 0 ? w(msg) : sim.schedule(i * UNBOUND_STEP_US, () => w(msg))));
  }
}

export class DnsServer implements UdpHandler {
  private zones: ZoneSet;
  private cache = new Map<string, CacheEntry>();
  private cacheTable;
  readonly outgoing = new Map<string, Outgoing>();
  private priming?: (() => void)[];

  constructor(
    readonly node: EndSystem,
    readonly role: DnsRole,
  ) {
    this.zones = new ZoneSet(role.zones);
    this.cacheTable = node.table('dnsCache');
    node.udp.set(53, this);
  }

  /** The zones were changed between fetches: answer from the new records (what is cached stays cached). */
  reload(): void {
    this.zones = new ZoneSet(this.role.zones);
  }

  get minimises(): boolean {
    return this.role.qnameMinimisation !== false;
  }

  get primes(): boolean {
    return this.role.primeRoot !== false;
  }

  /**
   * The header bits unbound and NSD set that the textbook never mentions: CD and EDNS's DO on the resolver's queries,
   * DO echoed in answers, DF clear (both set IP_PMTUDISC_OMIT on their UDP sockets). Real, unless the resolver is
   * switched to the textbook (QNAME minimisation and priming both off).
   */
  get realQueryBits(): boolean {
    return this.minimises || this.primes;
  }

  ref(...path: (string | number)[]): ConfigRef {
    return this.node.ref('roles', 'dns', ...path);
  }

  onDatagram(d: UdpDatagram): void {
    this.node.sim.schedule(this.role.recursive ? UNBOUND_STEP_US : NSD_ANSWER_US, () => this.answer(d));
  }

  private answer(d: UdpDatagram): void {
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
    const reply = (
      r: Pick<DnsRepr, 'answers' | 'authorities' | 'additionals'> & { rcode: number; aa: boolean },
      explanation: Prose,
    ) => {
      const out: DnsRepr = {
        id: msg.id,
        flags: dnsFlags({ qr: true, aa: r.aa, rd: msg.flags.rd, ra: this.role.recursive, rcode: r.rcode }),
        questions: msg.questions,
        answers: r.answers,
        authorities: r.authorities,
        additionals: r.additionals,
      };
      // NSD and unbound echo the DO bit of the question in their OPT record.
      if (msg.edns) out.edns = { udpPayloadSize: 1232, dnssecOk: msg.edns.dnssecOk };
      n.sendUdp({
        srcPort: 53,
        dst: d.srcIp,
        dstPort: d.srcPort,
        payload: emitDns(out),
        explanation,
        dontFragment: msg.edns?.dnssecOk || (this.role.recursive && this.realQueryBits) ? false : undefined,
      });
    };

    if (this.zones.size > 0) {
      const a = this.zones.answer(qname, q.type);
      if (a.kind !== 'refused') {
        const zone = displayName(a.zoneOrigin);
        const records = a.recordIndexes.length
          ? this.ref('zones', a.zoneIndex, 'records', a.recordIndexes[0])
          : this.ref('zones', a.zoneIndex);
        if (a.kind === 'referral') {
          const cut = displayName(a.authorities[0].name);
          const ns = a.authorities.map(rdataText).join(', ');
          const glue = a.additionals.map((r) => `${displayName(r.name)} ${r.data}`).join(', ');
          n.sim.decision(
            n.id,
            'dns-answer',
            explain('dns.summary.zoneReferral', { name: displayName(qname), type: dnsTypeName(q.type), cut, ns }),
            explain('dns.zone.delegated', { device: n.name, zone, cut }),
            records,
          );
          reply(
            a,
            glue
              ? explain('dns.zone.referral', { device: n.name, cut, ns, glue })
              : explain('dns.zone.referralNoGlue', { device: n.name, cut, ns }),
          );
        } else if (a.kind === 'answer') {
          const list = a.answers.map((r) => `${displayName(r.name)} ${dnsTypeName(r.type)} ${rdataText(r)}`).join(', ');
          n.sim.decision(
            n.id,
            'dns-answer',
            explain('dns.summary.authoritativeAnswer', { list }),
            explain('dns.zone.found', { device: n.name, zone, name: displayName(qname), type: dnsTypeName(q.type) }),
            records,
          );
          const full =
            this.role.minimalResponses !== true && q.type !== DNS_TYPE.NS ? this.zones.apexNs(a.zoneIndex) : undefined;
          const answer = explain('dns.zone.answer', { device: n.name, zone, list, ttl: a.answers[0].ttl });
          if (full && full.authorities.length > 0) {
            reply({ ...a, authorities: full.authorities, additionals: full.additionals }, [
              answer,
              explain('dns.zone.fullResponse', { device: n.name, zone }),
            ]);
          } else {
            reply(a, answer);
          }
        } else {
          const neg =
            a.kind === 'nxdomain'
              ? explain('dns.zone.nxdomain', { device: n.name, zone })
              : explain('dns.zone.nodata', { device: n.name, zone, type: dnsTypeName(q.type) });
          const soaTtl = a.authorities[0]?.ttl;
          n.sim.decision(
            n.id,
            'dns-answer',
            explain('dns.summary.negativeAnswer', {
              rcode: a.kind === 'nxdomain' ? 'NXDOMAIN' : 'NODATA',
              name: displayName(qname),
              type: dnsTypeName(q.type),
            }),
            explain('dns.zone.noRecord', { device: n.name, zone }),
            records,
          );
          reply(a, [neg, explain('dns.zone.negativeSoa', { ttl: soaTtl ?? '?' })]);
        }
        return;
      }
    }
    if (!this.role.recursive || !msg.flags.rd) {
      n.sim.decision(
        n.id,
        'dns-answer',
        explain('dns.summary.refused', { name: displayName(qname) }),
        explain('dns.refused.decision', { device: n.name, name: displayName(qname) }),
        this.ref('recursive'),
      );
      reply(
        { rcode: DNS_RCODE.REFUSED, aa: false, answers: [], authorities: [], additionals: [] },
        explain('dns.refused.reply', { device: n.name, name: displayName(qname) }),
      );
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
        ? explain('dns.cache.missFromRoot', {
            device: n.name,
            name: displayName(qname),
            hints: this.role.rootHints.map((h) => `${h.name} ${h.address}`).join(', '),
          })
        : explain('dns.cache.missFromCut', { device: n.name }),
      fromRoot ? this.ref('rootHints', 0) : undefined,
    );
    this.resolve(qname, q.type, 0, (res) => this.replyToClient(reply, qname, q, res, false));
  }

  private replyToClient(
    reply: (
      r: Pick<DnsRepr, 'answers' | 'authorities' | 'additionals'> & { rcode: number; aa: boolean },
      explanation: Prose,
    ) => void,
    qname: string,
    q: DnsQuestion,
    res: Resolution,
    fromCache: boolean,
  ): void {
    const n = this.node;
    const list = res.answers
      .filter((r) => r.type === q.type)
      .map(rdataText)
      .join(', ');
    const params = { device: n.name, name: displayName(qname) };
    const explanation: Prose =
      res.rcode === DNS_RCODE.NOERROR && res.answers.length > 0
        ? explain(fromCache ? 'dns.client.answerFromCache' : 'dns.client.answerResolved', { ...params, list })
        : res.rcode === DNS_RCODE.NXDOMAIN
          ? explain('dns.client.nxdomain', params)
          : res.rcode === DNS_RCODE.NOERROR
            ? explain('dns.client.nodata', { device: n.name, type: dnsTypeName(q.type) })
            : explain('dns.client.servfail', params);
    reply(
      { rcode: res.rcode, aa: false, answers: res.answers, authorities: res.authorities, additionals: [] },
      explanation,
    );
  }

  // ---- cache -------------------------------------------------------------------------------------------------

  private remaining(e: CacheEntry): number {
    return e.ttl - Math.floor((this.node.sim.now - e.storedAt) / 1e6);
  }

  private cached(name: string, type: number | string): CacheEntry | undefined {
    const e = this.cache.get(`${name}|${type}`);
    if (!e || this.remaining(e) <= 0) return undefined;
    return e;
  }

  private store(
    name: string,
    type: number | string,
    records: DnsResourceRecord[],
    negative?: CacheEntry['negative'],
  ): void {
    const ttl = negative ? (negative.soa?.ttl ?? 0) : Math.min(...records.map((r) => r.ttl));
    const e: CacheEntry = { records, storedAt: this.node.sim.now, ttl, negative };
    this.cache.set(`${name}|${type}`, e);
    const storedAtUs = this.node.sim.traceTime;
    if (negative) {
      const shown =
        negative.rcode === DNS_RCODE.NXDOMAIN
          ? 'NXDOMAIN'
          : `NODATA ${dnsTypeName(Number(String(type).slice('NODATA'.length)))}`;
      this.cacheTable.set({
        name: displayName(name),
        type: shown,
        value: negative.soa ? rdataText(negative.soa) : '',
        ttl,
        storedAtUs,
      });
    } else {
      for (const r of records)
        this.cacheTable.set({
          name: displayName(r.name),
          type: dnsTypeName(r.type),
          value: rdataText(r),
          ttl: r.ttl,
          storedAtUs,
        });
    }
  }

  private aged(records: DnsResourceRecord[], e: CacheEntry): DnsResourceRecord[] {
    const left = this.remaining(e);
    return records.map((r) => ({ ...r, ttl: Math.max(0, Math.min(r.ttl, left)) }));
  }

  /** A complete answer from the cache, following CNAMEs, or undefined. */
  fromCache(qname: string, qtype: number): Resolution | undefined {
    const answers: DnsResourceRecord[] = [];
    let name = qname;
    for (let i = 0; i < 8; i++) {
      const neg = this.cached(name, 'NEG');
      if (neg?.negative)
        return {
          rcode: neg.negative.rcode,
          answers,
          authorities: neg.negative.soa ? this.aged([neg.negative.soa], neg) : [],
        };
      const hit = this.cached(name, qtype);
      if (hit)
        return { rcode: DNS_RCODE.NOERROR, answers: [...answers, ...this.aged(hit.records, hit)], authorities: [] };
      const nodata = this.cached(name, `NODATA${qtype}`);
      if (nodata?.negative)
        return {
          rcode: DNS_RCODE.NOERROR,
          answers,
          authorities: nodata.negative.soa ? this.aged([nodata.negative.soa], nodata) : [],
        };
      const cname = this.cached(name, DNS_TYPE.CNAME);
      if (!cname) return undefined;
      answers.push(...this.aged(cname.records, cname));
      name = cname.records[0].data as string;
    }
    return undefined;
  }

  /** The deepest zone whose servers (with addresses) are cached; the root hints otherwise. */
  closestServers(qname: string): { zone?: string; servers: Server[] } {
    for (let n = qname; ; n = parent(n)) {
      const ns = this.cached(n, DNS_TYPE.NS);
      if (ns) {
        const servers: Server[] = [];
        for (const r of ns.records) {
          const a = this.cached(r.data as string, DNS_TYPE.A);
          if (a) for (const rec of a.records) servers.push({ name: r.data as string, ip: rec.data as string });
        }
        if (servers.length > 0) return { zone: n, servers };
      }
      if (n === '') break;
    }
    return { servers: this.hints() };
  }

  private hints(): Server[] {
    return this.role.rootHints.map((h) => ({ name: normName(h.name), ip: h.address }));
  }

  /** Sends a query, or joins the same query already out to the same server; `then` hears its answer (or undefined on timeout). */
  ask(
    target: Server,
    qname: string,
    qtype: number,
    waitUs: number,
    explanation: () => Prose,
    then: (msg: DnsRepr | undefined) => void,
  ): void {
    const key = `${target.ip}|${qname}|${qtype}`;
    let out = this.outgoing.get(key);
    if (!out) {
      out = new Outgoing(this, key, target, qname, qtype, waitUs, explanation());
      this.outgoing.set(key, out);
    }
    out.waiters.push(then);
  }

  // ---- iterative resolution ----------------------------------------------------------------------------------

  resolve(qname: string, qtype: number, depth: number, done: (r: Resolution) => void): void {
    const hit = this.fromCache(qname, qtype);
    if (hit) {
      done(hit);
      return;
    }
    const go = () => {
      const start = this.closestServers(qname);
      new Iteration(this, qname, qtype, depth, start.zone ?? '', start.servers, done).next();
    };
    if (this.primes && this.closestServers(qname).zone === undefined) this.prime(go);
    else go();
  }

  /**
   * unbound's root priming: before its first recursion it asks a root hint for ". NS" — the current root servers
   * and their addresses — rather than trusting its hints file. Resolutions that need the root meanwhile wait for it.
   */
  private prime(then: () => void): void {
    if (this.priming) {
      this.priming.push(then);
      return;
    }
    this.priming = [then];
    const hints = this.hints();
    const n = this.node;
    const finish = () => {
      const waiting = this.priming ?? [];
      this.priming = undefined;
      for (const w of waiting) w();
    };
    let attempt = 0;
    const tryHint = () => {
      if (attempt >= Math.max(1, hints.length) * MAX_ATTEMPTS || hints.length === 0) {
        finish(); // no root hint answered: resolve from the hints themselves, as the textbook does
        return;
      }
      const target = hints[attempt % hints.length];
      const wait = QUERY_TIMEOUT_US * 2 ** Math.floor(attempt / Math.max(1, hints.length));
      attempt++;
      this.ask(
        target,
        '',
        DNS_TYPE.NS,
        wait,
        () => [
          explain('dns.iterate.prime', { device: n.name, server: displayName(target.name), ip: target.ip }),
          explain('dns.iterate.noRecursion'),
          explain('dns.iterate.unboundBits'),
        ],
        (msg) => {
          if (
            !msg ||
            msg.flags.rcode !== DNS_RCODE.NOERROR ||
            !msg.answers.some((r) => r.type === DNS_TYPE.NS && normName(r.name) === '')
          ) {
            tryHint();
            return;
          }
          this.storeResponse(msg);
          const ns = msg.answers.filter((r) => r.type === DNS_TYPE.NS);
          const list = ns.map((r) => {
            const a = msg.additionals.find(
              (x) => x.type === DNS_TYPE.A && normName(x.name) === normName(r.data as string),
            );
            return a ? `${rdataText(r)} ${a.data}` : rdataText(r);
          });
          n.sim.decision(
            n.id,
            'dns-referral',
            explain('dns.summary.primed', { server: target.ip, list: list.join(', ') }),
            explain('dns.iterate.primed', { device: n.name, server: target.ip, list: list.join(', '), ttl: ns[0].ttl }),
            this.ref('primeRoot'),
          );
          finish();
        },
      );
    };
    tryHint();
  }

  /** Caches the A, NS and CNAME records of a response. */
  storeResponse(msg: DnsRepr): void {
    const groups = new Map<string, DnsResourceRecord[]>();
    for (const r of [...msg.answers, ...msg.authorities, ...msg.additionals]) {
      if (r.type !== DNS_TYPE.A && r.type !== DNS_TYPE.NS && r.type !== DNS_TYPE.CNAME) continue;
      const key = `${normName(r.name)}|${r.type}`;
      const list = groups.get(key);
      if (list) {
        if (!list.some((x) => x.data === r.data)) list.push({ ...r, name: normName(r.name) });
      } else groups.set(key, [{ ...r, name: normName(r.name) }]);
    }
    for (const [key, records] of groups) {
      const [name, type] = key.split('|');
      this.store(name, Number(type), records);
    }
  }

  storeNegative(qname: string, qtype: number, rcode: number, soa?: DnsResourceRecord): void {
    if (rcode === DNS_RCODE.NXDOMAIN) this.store(qname, 'NEG', [], { rcode, soa });
    else if (soa) this.store(qname, `NODATA${qtype}`, [], { rcode, soa });
  }
}

/** One question being resolved (one of unbound's mesh states). */
class Iteration {
  private attempts = 0;
  private referrals = 0;
  private serverIndex = 0;
  /** unbound's minimisation state: "init" after each referral, "minimise" while asking shortened names, "off". */
  private minimise: 'init' | 'minimise' | 'off';
  /** The (shortened) name last asked. */
  private qout?: string;

  constructor(
    private readonly server: DnsServer,
    private readonly qname: string,
    private readonly qtype: number,
    private readonly depth: number,
    private zone: string,
    private servers: Server[],
    private readonly done: (r: Resolution) => void,
  ) {
    this.minimise = server.minimises ? 'init' : 'off';
  }

  private get node() {
    return this.server.node;
  }

  /** Gives up with SERVFAIL; `why` is a "dns.giveUp.*" message, read after "… gives up on <name>:". */
  private fail(why: Prose): void {
    const n = this.node;
    n.sim.decision(n.id, 'dns-referral', explain('dns.summary.servfail', { name: displayName(this.qname) }), [
      explain('dns.giveUp.intro', { device: n.name, name: displayName(this.qname) }),
      why,
    ]);
    this.done({ rcode: DNS_RCODE.SERVFAIL, answers: [], authorities: [] });
  }

  /**
   * The question to send next, as unbound's processQueryTargets picks it: under minimisation one label more than the
   * zone (or than the name asked last), with type A, until one label is left for an A question or none for another
   * type — so for AAAA the full name is first asked with type A, then with AAAA. A shortened name already cached
   * (NOERROR or NXDOMAIN) is not asked again: the next label is added.
   */
  private question(): { name: string; type: number; minimised: boolean } {
    for (;;) {
      if (this.minimise === 'init') {
        if (!(this.qout !== undefined && isSubdomain(this.qname, this.qout) && isSubdomain(this.qout, this.zone)))
          this.qout = this.zone;
        this.minimise = 'minimise';
      }
      if (this.minimise === 'off') return { name: this.qname, type: this.qtype, minimised: false };
      const labdiff = labels(this.qname) - labels(this.qout!);
      const name = labdiff > 1 ? dropLabels(this.qname, labdiff - 1) : this.qname;
      this.qout = name;
      if (labdiff < 1 || (labdiff < 2 && this.qtype === DNS_TYPE.A)) {
        this.minimise = 'off';
        return { name: this.qname, type: this.qtype, minimised: false };
      }
      if (this.server.fromCache(name, DNS_TYPE.A)) continue;
      return { name, type: DNS_TYPE.A, minimised: true };
    }
  }

  next(): void {
    const n = this.node;
    if (this.servers.length === 0) {
      this.fail(explain('dns.giveUp.noServer'));
      return;
    }
    if (this.attempts >= MAX_ATTEMPTS * Math.max(1, Math.min(this.servers.length, 2))) {
      this.fail(
        explain('dns.giveUp.noAnswer', { servers: this.servers.map((s) => s.ip).join(', '), tries: this.attempts }),
      );
      return;
    }
    const target = this.servers[this.serverIndex % this.servers.length];
    this.attempts++;
    const q = this.question();
    const attempts = this.attempts;
    const explanation = (): Prose => {
      const question = {
        device: n.name,
        server: displayName(target.name),
        ip: target.ip,
        name: displayName(q.name),
        type: dnsTypeName(q.type),
      };
      const out: Prose[] = [
        this.zone === ''
          ? explain('dns.iterate.askRoot', question)
          : explain('dns.iterate.askServer', { ...question, zone: displayName(this.zone) }),
        explain('dns.iterate.noRecursion'),
      ];
      if (this.server.realQueryBits) out.push(explain('dns.iterate.unboundBits'));
      if (q.minimised)
        out.push(
          explain('dns.iterate.minimised', {
            name: displayName(this.qname),
            qname: displayName(q.name),
            type: dnsTypeName(this.qtype),
          }),
        );
      else if (this.server.minimises && this.qtype !== DNS_TYPE.A && labels(this.qname) > labels(this.zone))
        out.push(explain('dns.iterate.fullName'));
      else if (this.zone === '' && !this.server.minimises)
        out.push(explain('dns.iterate.textbookRoot', { name: displayName(this.qname) }));
      if (attempts > 1) out.push(explain('dns.iterate.retry', { attempt: attempts }));
      return out;
    };
    const wait = QUERY_TIMEOUT_US * 2 ** Math.floor((this.attempts - 1) / Math.max(1, this.servers.length));
    this.server.ask(target, q.name, q.type, wait, explanation, (msg) => {
      if (!msg) {
        this.serverIndex++;
        this.next();
        return;
      }
      this.onResponse(msg, target, q);
    });
  }

  private onResponse(msg: DnsRepr, target: Server, q: { name: string; type: number; minimised: boolean }): void {
    const n = this.node;
    const rcode = msg.flags.rcode;
    const soa = msg.authorities.find((r) => r.type === DNS_TYPE.SOA);
    const qmin = this.server.ref('qnameMinimisation');
    if (rcode === DNS_RCODE.NXDOMAIN) {
      this.server.storeNegative(q.name, q.type, rcode, soa);
      if (q.minimised) {
        // unbound 1.17 with its defaults (qname-minimisation-strict: no, no DNSSEC to prove the NXDOMAIN): it does not
        // trust an NXDOMAIN for a shortened name, since some servers wrongly say so for an empty non-terminal, and asks
        // the full name with the real type.
        this.minimise = 'off';
        n.sim.decision(
          n.id,
          'dns-referral',
          explain('dns.summary.nxdomainMinimised', { qname: displayName(q.name) }),
          explain('dns.iterate.nxdomainMinimised', {
            device: n.name,
            server: target.ip,
            qname: displayName(q.name),
            name: displayName(this.qname),
            type: dnsTypeName(this.qtype),
          }),
          qmin,
        );
        this.next();
        return;
      }
      n.sim.decision(
        n.id,
        'dns-result',
        explain('dns.summary.nxdomainFrom', { name: displayName(this.qname), server: target.ip }),
        explain('dns.iterate.nxdomain', { device: n.name, name: displayName(this.qname), ttl: soa?.ttl ?? 0 }),
      );
      this.done({ rcode, answers: [], authorities: soa ? [soa] : [] });
      return;
    }
    if (rcode !== DNS_RCODE.NOERROR) {
      n.sim.decision(
        n.id,
        'dns-referral',
        explain('dns.summary.errorFrom', { rcode: rcodeName(rcode), server: target.ip }),
        explain('dns.iterate.error', { device: n.name, server: target.ip, rcode: rcodeName(rcode) }),
      );
      if (q.minimised) this.minimise = 'off'; // unbound stops minimising on any error and asks the full name
      this.serverIndex++;
      this.next();
      return;
    }
    const ns = msg.authorities.filter((r) => r.type === DNS_TYPE.NS);
    const referral = msg.answers.length === 0 && ns.length > 0 && !msg.flags.aa;
    if (q.minimised && !referral) {
      // The shortened name exists (an answer or NODATA): no delegation here, so add the next label.
      if (msg.answers.length > 0) this.server.storeResponse(msg);
      else this.server.storeNegative(q.name, q.type, rcode, soa);
      this.attempts = 0;
      n.sim.decision(
        n.id,
        'dns-referral',
        explain('dns.summary.nextLabel', { qname: displayName(q.name) }),
        explain('dns.iterate.nextLabel', {
          device: n.name,
          server: target.ip,
          qname: displayName(q.name),
          name: displayName(this.qname),
          type: dnsTypeName(this.qtype),
        }),
        qmin,
      );
      this.next();
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
        n.sim.decision(
          n.id,
          'dns-referral',
          explain('dns.summary.cname', { name: displayName(name) }),
          explain('dns.iterate.cname', { device: n.name, alias: displayName(this.qname), name: displayName(name) }),
        );
        this.server.resolve(name, this.qtype, this.depth + 1, (r) =>
          this.done({ rcode: r.rcode, answers: [...answers, ...r.answers], authorities: r.authorities }),
        );
        return;
      }
      n.sim.decision(
        n.id,
        'dns-result',
        explain('dns.summary.answerFrom', { server: target.ip, name: displayName(this.qname), list }),
        explain('dns.iterate.answer', {
          device: n.name,
          server: target.ip,
          name: displayName(this.qname),
          type: dnsTypeName(this.qtype),
          list,
          ttl: final[0]?.ttl ?? 0,
        }),
      );
      this.done({ rcode, answers, authorities: [] });
      return;
    }
    if (referral) {
      const cut = normName(ns[0].name);
      // A referral must lead closer to the name, or the server is "lame" (and a loop waits).
      if (
        !isSubdomain(this.qname, cut) ||
        !isSubdomain(cut, this.zone) ||
        cut === this.zone ||
        ++this.referrals > MAX_REFERRALS
      ) {
        this.fail(explain('dns.giveUp.lame', { server: target.ip, cut: displayName(cut) }));
        return;
      }
      this.server.storeResponse(msg);
      const glue: Server[] = [];
      for (const r of ns) {
        const nsName = normName(r.data as string);
        for (const a of msg.additionals)
          if (a.type === DNS_TYPE.A && normName(a.name) === nsName) glue.push({ name: nsName, ip: a.data as string });
      }
      this.zone = cut;
      this.attempts = 0;
      this.serverIndex = 0;
      if (this.minimise !== 'off') this.minimise = 'init';
      if (glue.length > 0) {
        n.sim.decision(
          n.id,
          'dns-referral',
          explain('dns.summary.referral', {
            cut: displayName(cut),
            glue: glue.map((g) => `${displayName(g.name)} ${g.ip}`).join(', '),
          }),
          explain('dns.iterate.referral', {
            device: n.name,
            server: target.ip,
            cut: displayName(cut),
            ns: ns.map(rdataText).join(', '),
          }),
          q.minimised ? this.server.ref('qnameMinimisation') : undefined,
        );
        this.servers = glue;
        this.next();
        return;
      }
      const nsName = normName(ns[0].data as string);
      n.sim.decision(
        n.id,
        'dns-referral',
        explain('dns.summary.referralNoGlue', { cut: displayName(cut), ns: displayName(nsName) }),
        explain('dns.iterate.referralNoGlue', { device: n.name, ns: displayName(nsName), cut: displayName(cut) }),
      );
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
        this.next();
      });
      return;
    }
    // NOERROR without answers: NODATA, cached for the SOA's TTL (RFC 2308).
    this.server.storeNegative(this.qname, this.qtype, rcode, soa);
    n.sim.decision(
      n.id,
      'dns-result',
      explain('dns.summary.nodataFrom', {
        name: displayName(this.qname),
        type: dnsTypeName(this.qtype),
        server: target.ip,
      }),
      explain('dns.iterate.nodata', {
        device: n.name,
        server: target.ip,
        name: displayName(this.qname),
        type: dnsTypeName(this.qtype),
        ttl: soa?.ttl ?? 0,
      }),
    );
    this.done({ rcode: DNS_RCODE.NOERROR, answers: [], authorities: soa ? [soa] : [] });
  }
}
