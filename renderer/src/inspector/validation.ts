// Text → model value for every inspector field. Truth comes from the file schema's own zod types (so the inspector
// can never accept what the loader would reject); the messages are i18n keys so they read well in every language.
import type { z } from 'zod';
import {
  Cidr,
  DeviceName,
  DnsName,
  DnsRecord,
  FirewallRule,
  InterfaceName,
  Ipv4,
  Mac,
  WebPage,
} from '../../../shared/model/schema';

/** A message to show under a field: a key in the `inspector` namespace (under `error.`) and its values. */
export interface FieldMessage {
  key: string;
  values?: Record<string, string | number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: FieldMessage };
export type Parser<T> = (text: string) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (key: string, values?: Record<string, string | number>): Parsed<never> => ({
  ok: false,
  error: values ? { key, values } : { key },
});

/** Accept exactly what `schema` accepts; otherwise report `key`. Leading/trailing spaces are forgiven. */
function bySchema(schema: z.ZodType<string>, key: string): Parser<string> {
  return (text) => {
    const value = text.trim();
    if (value === '') return fail('required');
    return schema.safeParse(value).success ? ok(value) : fail(key);
  };
}

export const parseIpv4: Parser<string> = bySchema(Ipv4, 'ipv4');
export const parseCidr: Parser<string> = bySchema(Cidr, 'cidr');
export const parseInterfaceName: Parser<string> = bySchema(InterfaceName, 'interfaceName');
export const parseRuleId: Parser<string> = bySchema(FirewallRule.shape.id, 'id');

/** MACs are stored lower case; typing upper case is fine. */
export const parseMac: Parser<string> = (text) => bySchema(Mac, 'mac')(text.trim().toLowerCase());

/** Domain names are stored lower case (the DNS is case-insensitive and the file is canonical). */
export const parseDnsName: Parser<string> = (text) => {
  const value = text.trim().toLowerCase();
  if (value === '') return fail('required');
  if (value.length > 253) return fail('dnsNameLength');
  return DnsName.safeParse(value).success ? ok(value) : fail('dnsName');
};

export const parseDeviceName: Parser<string> = (text) => {
  const value = text.trim();
  if (value === '') return fail('required');
  if (value.length > 64) return fail('tooLong', { max: 64 });
  return DeviceName.safeParse(value).success ? ok(value) : fail('deviceName');
};

/** An empty field means "not set" for optional settings (gateway, DNS server, an interface's address…). */
export function optional<T>(parser: Parser<T>): Parser<T | undefined> {
  return (text) => (text.trim() === '' ? ok(undefined) : parser(text));
}

/** A whole number in [min, max]. */
export function integer(min: number, max: number): Parser<number> {
  return (text) => {
    const value = text.trim();
    if (value === '') return fail('required');
    if (!/^-?\d+$/.test(value)) return fail('integer');
    const n = Number(value);
    return n >= min && n <= max ? ok(n) : fail('range', { min, max });
  };
}

export const parsePort: Parser<number> = integer(1, 65535);

/** "any" or a prefix, as firewall rules take. */
export const parseRuleAddress: Parser<string> = (text) => {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'any' || value === '*') return ok('any');
  return Cidr.safeParse(value).success ? ok(value) : fail('ruleAddress');
};

export const parseWebPath: Parser<string> = (text) => {
  const value = text.trim();
  if (value === '') return fail('required');
  return WebPage.shape.path.safeParse(value).success ? ok(value) : fail('webPath');
};

/** Where a page redirects to: a path on the same site or a whole http(s):// URL, as nginx's `return 301` takes. */
export const parseRedirectLocation: Parser<string> = (text) => {
  const value = text.trim();
  if (value === '') return fail('required');
  return WebPage.shape.location.safeParse(value).success ? ok(value) : fail('redirectLocation');
};

export function maxLength(max: number): Parser<string> {
  return (text) => (text.length <= max ? ok(text) : fail('tooLong', { max }));
}

export function nonEmpty(max: number): Parser<string> {
  return (text) => {
    const value = text.trim();
    if (value === '') return fail('required');
    return value.length <= max ? ok(value) : fail('tooLong', { max });
  };
}

/** Refuse a value some other item already has (device names, interface names, rule ids…). */
export function unique<T>(parser: Parser<T>, taken: (value: T) => boolean, key = 'duplicate'): Parser<T> {
  return (text) => {
    const result = parser(text);
    if (!result.ok) return result;
    return taken(result.value) ? fail(key, { value: String(result.value) }) : result;
  };
}

type DnsRecordType = DnsRecord['type'];

const ttlPattern = /^\d+$/;

/**
 * A record's value depends on its type: A → an IPv4 address; NS and CNAME → a name; SOA → the seven fields
 * "mname rname serial refresh retry expire minimum" (two names, then five 32-bit numbers).
 */
export function parseRecordValue(type: DnsRecordType): Parser<string> {
  return (text) => {
    const value = text.trim().replace(/\s+/g, ' ');
    if (value === '') return fail('required');
    if (value.length > 512) return fail('tooLong', { max: 512 });
    switch (type) {
      case 'A':
        return Ipv4.safeParse(value).success ? ok(value) : fail('recordA');
      case 'NS':
      case 'CNAME': {
        const name = value.toLowerCase();
        return DnsName.safeParse(name).success ? ok(name) : fail('recordName', { type });
      }
      case 'SOA': {
        const parts = value.split(' ');
        if (parts.length !== 7) return fail('soaFields', { count: parts.length });
        const [mname, rname, ...numbers] = parts;
        if (!DnsName.safeParse(mname.toLowerCase()).success) return fail('soaName', { field: 'mname' });
        if (!DnsName.safeParse(rname.toLowerCase()).success) return fail('soaName', { field: 'rname' });
        const bad = numbers.findIndex((n) => !ttlPattern.test(n) || Number(n) > 4294967295);
        if (bad >= 0) return fail('soaNumber', { field: SOA_NUMBER_FIELDS[bad] });
        return ok([mname.toLowerCase(), rname.toLowerCase(), ...numbers.map((n) => String(Number(n)))].join(' '));
      }
    }
  };
}

const SOA_NUMBER_FIELDS = ['serial', 'refresh', 'retry', 'expire', 'minimum'] as const;

export const parseTtl: Parser<number> = integer(0, 2147483647);
export const parseLeaseSeconds: Parser<number> = integer(60, 31536000);
export const parseMaxAge: Parser<number> = integer(0, 31536000);
export const parseHttpStatus: Parser<number> = integer(100, 599);
