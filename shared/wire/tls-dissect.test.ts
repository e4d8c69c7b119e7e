// The TLS layer of the inspector against Wireshark: a real handshake and HTTP exchange (our TLS 1.3 client and
// server) in TCP segments, written as a pcapng and decoded by tshark; every TLS field both decode must agree in value
// and byte range, and the Info and Protocol columns must read the same.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Field, Layer } from './field';
import { TcpStreamTracker, TlsStreamTracker, parseFrame, summarizeFrame, topProtocol } from './frame';
import { writePcapng } from './pcapng';
import { TLS_SAMPLE, tlsSampleConnection, type TlsSampleFrame } from './tls-testing';

let dir: string;
let tshark: string;

beforeAll(() => {
  try {
    tshark = execFileSync('which', ['tshark'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('tshark not found on PATH: install the Debian package "tshark" (CI does this in .ci/run)');
  }
  dir = mkdtempSync(join(tmpdir(), 'packet-journey-tls-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): string {
  return execFileSync(tshark, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

function write(name: string, frames: TlsSampleFrame[]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    writePcapng({
      interfaces: [{ name: 'pc—web' }],
      packets: frames.map((f, i) => ({
        interfaceIndex: 0,
        timestampUs: 1_767_225_600_000_000 + i * 1000,
        bytes: f.bytes,
      })),
    }),
  );
  return path;
}

function dissectAll(frames: TlsSampleFrame[]): Layer[][] {
  const tcpStreams = new TcpStreamTracker();
  const tlsStreams = new TlsStreamTracker();
  return frames.map((f) => parseFrame(f.bytes, { tcpStreams, tlsStreams }));
}

type Occurrence = { value: string; offset: number; length: number };

/** tshark's TLS fields by name, in document order, each with the byte range of its `_raw` twin. */
function tsharkTlsFields(tls: unknown): Map<string, Occurrence[]> {
  const out = new Map<string, Occurrence[]>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(obj)) {
      if (key.endsWith('_raw')) continue;
      const values =
        typeof value === 'string'
          ? [value]
          : Array.isArray(value) && value.every((v) => typeof v === 'string')
            ? (value as string[])
            : undefined;
      if (values) {
        const raw = obj[`${key}_raw`] as unknown[] | undefined;
        const raws = (!Array.isArray(raw) ? [] : raw.some(Array.isArray) ? raw.filter(Array.isArray) : [raw]) as [
          string,
          number,
          number,
        ][];
        const list = out.get(key) ?? [];
        values.forEach((v, i) => list.push({ value: v, offset: raws[i]?.[1] ?? -1, length: raws[i]?.[2] ?? -1 }));
        out.set(key, list);
      } else if (typeof value === 'object') walk(value);
    }
  };
  walk(tls);
  return out;
}

function ourFields(fields: Field[], out = new Map<string, Occurrence[]>()): Map<string, Occurrence[]> {
  for (const f of fields) {
    const list = out.get(f.key) ?? [];
    list.push({ value: f.value, offset: f.offset, length: f.length });
    out.set(f.key, list);
    if (f.children) ourFields(f.children, out);
  }
  return out;
}

/** Ours "TLS_AES_128_GCM_SHA256 (0x1301)" → "0x1301", "Handshake (22)" → "22"; tshark's "5b:08:…" → "5b08…". */
const oursNormal = (v: string) => /\((0x[0-9a-f]+|\d+)\)$/.exec(v)?.[1] ?? v.replace(/… \(\d+ bytes\)$/, '');
const theirsNormal = (v: string) => (/^([0-9a-f]{2}:)+[0-9a-f]{2}$/.test(v) ? v.replace(/:/g, '') : v);

/** Compares every TLS field both decoders show; returns the field names compared. */
function compare(path: string, frames: TlsSampleFrame[], layers: Layer[][], keyLog?: string): Set<string> {
  const keys = keyLog ? ['-o', `tls.keylog_file:${join(dir, 'keys.txt')}`] : [];
  if (keyLog) writeFileSync(join(dir, 'keys.txt'), keyLog);
  const packets = JSON.parse(run(['-2', '-r', path, ...keys, '-T', 'json', '-x', '--no-duplicate-keys'])) as {
    _source: { layers: Record<string, unknown> };
  }[];
  const columns = run([
    '-2',
    '-r',
    path,
    '-T',
    'fields',
    '-E',
    'separator=/t',
    '-e',
    '_ws.col.Protocol',
    '-e',
    '_ws.col.Info',
  ])
    .trimEnd()
    .split('\n')
    .map((l) => l.split('\t'));
  const compared = new Set<string>();
  frames.forEach((frame, i) => {
    const tls = layers[i].find((l) => l.protocol === 'tls');
    const [protocol, info] = columns[i];
    if (!tls) {
      expect(protocol, `${frame.name}: tshark sees no TLS either`).toBe('TCP');
      return;
    }
    expect(
      layers[i].some((l) => l.protocol === 'malformed'),
      frame.name,
    ).toBe(false);
    // Wireshark 4.2 adds the SNI to the Info column; the 4.0 in Debian 12 does not yet.
    const summary = summarizeFrame(layers[i]).replace(/ \(SNI=[^)]*\)/, '');
    if (summary === '[TCP segment of a reassembled PDU]') {
      expect(protocol, frame.name).toBe('TCP');
      expect(info.endsWith(summary), `${frame.name}: "${info}"`).toBe(true);
    } else {
      expect(info.trim(), frame.name).toBe(summary);
      // "TLSv1.3 Record Layer", or "Continuation of TLSv1.3 Record Layer" for the end of a record begun earlier
      expect(tls.fields[0].label.replace(/^Continuation of /, ''), frame.name).toBe(`${protocol} Record Layer`);
    }
    const ours = ourFields(tls.fields);
    // A record reassembled from several segments is decoded by tshark in its own buffer: compare only what is whole.
    if (ours.has('tls.record.continuation') || ours.has('tls.record.continues')) return;
    const theirs = tsharkTlsFields(packets[i]._source.layers.tls);
    for (const [key, mine] of ours) {
      const their = theirs.get(key);
      if (!their) continue;
      // a long byte string is shown cut (its first 32 bytes and the length): it must be how tshark's starts
      const theirValues = their.map((o) => theirsNormal(o.value));
      expect(
        mine.map((o, k) => {
          const v = oursNormal(o.value);
          return theirValues[k]?.startsWith(v) ? theirValues[k] : v;
        }),
        `${frame.name} ${key}`,
      ).toEqual(theirValues);
      expect(
        mine.map((o) => [o.offset, o.length]),
        `${frame.name} ${key} bytes`,
      ).toEqual(their.map((o) => [o.offset, o.length]));
      compared.add(key);
    }
  });
  return compared;
}

describe('TLS in the packet inspector, as Wireshark decodes it', () => {
  it('reads every record, handshake message and extension of a real connection field by field, with exact bytes', () => {
    const { frames } = tlsSampleConnection();
    const layers = dissectAll(frames);
    const compared = compare(write('tls.pcapng', frames), frames, layers);
    expect([...compared].sort()).toEqual(
      expect.arrayContaining([
        'tls.record.content_type',
        'tls.record.opaque_type',
        'tls.record.version',
        'tls.record.length',
        'tls.handshake.type',
        'tls.handshake.length',
        'tls.handshake.version',
        'tls.handshake.random',
        'tls.handshake.session_id_length',
        'tls.handshake.session_id',
        'tls.handshake.cipher_suites_length',
        'tls.handshake.ciphersuite',
        'tls.handshake.comp_methods_length',
        'tls.handshake.comp_method',
        'tls.handshake.extensions_length',
        'tls.handshake.extension.type',
        'tls.handshake.extension.len',
        'tls.handshake.extensions_server_name_list_len',
        'tls.handshake.extensions_server_name_type',
        'tls.handshake.extensions_server_name_len',
        'tls.handshake.extensions_server_name',
        'tls.handshake.extensions_supported_groups_length',
        'tls.handshake.extensions_supported_group',
        'tls.handshake.sig_hash_alg_len',
        'tls.handshake.sig_hash_alg',
        'tls.handshake.extensions_alpn_len',
        'tls.handshake.extensions_alpn_str_len',
        'tls.handshake.extensions_alpn_str',
        'tls.handshake.extensions.supported_versions_len',
        'tls.handshake.extensions.supported_version',
        'tls.extension.psk_ke_modes_length',
        'tls.extension.psk_ke_mode',
        'tls.handshake.extensions_key_share_client_length',
        'tls.handshake.extensions_key_share_group',
        'tls.handshake.extensions_key_share_key_exchange_length',
        'tls.handshake.extensions_key_share_key_exchange',
        'tls.change_cipher_spec',
        'tls.app_data',
      ]),
    );
  });

  it('names the layer and the records as Wireshark does, with the SNI in the Info line and the protocol "tls"', () => {
    const { frames } = tlsSampleConnection();
    const layers = dissectAll(frames);
    const hello = layers[frames.findIndex((f) => f.name === 'client-hello')];
    expect(topProtocol(hello)).toBe('tls');
    const tls = hello.find((l) => l.protocol === 'tls')!;
    expect(tls.summary).toBe(`Client Hello (SNI=${TLS_SAMPLE.host})`);
    const record = tls.fields[0];
    expect(`${record.label}: ${record.value}`).toBe('TLSv1.3 Record Layer: Handshake Protocol: Client Hello');
    const extensions = record
      .children!.find((f) => f.key === 'tls.handshake')!
      .children!.filter((f) => f.key === 'tls.handshake.extension')
      .map((f) => f.value);
    expect(extensions).toEqual([
      'server_name (len=20) name=www.example.com',
      'supported_groups (len=6)',
      'signature_algorithms (len=8)',
      'application_layer_protocol_negotiation (len=14)',
      'supported_versions (len=3)',
      'psk_key_exchange_modes (len=2)',
      'key_share (len=38)',
    ]);
    const server = layers[frames.findIndex((f) => f.name === 'server-hello')].find((l) => l.protocol === 'tls')!;
    expect(server.summary).toBe(
      'Server Hello, Change Cipher Spec, Application Data, Application Data, Application Data, Application Data',
    );
    expect(server.fields.map((f) => `${f.label}: ${f.value}`)).toEqual([
      'TLSv1.3 Record Layer: Handshake Protocol: Server Hello',
      'TLSv1.3 Record Layer: Change Cipher Spec Protocol: Change Cipher Spec',
      ...Array(4).fill('TLSv1.3 Record Layer: Application Data Protocol: Hypertext Transfer Protocol'),
    ]);
    const encrypted = server.fields[2].children!.map((f) => `${f.label}: ${f.value}`);
    expect(encrypted[0]).toBe('Opaque Type: Application Data (23)');
    expect(encrypted[3]).toMatch(/^Encrypted Application Data: [0-9a-f]{64}…/);
  });

  it('follows records cut across TCP segments (the server flight in 300-byte segments) as Wireshark reassembles them', () => {
    const { frames } = tlsSampleConnection(300);
    const layers = dissectAll(frames);
    compare(write('tls-300.pcapng', frames), frames, layers);
    const names = frames.map((f, i) => [f.name, summarizeFrame(layers[i])]);
    expect(names.filter(([n]) => n.startsWith('server-hello'))).toEqual([
      ['server-hello 1', 'Server Hello, Change Cipher Spec, Application Data'],
      ['server-hello 2', '[TCP segment of a reassembled PDU]'],
      ['server-hello 3', '[TCP segment of a reassembled PDU]'],
      ['server-hello 4', 'Application Data, Application Data'],
      ['server-hello 5', 'Application Data'],
    ]);
    // the same segment dissected again on the next link reads the same (the tracker is idempotent)
    const tcpStreams = new TcpStreamTracker();
    const tlsStreams = new TlsStreamTracker();
    const twice = frames.flatMap((f) => [
      parseFrame(f.bytes, { tcpStreams, tlsStreams }),
      parseFrame(f.bytes, { tcpStreams, tlsStreams }),
    ]);
    expect(twice.filter((_, i) => i % 2 === 1).map(summarizeFrame)).toEqual(layers.map(summarizeFrame));
  });

  it('never throws on cut or garbled TLS: what does not parse is shown as such', () => {
    const { frames } = tlsSampleConnection();
    const hello = frames.find((f) => f.name === 'client-hello')!.bytes;
    const tlsAt = 14 + 20 + 20;
    for (const cut of [tlsAt + 3, tlsAt + 5, tlsAt + 9, tlsAt + 60, tlsAt + 150, hello.length - 1]) {
      const bytes = hello.slice(0, cut);
      expect(() => parseFrame(bytes)).not.toThrow();
    }
    for (let i = tlsAt; i < hello.length; i += 7) {
      const bytes = hello.slice();
      bytes[i] ^= 0xff;
      expect(() => parseFrame(bytes)).not.toThrow();
    }
  });
});
