// The protocol registry is what the replay, the slides and the CSS read: every protocol a real trace carries has an
// entry, the replay files frames as the entries say, and the slides' and the app's colours are the entries'.
import { describe, expect, it } from 'vitest';
import { coldTrace } from '../replay/testing';
import { classifySteps, frameProtocol } from '../replay/classify';
import { replayContext } from '../replay/context';
import { homeToWeb } from '../replay/testing';
import { palette, SLIDE_THEMES } from '../slides/theme';
import { frameFieldRows } from '../slides/fields';
import {
  PROTOCOLS,
  PROTOCOL_NAMES,
  PROTOCOL_TAGS,
  isProtocol,
  protocolCss,
  protocolTag,
  rowColour,
  tagColours,
  tagSummaryKey,
} from './protocols';
import { messageAt } from '../engine/prose';
import enReplay from '../i18n/en/replay.json';
import koReplay from '../i18n/ko/replay.json';

describe('protocol registry', () => {
  const trace = coldTrace();
  const frames = trace.steps.filter((s) => s.type === 'frame');

  it('has an entry for every layer of every frame of home-to-web, and files frames by it', () => {
    const seen = new Set<string>();
    for (const f of frames) {
      for (const l of f.layers) {
        expect(isProtocol(l.protocol), `${f.index}: ${l.protocol}`).toBe(true);
        seen.add(l.protocol);
      }
      expect(frameProtocol(f)).toBe(PROTOCOLS[f.protocol as keyof typeof PROTOCOLS].distinct ? f.protocol : 'other');
    }
    // icmp: dnsmasq's ping-check echo, which leaves with the offer
    expect([...seen].sort()).toEqual(['arp', 'dhcp', 'dns', 'ethernet', 'http', 'icmp', 'ipv4', 'tcp', 'udp']);
    const classes = classifySteps(trace, replayContext(trace, homeToWeb));
    for (const f of frames) expect(classes[f.index].protocol).toBe(protocolTag(f.protocol));
  });

  it('gives the event list its chips in the order it always had, "other" last', () => {
    expect(PROTOCOL_TAGS).toEqual(['arp', 'dhcp', 'dns', 'tcp', 'http', 'tls', 'icmp', 'other']);
    expect(protocolTag('udp')).toBe('other');
    expect(protocolTag('malformed')).toBe('other');
    expect(protocolTag('no-such')).toBe('other');
    for (const p of PROTOCOL_NAMES) expect(PROTOCOL_TAGS).toContain(rowColour(p));
    expect(rowColour('tls')).toBe('tls');
  });

  it("colours slides with the entries (TCP on the light theme is the entry's blue)", () => {
    for (const theme of SLIDE_THEMES)
      for (const t of PROTOCOL_TAGS) expect(palette(theme).protocol[t]).toBe(tagColours(t).slides[theme]);
    expect(palette('light').protocol.tcp).toBe('#2563eb');
  });

  it('tags and colours each slide header row from the entry of its layer', () => {
    const http = frames.find((f) => f.protocol === 'http')!;
    const rows = frameFieldRows(trace, http, 'en');
    expect(rows.map((r) => [r.tag, r.colour])).toEqual([
      ['ETH', 'other'],
      ['IPv4', 'other'],
      ['TCP', 'tcp'],
      ['HTTP', 'http'],
    ]);
    const dns = frames.find((f) => f.protocol === 'dns')!;
    expect(frameFieldRows(trace, dns, 'en').map((r) => r.tag)).toEqual(['ETH', 'IPv4', 'UDP', 'DNS']);
  });

  it("writes the app's CSS: a custom property per tag and theme, and the classes that pick it", () => {
    const css = protocolCss();
    for (const t of PROTOCOL_TAGS) {
      expect(css).toContain(`--pj-proto-${t}: ${tagColours(t).app.light};`);
      expect(css).toContain(`--pj-proto-${t}: ${tagColours(t).app.dark};`);
      expect(css).toContain(`.pj-proto-${t}, .pj-stroke-${t}, .pj-ov-${t} { --_c: var(--pj-proto-${t}); }`);
    }
    expect(css).toMatch(/:root\[data-theme='dark'\] \{[^}]*--pj-proto-dns: #3fd1bd;/);
  });

  it('gives every protocol and tag a one-line summary, written in English and Korean', () => {
    const keys = [...PROTOCOL_NAMES.map((p) => PROTOCOLS[p].summaryKey), ...PROTOCOL_TAGS.map(tagSummaryKey)];
    expect(new Set(PROTOCOL_NAMES.map((p) => PROTOCOLS[p].summaryKey)).size).toBe(PROTOCOL_NAMES.length);
    for (const key of keys) {
      const en = messageAt(enReplay, key);
      const ko = messageAt(koReplay, key);
      expect(en, key).toMatch(/^[A-Z].{20,}\.$/);
      expect(ko, key).toMatch(/[가-힣]/);
    }
    expect(messageAt(enReplay, tagSummaryKey('dns'))).toContain('name');
  });
});
