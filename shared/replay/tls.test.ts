// Decrypting a trace's TLS with its key log, and what a link sees of each TLS frame. The frames are a real
// connection between our TLS client and server (shared/wire/tls-testing.ts), each crossing two links; tshark,
// given the same key log, must name the same messages in each frame.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FrameStep, Trace } from '../engine/trace';
import { TcpStreamTracker, TlsStreamTracker, parseFrame, summarizeFrame, topProtocol } from '../wire/frame';
import { writePcapng } from '../wire/pcapng';
import { TLS_SAMPLE, TLS_SAMPLE_REQUEST, TLS_SAMPLE_RESPONSE, tlsSampleConnection } from '../wire/tls-testing';
import { frameFieldRows } from '../slides/fields';
import { compareHops } from './hops';
import { decryptedRecords, linkView, parseKeyLog, tlsDecryption } from './tls';

const dir = mkdtempSync(join(tmpdir(), 'packet-journey-tls-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A trace whose packets each cross two links (pc—router, router—web, NAT between), as the engine records them. */
function traceOf(mss: number, keyLog?: string) {
  const { frames, keyLog: log } = tlsSampleConnection(mss);
  const tcpStreams = new TcpStreamTracker();
  const tlsStreams = new TlsStreamTracker();
  const steps: FrameStep[] = [];
  frames.forEach((f, packetId) => {
    // l1 is pc's side of a NAT router, l2 the server's: the server's packets are first seen with the NAT's address
    for (const linkId of f.fromClient ? ['l1', 'l2'] : ['l2', 'l1']) {
      const bytes = linkId === 'l1' ? f.bytes : f.natBytes;
      const layers = parseFrame(bytes, { tcpStreams, tlsStreams });
      steps.push({
        type: 'frame',
        index: steps.length,
        timeUs: steps.length * 100,
        explanation: '',
        linkId,
        from: { deviceId: 'a', interface: 'eth0' },
        to: { deviceId: 'b', interface: 'eth0' },
        bytes,
        layers,
        protocol: topProtocol(layers),
        summary: summarizeFrame(layers),
        packetId,
      });
    }
  });
  const trace = {
    scenario: { from: 'pc', url: 'https://www.example.com/', seed: 1, warm: false },
    steps,
    outcome: { ok: false, error: 'x', summary: '' },
    tlsKeyLog: keyLog ?? log,
  } as Trace;
  return { trace, frames, keyLog: log };
}

/** What Wireshark's Info column says of each frame when it has the keys. */
function tsharkDecryptedInfo(mss: number, keyLog: string): string[] {
  const { frames } = tlsSampleConnection(mss);
  const pcap = join(dir, `c${mss}.pcapng`);
  const keys = join(dir, 'keys.txt');
  writeFileSync(
    pcap,
    writePcapng({
      interfaces: [{ name: 'l1' }],
      packets: frames.map((f, i) => ({
        interfaceIndex: 0,
        timestampUs: 1_767_225_600_000_000 + i * 1000,
        bytes: f.bytes,
      })),
    }),
  );
  writeFileSync(keys, keyLog);
  return execFileSync(
    'tshark',
    ['-2', '-r', pcap, '-o', `tls.keylog_file:${keys}`, '-T', 'fields', '-e', '_ws.col.Info'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  )
    .trimEnd()
    .split('\n')
    .map((l) => l.trim());
}

/** Our Info line with the keys: the records' inner names in place of "Application Data", HTTP's line for HTTP. */
function decryptedInfo(trace: Trace, step: FrameStep): string {
  const records = decryptedRecords(trace, step);
  const http = records.find((r) => r.layer.protocol === 'http');
  if (http) return http.layer.summary;
  let k = 0;
  const names = step.summary
    .replace(/ \(SNI=[^)]*\)/, '')
    .split(', ')
    .map((n) => (n === 'Application Data' && records[k] ? records[k++].layer.summary : n));
  return names.join(', ');
}

describe('TLS decrypted with the trace key log', () => {
  it.each([1448, 300])(
    'opens every protected record (segments of %i bytes) to what tshark shows with the same keys',
    (mss) => {
      const { trace, keyLog } = traceOf(mss);
      const theirs = tsharkDecryptedInfo(mss, keyLog);
      const firstHops = trace.steps.filter((s, i) => i % 2 === 0) as FrameStep[];
      firstHops.forEach((step, i) => {
        if (step.protocol !== 'tls' || step.summary.startsWith('[TCP segment')) return;
        // tshark writes "HTTP/1.1 200 OK  (text/html)": the start line, then the content type
        expect(theirs[i].replace(/ +\(text\/html\)$/, '').trim(), `frame ${i + 1}`).toBe(decryptedInfo(trace, step));
      });
      // every hop of a packet shows the same plaintext
      expect(decryptedRecords(trace, trace.steps[9] as FrameStep)).toBe(
        decryptedRecords(trace, trace.steps[8] as FrameStep),
      );
    },
  );

  it('gives the HTTP request and response and the certificate as they were sent', () => {
    const { trace, frames } = traceOf(1448);
    const at = (name: string) => trace.steps[frames.findIndex((f) => f.name === name) * 2] as FrameStep;
    const request = decryptedRecords(trace, at('request'));
    expect(request.map((r) => [r.contentType, r.keys])).toEqual([[23, 'application']]);
    expect(new TextDecoder().decode(request[0].plaintext)).toBe(TLS_SAMPLE_REQUEST);
    expect(request[0].layer.summary).toBe('GET / HTTP/1.1');
    expect(new TextDecoder().decode(decryptedRecords(trace, at('response'))[0].plaintext)).toBe(TLS_SAMPLE_RESPONSE);
    const flight = decryptedRecords(trace, at('server-hello'));
    expect(flight.map((r) => r.layer.summary)).toEqual([
      'Encrypted Extensions',
      'Certificate',
      'Certificate Verify',
      'Finished',
    ]);
    expect(flight.every((r) => r.keys === 'handshake')).toBe(true);
    const certs = flight[1].layer.fields
      .flatMap((f) => f.children ?? [])
      .flatMap((f) => f.children ?? [])
      .filter((f) => f.key === 'tls.handshake.certificate');
    expect(certs[0].value).toBe(
      `subject CN=${TLS_SAMPLE.host} (${TLS_SAMPLE.host}, example.com), issuer CN=Sample CA, valid 2025-12-02 to 2027-01-01`,
    );
    // the plaintext's fields point into the plaintext
    const cert = certs[0];
    expect(flight[1].plaintext.length).toBeGreaterThanOrEqual(cert.offset + cert.length);
    expect(decryptedRecords(trace, at('client-finished')).map((r) => r.layer.summary)).toEqual(['Finished']);
    expect(decryptedRecords(trace, at('client-close-notify')).map((r) => r.layer.summary)).toEqual([
      'Alert (Level: Warning, Description: Close Notify)',
    ]);
  });

  it('decrypts nothing without the keys or with the wrong ones', () => {
    expect(tlsDecryption(traceOf(1448, '').trace).size).toBe(0);
    const wrong = traceOf(1448).keyLog.replace(
      / ([0-9a-f]{64})\n/g,
      (_, s: string) => ` ${s.replace(/^./, (c) => (c === '0' ? '1' : '0'))}\n`,
    );
    expect(tlsDecryption(traceOf(1448, wrong).trace).size).toBe(0);
    expect(
      parseKeyLog(
        '# comment\nCLIENT_RANDOM zz\n\nSERVER_TRAFFIC_SECRET_0 ' + 'ab'.repeat(32) + ' ' + 'cd'.repeat(32),
      ).get('ab'.repeat(32))?.serverTraffic?.length,
    ).toBe(32);
  });
});

describe('what a link sees of a TLS frame', () => {
  it('the ClientHello: addresses, ports, the server name and the ALPN offer in clear', () => {
    const { trace, frames } = traceOf(1448);
    const hello = trace.steps[frames.findIndex((f) => f.name === 'client-hello') * 2] as FrameStep;
    const view = linkView(hello)!;
    expect(view.clear).toEqual([
      {
        key: 'sees.addresses',
        params: { src: TLS_SAMPLE.clientIp, srcPort: TLS_SAMPLE.clientPort, dst: TLS_SAMPLE.serverIp, dstPort: 443 },
      },
      { key: 'sees.sni', params: { name: TLS_SAMPLE.host } },
      { key: 'sees.alpn', params: { protocols: 'h2, http/1.1' } },
      { key: 'sees.keyShare' },
      { key: 'sees.records', params: { count: 1, bytes: hello.bytes.length - 54 } },
    ]);
    expect(view.encrypted).toEqual([]);
    expect(view.certificateHidden).toBe(false);
  });

  it("the server's flight: its choice in clear, then four encrypted records of which only the sizes show — the certificate among them", () => {
    const { trace, frames } = traceOf(1448);
    const flight = trace.steps[frames.findIndex((f) => f.name === 'server-hello') * 2] as FrameStep;
    const blind = linkView(flight)!;
    expect(blind.clear.map((s) => s.key)).toEqual(['sees.addresses', 'sees.serverHello', 'sees.records']);
    expect(blind.clear[1].params).toEqual({ version: 'TLS 1.3', cipher: 'TLS_AES_128_GCM_SHA256' });
    expect(blind.encrypted.map((e) => e.inner)).toEqual([undefined, undefined, undefined, undefined]);
    expect(blind.certificateHidden).toBe(true);
    const teacher = linkView(flight, decryptedRecords(trace, flight))!;
    expect(teacher.encrypted.map((e) => e.inner?.key)).toEqual([
      'inner.encryptedExtensions',
      'inner.certificate',
      'inner.certificateVerify',
      'inner.finished',
    ]);
    // each size is the record's encrypted fragment: its plaintext, the inner type byte and the 16-byte tag
    expect(teacher.encrypted.map((e) => e.bytes)).toEqual(
      decryptedRecords(trace, flight).map((r) => r.plaintext.length + 17),
    );
    const request = trace.steps[frames.findIndex((f) => f.name === 'request') * 2] as FrameStep;
    expect(linkView(request, decryptedRecords(trace, request))!.encrypted[0].inner).toEqual({
      key: 'inner.http',
      params: { line: 'GET / HTTP/1.1' },
    });
  });
});

describe("a TLS frame's header box on a slide", () => {
  const text = (lines: { text: string }[][]) => lines.map((l) => l.map((p) => p.text).join(''));
  it('names the records and shows the SNI, the ALPN offer, the chosen cipher and how much is encrypted, in en and ko', () => {
    const { trace, frames } = traceOf(1448);
    const at = (name: string) => trace.steps[frames.findIndex((f) => f.name === name) * 2] as FrameStep;
    const row = (name: string, lang: 'en' | 'ko' = 'en') =>
      frameFieldRows(trace, at(name), lang).find((r) => r.tag === 'TLS')!;
    expect(text(row('client-hello').lines)).toEqual([
      `Client Hello (SNI=${TLS_SAMPLE.host})`,
      `SNI ${TLS_SAMPLE.host}  ·  ALPN h2, http/1.1`,
    ]);
    const flight = row('server-hello');
    // a run of the same record is named once and counted, so the line fits the box; each detail has its line
    expect(text(flight.lines)).toEqual([
      'Server Hello, Change Cipher Spec, Application Data ×4',
      'TLS 1.3  ·  TLS_AES_128_GCM_SHA256',
      expect.stringMatching(/^encrypted: 4 records, \d+ bytes$/),
    ]);
    expect(text(row('request', 'ko').lines)).toEqual([
      'Application Data',
      expect.stringMatching(/^암호화됨: 레코드 1개, \d+바이트$/),
    ]);
    // the rows before it are the usual ones
    expect(frameFieldRows(trace, at('request'), 'en').map((r) => r.tag)).toEqual(['ETH', 'IPv4', 'TCP', 'TLS']);
  });
});

describe('the texts of what a link sees', () => {
  it('every message linkView names exists in English and Korean', () => {
    const texts = (lang: string) =>
      JSON.parse(readFileSync(resolve(__dirname, `../i18n/${lang}/tls.json`), 'utf8')) as Record<string, unknown>;
    const get = (obj: unknown, path: string) =>
      path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
    const { trace } = traceOf(300);
    const keys = new Set<string>();
    for (const s of trace.steps as FrameStep[]) {
      for (const decrypt of [false, true]) {
        const view = linkView(s, decrypt ? decryptedRecords(trace, s) : []);
        view?.clear.forEach((c) => keys.add(c.key));
        view?.encrypted.forEach((e) => e.inner && keys.add(e.inner.key));
      }
    }
    expect(keys.size).toBeGreaterThan(8);
    for (const lang of ['en', 'ko'])
      for (const key of keys) expect(typeof get(texts(lang), key), `${lang} ${key}`).toBe('string');
  });
});

describe('hop by hop', () => {
  it('the TLS bytes never change across the NAT: the hop comparison shows addresses, ports, TTL and checksums only', () => {
    const { trace, frames } = traceOf(1448);
    const hello = trace.steps[frames.findIndex((f) => f.name === 'client-hello') * 2 + 1] as FrameStep;
    const cmp = compareHops(trace, hello.index)!;
    expect(cmp.columns.map((c) => c.linkId)).toEqual(['l1', 'l2']);
    expect(cmp.rows.map((r) => r.key)).toEqual([
      'ipv4.ttl',
      'ipv4.checksum',
      'ipv4.src',
      'tcp.src_port',
      'tcp.checksum',
    ]);
    expect(hello.summary).toBe((trace.steps[hello.index - 1] as FrameStep).summary);
  });
});
