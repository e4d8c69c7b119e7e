// Issue 18's "done when", word for word: `simulate resources/samples/home-to-web.packetjourney --from pc --url
// https://www.example.com/ --pcap t.pcapng` ends in a 200, and tshark, from t.pcapng alone (its Decryption Secrets
// Block carries the session keys), decodes the handshake and decrypts the HTTP inside.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli, sampleFile } from '../test-support/cli';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();

const tshark = (file: string, filter: string, field = 'frame.number') => {
  const run = spawnSync('tshark', ['-r', file, '-Y', filter, '-T', 'fields', '-e', field], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim() === '' ? [] : run.stdout.trim().split('\n');
};

describe('packet-journey simulate … --url https://www.example.com/ --pcap t.pcapng', () => {
  it('ends in a 200 over TLS 1.3 that tshark decodes and decrypts from the capture alone', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'resources/samples'), { recursive: true });
    copyFileSync(sampleFile('home-to-web'), join(dir, 'resources/samples/home-to-web.packetjourney'));
    const run = runCli(
      [
        'simulate',
        'resources/samples/home-to-web.packetjourney',
        '--from',
        'pc',
        '--url',
        'https://www.example.com/',
        '--pcap',
        't.pcapng',
      ],
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Outcome: 200 OK/m);

    const pcap = join(dir, 't.pcapng');
    expect(tshark(pcap, 'tls.handshake.type == 1', 'tls.handshake.extensions_server_name')).toContain(
      'www.example.com',
    );
    expect(tshark(pcap, 'tls.handshake.type == 2').length).toBeGreaterThan(0);
    // Only decrypted records show the server's certificate and the HTTP inside.
    expect(tshark(pcap, 'tls.handshake.type == 11').length).toBeGreaterThan(0);
    expect(tshark(pcap, 'http.request.method == "GET"', 'http.host')).toContain('www.example.com');
    expect(tshark(pcap, 'http.response.code == 200', 'http.response.code').length).toBeGreaterThan(0);
    expect(tshark(pcap, 'tls.alert_message.desc == 0').length).toBeGreaterThan(0); // close_notify
    // nginx/OpenSSL 3's two NewSessionTickets after the handshake, each in its own segment, decrypted from the key log;
    // the capture has the connection twice, as NAT's two sides (pc's link and home's WAN link)
    const streams = tshark(pcap, 'tls.handshake.type == 4', 'tcp.stream');
    expect(streams.length).toBe(4);
    expect(new Set(streams).size).toBe(2);
    expect(new Set(tshark(pcap, 'tls.handshake.type == 4', 'tls.handshake.session_ticket_lifetime_hint'))).toEqual(
      new Set(['300']),
    );
    expect(new Set(tshark(pcap, 'tls.handshake.type == 4', '_ws.col.Info'))).toEqual(new Set(['New Session Ticket']));
    expect(tshark(pcap, '_ws.malformed || _ws.expert.severity >= "error"')).toEqual([]);
  });

  it('a certificate pc does not accept: exit 3, the reason named, nothing sent over HTTP', () => {
    const dir = tempDir();
    const file = JSON.parse(readFileSync(sampleFile('home-to-web'), 'utf8'));
    file.devices.find((d: { id: string }) => d.id === 'pc').trustedAuthorities = [];
    writeFileSync(join(dir, 'untrusting.packetjourney'), JSON.stringify(file));
    const run = runCli(
      [
        'simulate',
        'untrusting.packetjourney',
        '--from',
        'pc',
        '--url',
        'https://www.example.com/',
        '--pcap',
        't.pcapng',
      ],
      dir,
    );
    expect(run.status).toBe(3);
    expect(run.stdout).toContain('ERR_CERT_AUTHORITY_INVALID');
    const pcap = join(dir, 't.pcapng');
    expect(tshark(pcap, 'tls.alert_message.desc == 46').length).toBeGreaterThan(0);
    expect(tshark(pcap, 'http')).toEqual([]);
  });
});
