// Certificates the browser refuses: pc fetches https://www.example.com/ from the home-to-web sample with web's
// certificate (or pc's trust) changed. Chrome answers every refused certificate the same on the wire — BoringSSL's
// fatal alert certificate_unknown (46), under the client's handshake-traffic keys — and names the reason only on its
// error page (ERR_CERT_COMMON_NAME_INVALID / DATE_INVALID / AUTHORITY_INVALID). nginx closes on the alert. The
// capture is checked by tshark, which decrypts the alert with the trace's key log.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { device, frames, loadSample, run, variant } from './testing/helpers';
import { atPc, conversation } from './testing/tls-conversation';
import { issueServerCertificate, makeAuthority } from '../model/certificates';
import { tlsDecryption } from '../replay/tls';
import { TlsAlertDescription, TlsContentType, splitTlsRecords } from '../wire/tls-record';
import { TlsHandshakeType } from '../wire/tls-handshake';
import { decode } from './testing/helpers';
import { traceToPcapng } from './pcap';
import { proseMessages, proseTemplate, proseText } from './prose';
import type { Topology } from '../model/schema';
import type { ConfigRef, DecisionStep, Trace } from './trace';

const URL_ = 'https://www.example.com/';
const sample = loadSample('home-to-web');
const https = (t: Topology) => run(t, { url: URL_ });
const DAY = 86_400_000;

/** web serves a certificate for `names` from the sample's authority (or `authority`), valid as given. */
function serving(names: string[], options: { notBefore?: number; notAfter?: number } = {}, authority?: string) {
  return variant(sample, (x) => {
    let ca = x.authorities![0];
    if (authority) {
      ca = makeAuthority('rogue', authority);
      x.authorities!.push(ca);
      device(x, 'pc', 'host').trustedAuthorities = ['home-to-web'];
    }
    device(x, 'web', 'server').roles.web!.tls = issueServerCertificate(ca, 'web', names, options);
  });
}

const webCertificate: ConfigRef = { deviceId: 'web', path: ['roles', 'web', 'tls', 'certificate'] };
const pcTrust: ConfigRef = { deviceId: 'pc', path: ['trustedAuthorities'] };

const cases: { name: string; topology: Topology; error: string; summary: string; why: string; link: ConfigRef }[] = [
  {
    name: 'a certificate for another name',
    topology: serving(['shop.example.net']),
    error: 'ERR_CERT_COMMON_NAME_INVALID',
    summary: 'certificate not for www.example.com: refused',
    why: 'tls.decision.refusedName',
    link: webCertificate,
  },
  {
    name: 'an expired certificate',
    topology: serving(['www.example.com'], { notBefore: Date.UTC(2025, 0, 1), notAfter: Date.UTC(2025, 11, 31) }),
    error: 'ERR_CERT_DATE_INVALID',
    summary: 'certificate out of date (2025-01-01 – 2025-12-31): refused',
    why: 'tls.decision.refusedDate',
    link: webCertificate,
  },
  {
    name: 'a certificate not yet valid',
    topology: serving(['www.example.com'], { notBefore: Date.UTC(2026, 11, 1), notAfter: Date.UTC(2027, 11, 1) }),
    error: 'ERR_CERT_DATE_INVALID',
    summary: 'certificate out of date (2026-12-01 – 2027-12-01): refused',
    why: 'tls.decision.refusedDate',
    link: webCertificate,
  },
  {
    name: 'a certificate from an authority pc does not trust',
    topology: serving(['www.example.com'], {}, 'Rogue CA'),
    error: 'ERR_CERT_AUTHORITY_INVALID',
    summary: 'certificate signed by Rogue CA, not trusted: refused',
    why: 'tls.decision.refusedAuthority',
    link: pcTrust,
  },
  {
    name: 'pc trusting no authority at all',
    topology: variant(sample, (x) => (device(x, 'pc', 'host').trustedAuthorities = [])),
    error: 'ERR_CERT_AUTHORITY_INVALID',
    summary: 'certificate signed by home-to-web CA, not trusted: refused',
    why: 'tls.decision.refusedAuthorityNone',
    link: pcTrust,
  },
];

const tlsDecisions = (trace: Trace) =>
  trace.steps.filter((s): s is DecisionStep => s.type === 'decision' && s.kind === 'tls');

const tsharkDir = mkdtempSync(join(tmpdir(), 'pj-cert-'));
const captures = new WeakMap<Trace, string>();
let written = 0;
/** tshark's fields for the packets matching `filter` in the trace's capture (its key log inside, as exported). */
function tshark(trace: Trace, filter: string, fields = ['frame.number']): string[] {
  let file = captures.get(trace);
  if (!file) {
    file = join(tsharkDir, `capture-${++written}.pcapng`);
    writeFileSync(file, traceToPcapng(trace));
    captures.set(trace, file);
  }
  const out = execFileSync(
    'tshark',
    ['-r', file, '-Y', filter, '-T', 'fields', ...fields.flatMap((f) => ['-e', f]), '-E', 'separator=,'],
    { encoding: 'utf8' },
  ).trim();
  return out === '' ? [] : out.split('\n');
}

describe('certificates the browser refuses', () => {
  for (const c of cases) {
    describe(c.name, () => {
      const trace = https(c.topology);

      it(`ends in ${c.error}, with nothing but the handshake, the alert and the close on the wire`, () => {
        expect(trace.outcome).toMatchObject({ ok: false, error: c.error });
        expect(conversation(trace)).toEqual([
          'pc> SYN',
          '<pc SYN,ACK',
          'pc> ACK',
          `pc> ACK hs${TlsHandshakeType.clientHello}`,
          '<pc ACK',
          `<pc ACK hs${TlsHandshakeType.serverHello} ct${TlsContentType.changeCipherSpec} hs8 hs11 hs15 hs20`,
          'pc> ACK',
          // no ChangeCipherSpec, no Finished: the alert instead, then Chrome closes the socket
          `pc> ACK alert${TlsAlertDescription.certificateUnknown}`,
          'pc> FIN,ACK',
          // nginx reads the alert and closes too (its FIN acknowledges the alert, not yet pc's FIN)
          '<pc FIN,ACK',
          '<pc ACK',
          'pc> ACK',
        ]);
        // no HTTP at all: nothing decrypts to application data, no frame is HTTP
        const inner = [...tlsDecryption(trace).values()].flat();
        expect(inner.some((r) => r.contentType === TlsContentType.applicationData)).toBe(false);
        expect(frames(trace).some((f) => f.protocol === 'http')).toBe(false);
      });

      it('the alert is level fatal (2), description 46, encrypted with the client handshake-traffic keys', () => {
        const alertFrame = atPc(trace).find(
          (f) =>
            f.from.deviceId === 'pc' &&
            tlsDecryption(trace)
              .get(f.packetId)
              ?.some((r) => r.contentType === TlsContentType.alert),
        )!;
        const tcp = decode(alertFrame).tcp!;
        const [record, ...more] = splitTlsRecords(tcp.payload).records;
        expect(more).toEqual([]);
        // outside: an application-data record of TLS 1.2 framing; 2 bytes of alert + 1 content type + 16 tag
        expect(record.repr.contentType).toBe(TlsContentType.applicationData);
        expect(record.repr.version).toBe(0x0303);
        expect(record.repr.fragment.length).toBe(19);
        const [opened] = tlsDecryption(trace).get(alertFrame.packetId)!;
        expect(opened.keys).toBe('handshake');
        expect([...opened.plaintext]).toEqual([2, TlsAlertDescription.certificateUnknown]);
      });

      it('tshark decrypts the alert from the capture alone and finds nothing malformed', () => {
        // the decrypted record: level 2 (fatal), inner content type 21 (alert) — once before home's NAT and once
        // after it (tshark takes the other hops of the same addresses for retransmissions and shows them encrypted)
        const alerts = tshark(trace, 'tls.alert_message.desc == 46', [
          'tls.alert_message.level',
          'tls.record.content_type',
        ]);
        expect(alerts.length).toBeGreaterThan(0);
        expect(new Set(alerts)).toEqual(new Set(['2,21']));
        expect(tshark(trace, 'http')).toEqual([]);
        expect(tshark(trace, '_ws.malformed || _ws.expert.severity >= "error"')).toEqual([]);
      });

      it('pc decides before the alert leaves, linked to what caused it, in English and Korean', () => {
        const decisions = tlsDecisions(trace);
        expect(decisions.map((d) => [d.deviceId, d.summary])).toEqual([
          ['pc', 'TLS 1.3 to www.example.com (ALPN h2, http/1.1)'],
          ['web', expect.stringMatching(/^certificate for /)],
          ['pc', c.summary],
        ]);
        const refused = decisions[2];
        expect(refused.configRef).toEqual(c.link);
        const keys = proseMessages(refused.explanation).map((m) => m.key);
        expect(keys).toEqual([c.why, 'tls.decision.refusedAlert']);
        for (const key of [...keys, refused.summaryMessage!.key]) {
          expect(proseTemplate('en', key), key).toBeTruthy();
          expect(proseTemplate('ko', key), key).toBeTruthy();
        }
        expect(proseText(refused.explanation)).toContain(c.error);
        expect(proseText(refused.explanation, 'ko')).toContain(c.error);
        expect(proseText(refused.explanation)).toContain('certificate_unknown (46)');
        expect(proseText(refused.explanation, 'ko')).not.toMatch(/\{\{|\}\}/);
        // the decision comes before the alert, which leaves after the verification time
        const alert = atPc(trace).find((f) => f.from.deviceId === 'pc' && f.summary === 'Application Data')!;
        expect(refused.index).toBeLessThan(alert.index);
        expect(alert.timeUs - refused.timeUs).toBeGreaterThanOrEqual(300);
        // nginx's FIN is explained by the alert it got
        const webFin = frames(trace).find((f) => f.from.deviceId === 'web' && decode(f).tcp?.repr.flags.fin)!;
        expect(proseMessages(webFin.explanation).map((m) => m.key)).toContain('tls.peerAlertClose');
        // and the outcome in both languages
        expect(trace.outcome.explanation && proseText(trace.outcome.explanation, 'ko')).toContain(c.error);
      });
    });
  }

  describe('two things wrong: the one Chrome reports (authority, then name, then date)', () => {
    const expired = { notBefore: Date.UTC(2025, 0, 1), notAfter: Date.UTC(2025, 0, 1) + 365 * DAY };
    for (const [what, topology, error] of [
      ['another name and out of date', serving(['shop.example.net'], expired), 'ERR_CERT_COMMON_NAME_INVALID'],
      ['untrusted and another name', serving(['shop.example.net'], {}, 'Rogue CA'), 'ERR_CERT_AUTHORITY_INVALID'],
      ['untrusted and out of date', serving(['www.example.com'], expired, 'Rogue CA'), 'ERR_CERT_AUTHORITY_INVALID'],
    ] as const) {
      it(`${what}: ${error}`, () => {
        const trace = https(topology);
        expect(trace.outcome).toMatchObject({ ok: false, error });
        const last = tlsDecisions(trace).at(-1)!;
        expect(last.configRef).toEqual(error === 'ERR_CERT_AUTHORITY_INVALID' ? pcTrust : webCertificate);
      });
    }
  });
});
