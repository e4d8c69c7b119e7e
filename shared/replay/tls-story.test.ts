// TLS in the replay's story on a real connection between our TLS 1.3 client and server (shared/wire/tls-testing):
// the phases, the one handshake step below level 7 and its flights at level 7, the encrypted request and response
// told as such, and close_notify known only from the key log.
import { describe, expect, it } from 'vitest';
import type { FrameStep, Trace } from '../engine/trace';
import { TcpStreamTracker, TlsStreamTracker, parseFrame, summarizeFrame, topProtocol } from '../wire/frame';
import { tlsSampleConnection } from '../wire/tls-testing';
import { classifySteps } from './classify';
import { messageKind } from './claims';
import { replayContext } from './context';
import { viewAtLevel, type Caption } from './levels';

function connection(withKeys: boolean): Trace {
  const { frames, keyLog } = tlsSampleConnection(1460);
  const tcpStreams = new TcpStreamTracker();
  const tlsStreams = new TlsStreamTracker();
  const steps: FrameStep[] = frames.map((f, packetId) => {
    const layers = parseFrame(f.bytes, { tcpStreams, tlsStreams });
    const [from, to] = f.fromClient ? ['pc', 'web'] : ['web', 'pc'];
    return {
      type: 'frame',
      index: packetId,
      timeUs: packetId * 100,
      explanation: '',
      linkId: 'l1',
      from: { deviceId: from, interface: 'eth0' },
      to: { deviceId: to, interface: 'eth0' },
      bytes: f.bytes,
      layers,
      protocol: topProtocol(layers),
      summary: summarizeFrame(layers),
      packetId,
    };
  });
  return {
    scenario: { from: 'pc', url: 'https://www.example.com/', seed: 1, warm: false },
    steps,
    outcome: { ok: true, status: 200, statusText: 'OK', summary: '200 OK', title: 'Example' },
    ...(withKeys ? { tlsKeyLog: keyLog } : {}),
  } as unknown as Trace;
}

const keysOf = (c: Caption): string[] =>
  c.key === 'caption.joined'
    ? [...keysOf(c.params.first as Caption), ...keysOf(c.params.second as Caption)]
    : c.key === 'caption.message' || c.key === 'caption.l7.message'
      ? [c.key, (c.params.what as Caption).key]
      : [c.key];

describe('TLS in the story', () => {
  const trace = connection(true);
  const ctx = replayContext(trace);

  it('files each segment: TCP handshake, TLS handshake, request, response, and close_notify as the close', () => {
    const kinds = trace.steps.map((s) => messageKind(s as FrameStep, trace));
    const phases = classifySteps(trace, ctx).map((c) => c.phase);
    const told = kinds.map((k, i) => `${k} ${phases[i]}`);
    expect(told.slice(0, 6)).toEqual([
      'tcp-syn handshake',
      'tcp-syn-ack handshake',
      'tcp-ack handshake',
      'tls-client-hello tls',
      'tls-server-hello tls',
      'tls-client-finished tls',
    ]);
    expect(told).toContain('tls-data request');
    expect(told).toContain('tls-data response');
    expect(told.filter((t) => t === 'tls-alert close').length).toBeGreaterThan(0);
    // Without the keys, an encrypted close_notify is application data, as an observer sees it.
    const bare = connection(false);
    expect(bare.steps.map((s) => messageKind(s as FrameStep, bare))).not.toContain('tls-alert');
  });

  it('levels 4–6 tell the handshake as one step at the ClientHello; the request and response say they are encrypted', () => {
    for (const level of [4, 5, 6] as const) {
      const items = viewAtLevel(trace, level, ctx);
      const tls = items.filter((i) => i.caption.key === 'caption.l4.tls');
      expect(tls, `level ${level}`).toHaveLength(1);
      expect(messageKind(trace.steps[tls[0].keyStep] as FrameStep, trace)).toBe('tls-client-hello');
      expect(tls[0].caption.params.sni).toBe('www.example.com');
      const keys = items.flatMap((i) => keysOf(i.caption));
      expect(keys, `level ${level}`).toContain('caption.l4.requestTls');
      expect(keys, `level ${level}`).toContain('caption.l4.responseTls');
      const response = items.find((i) => i.caption.key === 'caption.l4.responseTls')!;
      expect(response.caption.params.status).toBe('200 OK');
    }
    const level3 = viewAtLevel(trace, 3, ctx).flatMap((i) => keysOf(i.caption));
    expect(level3).toContain('caption.l3.portTls');
    expect(level3).not.toContain('caption.l4.tls');
  });

  it('level 7 tells each flight: ClientHello, the server flight, Finished, data, close_notify', () => {
    const keys = viewAtLevel(trace, 7, ctx).flatMap((i) => keysOf(i.caption));
    const tlsKeys = keys.filter((k) => k.startsWith('caption.l7.tls') || k.startsWith('what.tls'));
    expect(tlsKeys.slice(0, 5)).toEqual([
      'caption.l7.tlsClientHello',
      'caption.l7.tlsServerHello',
      'caption.l7.tlsFinished',
      'what.tlsRequest',
      'what.tlsResponse',
    ]);
    // the response says its status, read from the decrypted record
    const what = viewAtLevel(trace, 7, ctx)
      .map((i) => i.caption.params.what)
      .find((w) => typeof w === 'object' && w !== null && 'key' in w && w.key === 'what.tlsResponse') as Caption;
    expect(what.params.status).toBe('200 OK');
    const alert = viewAtLevel(trace, 7, ctx).find((i) => i.caption.key === 'caption.l7.tlsCloseNotify')!;
    expect(alert.caption.params.alert).toBe('close_notify');
  });
});
