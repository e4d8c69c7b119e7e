// The pure part: layout without overlaps on the sample and on bigger generated networks, text measurement and
// wrapping, deck ranges, and slide SVG that says what the step says.
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine';
import type { Trace } from '../engine/trace';
import { buildSample } from '../model/samples';
import { generateCampus } from '../model/generate';
import type { Topology } from '../model/schema';
import {
  DeckRangeError,
  layoutDiagram,
  planDeck,
  renderDiagramSvg,
  renderSlideSvg,
  slideSpan,
  slideNotes,
  type Box,
} from './index';
import { displayText, textWidth, wrapText, fitText } from './metrics';
import { captionToText } from './text';
import { proseText } from '../engine/prose';
import { viewAtLevel } from '../replay/levels';
import { replayContext } from '../replay/context';

const sample = buildSample('home-to-web');
let cachedTrace: Trace | undefined;
const trace = () =>
  (cachedTrace ??= simulate(sample, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false }));

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function checkLayout(topology: Topology, box: Box) {
  const layout = layoutDiagram(topology, box);
  const nodes = [...layout.nodes.values()];
  const tiles = nodes.map((n) => ({ x: n.cx - n.size / 2, y: n.cy - n.size / 2, w: n.size, h: n.size }));
  const labels = nodes.filter((n) => n.lines.length > 0).map((n) => n.label);
  return { layout, nodes, tiles, labels };
}

describe('diagram layout', () => {
  const box = { x: 56, y: 128, w: 1808, h: 540 };

  it('places the 11 devices of home-to-web with no tile or label overlapping another, inside the box', () => {
    const { nodes, tiles, labels } = checkLayout(sample, box);
    expect(nodes).toHaveLength(11);
    for (const [i, a] of [...tiles, ...labels].entries()) {
      for (const [j, b] of [...tiles, ...labels].entries())
        if (i < j) expect(overlap(a, b), `${i} vs ${j}`).toBe(false);
      expect(a.x).toBeGreaterThanOrEqual(box.x);
      expect(a.y).toBeGreaterThanOrEqual(box.y);
      expect(a.x + a.w).toBeLessThanOrEqual(box.x + box.w);
      expect(a.y + a.h).toBeLessThanOrEqual(box.y + box.h);
    }
    // Full-size devices with their names and every interface address.
    const core = nodes.find((n) => n.device.id === 'core')!;
    expect(core.size).toBeGreaterThan(0.9 * 76);
    expect(core.lines.map((l) => l.text)).toEqual([
      'core',
      '198.51.100.2/30',
      '198.51.100.17/30',
      '198.51.100.33/30',
      '198.51.100.65/30',
      '203.0.113.5/30',
    ]);
  });

  it('shrinks devices instead of overlapping them on a crowded network', () => {
    const campus = generateCampus(60);
    const { layout, tiles } = checkLayout(campus, box);
    expect(layout.nodeScale).toBeLessThan(1);
    for (let i = 0; i < tiles.length; i++)
      for (let j = i + 1; j < tiles.length; j++) expect(overlap(tiles[i], tiles[j])).toBe(false);
  });

  it('keeps the arrangement: left stays left, up stays up', () => {
    const { layout } = checkLayout(sample, box);
    const at = (id: string) => layout.nodes.get(id)!;
    expect(at('pc').cx).toBeLessThan(at('sw').cx);
    expect(at('web').cx).toBeGreaterThan(at('fw').cx);
    expect(at('root').cy).toBeLessThan(at('isp').cy);
    expect(at('resolver').cy).toBeGreaterThan(at('isp').cy);
    expect(at('isp').cx).toBeCloseTo(at('resolver').cx, 6);
  });
});

describe('text measurement', () => {
  it("measures Latin, Korean and symbols with the font's own advances", () => {
    expect(textWidth('', 20)).toBe(0);
    expect(textWidth('iiii', 100)).toBeLessThan(textWidth('WWWW', 100));
    expect(textWidth('가', 100)).toBeCloseTo(86.4, 1);
    expect(textWidth('a', 100, 600)).not.toBe(textWidth('a', 100, 400));
  });

  it('wraps at spaces in both languages and breaks an overlong word', () => {
    const en = wrapText('The computer asks DNS which IP address www.example.com points to.', 30, 400);
    expect(en.length).toBeGreaterThan(1);
    for (const line of en) expect(textWidth(line, 30)).toBeLessThanOrEqual(400);
    expect(en.join(' ')).toBe('The computer asks DNS which IP address www.example.com points to.');
    const ko = wrapText('컴퓨터가 DNS에 www.example.com의 IP 주소를 묻습니다.', 30, 300);
    for (const line of ko) expect(textWidth(line, 30)).toBeLessThanOrEqual(300);
    expect(ko.join(' ')).toBe('컴퓨터가 DNS에 www.example.com의 IP 주소를 묻습니다.');
    const long = wrapText('http://www.example.com/a/very/long/path/that/does/not/fit', 20, 120);
    for (const line of long) expect(textWidth(line, 20)).toBeLessThanOrEqual(120);
    expect(long.join('')).toBe('http://www.example.com/a/very/long/path/that/does/not/fit');
  });

  it("shortens with an ellipsis and draws ⇄ as ↔ (Pretendard's ⇄ is a stack of bars)", () => {
    const short = fitText('02:45:2d:33:24:24 → 02:47:26:f3:d0:85', 20, 150);
    expect(short.endsWith('…')).toBe(true);
    expect(textWidth(short, 20)).toBeLessThanOrEqual(150);
    expect(displayText('a ⇄ b')).toBe('a ↔ b');
  });
});

describe('decks and slides of the home-to-web journey', () => {
  it('plans every item of level 7 (one per exchange) and a range keeps the journey numbering', () => {
    const all = planDeck(sample, trace());
    expect(all.total).toBe(viewAtLevel(trace(), 7, replayContext(trace(), sample)).length);
    expect(all.total).toBeGreaterThanOrEqual(20);
    const some = planDeck(sample, trace(), { steps: [3, 18] });
    expect(some.slides.map((s) => s.index)).toEqual(Array.from({ length: 16 }, (_, i) => i + 3));
    expect(planDeck(sample, trace(), { level: 1 }).total).toBe(1);
    expect(() => planDeck(sample, trace(), { level: 8 })).toThrow(DeckRangeError);
    expect(() => planDeck(sample, trace(), { steps: [5, 2] })).toThrow(DeckRangeError);
    expect(() => planDeck(sample, trace(), { steps: [10_000, 10_001] })).toThrow(/steps at level 7/);
  });

  it("draws the item's key frame: counter, caption, hop, header fields, active link and the packet label", () => {
    const plan = planDeck(sample, trace());
    const dnsQuery = plan.slides.find(
      (s) => s.item.claim?.subject === 'frame' && s.item.claim.kind === 'dns-query' && s.item.claim.from === 'pc',
    )!;
    const span = slideSpan(trace(), dnsQuery.item, plan.context);
    expect(span.detailStep).toBe(dnsQuery.item.keyStep);
    const svg = renderSlideSvg(sample, trace(), dnsQuery.item, {
      lang: 'en',
      theme: 'light',
      width: 1920,
      height: 1080,
      index: dnsQuery.index,
      total: plan.total,
      level: 7,
      context: plan.context,
    });
    expect(svg).toContain(`Step ${dnsQuery.index} of ${plan.total}`);
    const caption = captionToText('en', span.caption);
    expect(caption).toMatch(/^pc sends a DNS query for www\.example\.com; here it reaches resolver/);
    // the "on the wire" box shows the query on the link to the resolver, not the ARP that made it possible
    expect(svg).toContain('isp eth1 → resolver eth0');
    expect(svg).toContain('Query A www.example.com');
    expect(svg).toContain('TTL 62');
    expect(svg).toMatch(/>DNS</);
    // Well-formed enough for any XML reader: every element closed, no raw ampersands.
    const opened = (svg.match(/<[a-z]+(\s[^>]*)?(?<!\/)>/g) ?? []).length;
    const closed = (svg.match(/<\/[a-z]+>/g) ?? []).length;
    expect(opened).toBe(closed);
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
  });

  it("tells the same step in Korean, and puts every step's explanation in the notes", () => {
    const plan = planDeck(sample, trace(), { level: 3 });
    const slide = plan.slides[0];
    const svg = renderSlideSvg(sample, trace(), slide.item, {
      lang: 'ko',
      theme: 'dark',
      width: 1920,
      height: 1080,
      index: 1,
      total: plan.total,
      level: 3,
      context: plan.context,
    });
    expect(svg).toContain(`${plan.total}단계 중 1단계`);
    expect(svg).toMatch(/[가-힣]/);
    const span = slideSpan(trace(), slide.item, plan.context);
    const notes = slideNotes(trace(), span, 'ko');
    expect(notes.split('\n')[0]).toBe(captionToText('ko', slide.item.caption));
    expect(notes).toContain(proseText(trace().steps[span.first].explanation, 'ko'));
  });

  it('a drop in Korean: the marker, the chip and the decision say why in Korean', () => {
    const blocked = simulate(sample, { from: 'pc', url: 'http://www.example.com:81/', seed: 1, warm: false });
    const drop = blocked.steps.find((s) => s.type === 'drop' && s.reason === 'firewall')!;
    const svg = renderSlideSvg(sample, blocked, drop, {
      lang: 'ko',
      theme: 'light',
      width: 1920,
      height: 1080,
      index: drop.index + 1,
      total: blocked.steps.length,
    });
    expect(svg).toContain('폐기: 방화벽');
    expect(svg).toContain('방화벽: 기본 동작에 따라 거부');
    expect(svg).not.toMatch(/DROP|firewall|denied/);
  });

  it('takes a bare trace step too, and draws the same input the same way twice', () => {
    const step = trace().steps.find((s) => s.type === 'decision' && s.kind === 'route')!;
    const options = {
      lang: 'en' as const,
      theme: 'light' as const,
      width: 1920,
      height: 1080,
      index: step.index + 1,
      total: trace().steps.length,
    };
    const svg = renderSlideSvg(sample, trace(), step, options);
    expect(svg).toContain('looks up the destination in its routing table');
    expect(svg).toContain('>ROUTE<');
    expect(renderSlideSvg(sample, trace(), step, options)).toBe(svg);
  });

  it('draws the diagram alone with every device name and no replay marks', () => {
    const svg = renderDiagramSvg(sample, { theme: 'print' });
    for (const d of sample.devices) expect(svg).toContain(`>${d.name}<`);
    expect(svg).not.toContain('Step ');
  });
});

describe('slides of an https journey (home-to-web, https://www.example.com/)', () => {
  let cached: Trace | undefined;
  const https = () =>
    (cached ??= simulate(sample, { from: 'pc', url: 'https://www.example.com/', seed: 1, warm: false }));
  const slideOf = (kind: string, from: string) => {
    const plan = planDeck(sample, https());
    const slide = plan.slides.find(
      (s) => s.item.claim?.subject === 'frame' && s.item.claim.kind === kind && s.item.claim.from === from,
    )!;
    const svg = renderSlideSvg(sample, https(), slide.item, {
      lang: 'en',
      theme: 'light',
      width: 1920,
      height: 1080,
      index: slide.index,
      total: plan.total,
      level: 7,
      context: plan.context,
    });
    return { svg, caption: captionToText('en', slideSpan(https(), slide.item, plan.context).caption) };
  };

  it("the server's flight: its records counted, the cipher and what is encrypted each on a line, nothing cut", () => {
    const { svg } = slideOf('tls-server-hello', 'web');
    expect(svg).toContain('Server Hello, Change Cipher Spec, Application Data ×4');
    expect(svg).toContain('TLS_AES_128_GCM_SHA256');
    expect(svg).toMatch(/encrypted: 4 records, \d+ bytes/);
    expect(svg).not.toContain('Application Data, Application Data');
    expect(svg).toContain('web → pc:');
  });

  it('the request over TLS says it is the HTTP request, encrypted; its packets go from their sender to their end', () => {
    const { svg, caption } = slideOf('tls-data', 'pc');
    expect(caption).toMatch(
      /^pc sends the HTTP request, encrypted in TLS \(\d+ bytes on the wire, unreadable on the way\)/,
    );
    expect(svg).toContain('pc → web:');
    // not the hop where this step's share of the packet began (core) — the sender and the receiver
    expect(svg).not.toMatch(/web → core:|core → web:/);
  });

  it('the response over TLS names its status, read with the session keys', () => {
    const plan = planDeck(sample, https());
    const texts = plan.slides.map((s) => captionToText('en', slideSpan(https(), s.item, plan.context).caption));
    expect(texts.some((t) => /^web sends the HTTP response “200 OK”, encrypted in TLS/.test(t))).toBe(true);
    const ko = plan.slides.map((s) => captionToText('ko', slideSpan(https(), s.item, plan.context).caption));
    expect(ko.some((t) => t.includes('TLS로 암호화된 HTTP 응답 “200 OK”'))).toBe(true);
  });
});
