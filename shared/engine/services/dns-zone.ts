// Authoritative lookup in the zones of a DNS server, the way BIND or NSD answers: the closest zone, then a
// delegation (referral with glue), an exact answer (AA), a CNAME, NODATA, or NXDOMAIN with the zone's SOA.
import type { DnsRecord, DnsZone } from '../../model/schema';
import { DNS_CLASS_IN, DNS_RCODE, DNS_TYPE, type DnsResourceRecord, type DnsSoa } from '../../wire/dns';

export const normName = (name: string): string => {
  const n = name.toLowerCase();
  return n === '.' ? '' : n.endsWith('.') ? n.slice(0, -1) : n;
};

export const isSubdomain = (name: string, zone: string): boolean =>
  zone === '' || name === zone || name.endsWith('.' + zone);

export const parent = (name: string): string => {
  const dot = name.indexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
};

export const displayName = (name: string): string => (name === '' ? '.' : name + '.');

export function parseSoa(value: string): DnsSoa {
  const [mname, rname, serial, refresh, retry, expire, minimum] = value.trim().split(/\s+/);
  return {
    mname: normName(mname ?? ''),
    rname: normName(rname ?? ''),
    serial: Number(serial) || 0,
    refresh: Number(refresh) || 0,
    retry: Number(retry) || 0,
    expire: Number(expire) || 0,
    minimum: Number(minimum) || 0,
  };
}

export function toResourceRecord(r: DnsRecord): DnsResourceRecord {
  const name = normName(r.name);
  const type = DNS_TYPE[r.type];
  const data = r.type === 'A' ? r.value.trim() : r.type === 'SOA' ? parseSoa(r.value) : normName(r.value.trim());
  return { name, type, class: DNS_CLASS_IN, ttl: r.ttl, data };
}

export interface ZoneAnswer {
  kind: 'answer' | 'referral' | 'nxdomain' | 'nodata' | 'refused';
  rcode: number;
  aa: boolean;
  answers: DnsResourceRecord[];
  authorities: DnsResourceRecord[];
  additionals: DnsResourceRecord[];
  zoneIndex: number;
  /** Indexes (in the zone's records) of the records that decided the answer. */
  recordIndexes: number[];
  zoneOrigin: string;
}

interface IndexedRecord {
  index: number;
  record: DnsRecord;
  name: string;
}

export class ZoneSet {
  private zones: { origin: string; records: IndexedRecord[]; byName: Map<string, IndexedRecord[]> }[];

  constructor(zones: DnsZone[]) {
    this.zones = zones.map((z) => {
      const records = z.records.map((record, index) => ({ index, record, name: normName(record.name) }));
      const byName = new Map<string, IndexedRecord[]>();
      for (const r of records) {
        const list = byName.get(r.name);
        if (list) list.push(r);
        else byName.set(r.name, [r]);
      }
      return { origin: normName(z.origin), records, byName };
    });
  }

  get size(): number {
    return this.zones.length;
  }

  /** The zone's own NS records and the addresses of those inside it: what NSD adds to an answer (minimal-responses: no). */
  apexNs(zoneIndex: number): { authorities: DnsResourceRecord[]; additionals: DnsResourceRecord[] } {
    const zone = this.zones[zoneIndex];
    const ns = (zone.byName.get(zone.origin) ?? []).filter((r) => r.record.type === 'NS');
    const additionals: DnsResourceRecord[] = [];
    for (const r of ns)
      for (const a of zone.byName.get(normName(r.record.value)) ?? [])
        if (a.record.type === 'A') additionals.push(toResourceRecord(a.record));
    return { authorities: ns.map((r) => toResourceRecord(r.record)), additionals };
  }

  answer(qname: string, qtype: number): ZoneAnswer {
    let best = -1;
    this.zones.forEach((z, i) => {
      if (isSubdomain(qname, z.origin) && (best < 0 || z.origin.length > this.zones[best].origin.length)) best = i;
    });
    const empty = { answers: [], authorities: [], additionals: [], recordIndexes: [] };
    if (best < 0)
      return { kind: 'refused', rcode: DNS_RCODE.REFUSED, aa: false, zoneIndex: -1, zoneOrigin: '', ...empty };
    const zone = this.zones[best];
    const soa = (zone.byName.get(zone.origin) ?? []).find((r) => r.record.type === 'SOA');
    const soaAuthority = (): DnsResourceRecord[] => {
      if (!soa) return [];
      const rr = toResourceRecord(soa.record);
      return [{ ...rr, ttl: Math.min(rr.ttl, (rr.data as DnsSoa).minimum) }]; // RFC 2308 negative TTL
    };
    // A delegation on the way down from the apex to qname wins over anything below it.
    const chain: string[] = [];
    for (let n = qname; n !== zone.origin; n = parent(n)) {
      chain.unshift(n);
      if (n === '') break;
    }
    for (const cut of chain) {
      const ns = (zone.byName.get(cut) ?? []).filter((r) => r.record.type === 'NS');
      if (ns.length === 0) continue;
      const glue: IndexedRecord[] = [];
      for (const r of ns) {
        for (const a of zone.byName.get(normName(r.record.value)) ?? []) if (a.record.type === 'A') glue.push(a);
      }
      return {
        kind: 'referral',
        rcode: DNS_RCODE.NOERROR,
        aa: false,
        answers: [],
        authorities: ns.map((r) => toResourceRecord(r.record)),
        additionals: glue.map((r) => toResourceRecord(r.record)),
        zoneIndex: best,
        zoneOrigin: zone.origin,
        recordIndexes: [...ns, ...glue].map((r) => r.index),
      };
    }
    const here = zone.byName.get(qname) ?? [];
    if (here.length > 0) {
      const exact = here.filter((r) => DNS_TYPE[r.record.type] === qtype);
      if (exact.length > 0) {
        const additionals: IndexedRecord[] = [];
        if (qtype === DNS_TYPE.NS) {
          for (const r of exact)
            for (const a of zone.byName.get(normName(r.record.value)) ?? [])
              if (a.record.type === 'A') additionals.push(a);
        }
        return {
          kind: 'answer',
          rcode: DNS_RCODE.NOERROR,
          aa: true,
          answers: exact.map((r) => toResourceRecord(r.record)),
          authorities: [],
          additionals: additionals.map((r) => toResourceRecord(r.record)),
          zoneIndex: best,
          zoneOrigin: zone.origin,
          recordIndexes: exact.map((r) => r.index),
        };
      }
      const cname = here.find((r) => r.record.type === 'CNAME');
      if (cname) {
        const answers = [toResourceRecord(cname.record)];
        const target = normName(cname.record.value);
        const targetRecords = (zone.byName.get(target) ?? []).filter((r) => DNS_TYPE[r.record.type] === qtype);
        for (const r of targetRecords) answers.push(toResourceRecord(r.record));
        return {
          kind: 'answer',
          rcode: DNS_RCODE.NOERROR,
          aa: true,
          answers,
          authorities: [],
          additionals: [],
          zoneIndex: best,
          zoneOrigin: zone.origin,
          recordIndexes: [cname.index, ...targetRecords.map((r) => r.index)],
        };
      }
      return {
        kind: 'nodata',
        rcode: DNS_RCODE.NOERROR,
        aa: true,
        answers: [],
        authorities: soaAuthority(),
        additionals: [],
        zoneIndex: best,
        zoneOrigin: zone.origin,
        recordIndexes: soa ? [soa.index] : [],
      };
    }
    const emptyNonTerminal = zone.records.some((r) => r.name.endsWith('.' + qname));
    return {
      kind: emptyNonTerminal ? 'nodata' : 'nxdomain',
      rcode: emptyNonTerminal ? DNS_RCODE.NOERROR : DNS_RCODE.NXDOMAIN,
      aa: true,
      answers: [],
      authorities: soaAuthority(),
      additionals: [],
      zoneIndex: best,
      zoneOrigin: zone.origin,
      recordIndexes: soa ? [soa.index] : [],
    };
  }
}
