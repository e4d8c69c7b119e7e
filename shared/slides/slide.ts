// One slide of a replay: a header (step n of m, what kind of traffic, the scenario), the network with the packet
// where it is, the path so far and the active link, the caption (what happens and why) and a compact box of the
// header fields at that hop. Drawn on a 1920-unit-wide canvas; other sizes scale it.
import type { Topology } from '../model/schema';
import type { FrameStep, Trace, TraceStep } from '../engine/trace';
import { stateAt } from '../engine/state';
import { proseText, summaryText } from '../engine/prose';
import { classifySteps, frameProtocol, packetSpans } from '../replay/classify';
import { replayContext, type ReplayContext } from '../replay/context';
import { stepCaption, type Caption, type ReplayItem } from '../replay/levels';
import { linksUsedUpTo } from '../replay/overlay';
import { drawDiagram, type DiagramOverlay } from './diagram';
import { countRuns, decisionLabel, stepFieldRows, type FieldPart, type FieldRow } from './fields';
import { layoutDiagram, type Box } from './layout';
import { fitText, textWidth, wrapText, type FontWeight } from './metrics';
import { el, runs, svgDocument, text, type TextStyle } from './svg';
import { captionToText, dropReasonText, WORDS, type SlideLang } from './text';
import { palette, protocolColour, type Palette, type SlideTheme } from './theme';
import { protocolLabel, tagLinkPriority, type ProtocolTag } from '../wire/protocols';

export interface SlideOptions {
  lang: SlideLang;
  theme: SlideTheme;
  width: number;
  height: number;
  /** 1-based position of this slide in the deck, and the deck's length. */
  index: number;
  total: number;
  /** Detail level the deck was made at, shown in the header. */
  level?: number;
  /** Reuse across the slides of one deck (saves re-deriving names and step classes). */
  context?: SlideContext;
  /** Leave out the title, the caption and the header fields' text: an editable deck lays them over as text boxes. */
  pictureOnly?: boolean;
}

/** What every slide of one trace shares; build once with `slideContext` for a deck. */
export interface SlideContext {
  replay: ReplayContext;
  classes: ReturnType<typeof classifySteps>;
}

export function slideContext(topology: Topology, trace: Trace): SlideContext {
  const replay = replayContext(trace, topology);
  return { replay, classes: classifySteps(trace, replay) };
}

export const VIEW_WIDTH = 1920;
const MARGIN = 56;
const CARD_HEIGHT = 372;
const CARD_GAP = 24;
const FIELDS_WIDTH = 720;

function isItem(x: ReplayItem | TraceStep): x is ReplayItem {
  return 'first' in x && 'caption' in x;
}

/** The step range a slide covers, its caption and the step its detail box shows. */
export interface SlideSpan {
  first: number;
  last: number;
  caption: Caption;
  detailStep: number;
}

// When one slide tells several steps, it shows the item's key step (the frame or decision its caption is about), and
// colours each link by the most telling protocol it carried.

export function slideSpan(trace: Trace, itemOrStep: ReplayItem | TraceStep, context: SlideContext): SlideSpan {
  if (isItem(itemOrStep)) {
    const { first, last, caption, keyStep } = itemOrStep;
    return { first, last, caption, detailStep: keyStep };
  }
  const step = itemOrStep;
  return {
    first: step.index,
    last: step.index,
    caption: stepCaption(trace, step, context.classes[step.index], context.replay),
    detailStep: step.index,
  };
}

/** The caption and, for a single step, the engine's explanation of why. */
export function slideTexts(trace: Trace, span: SlideSpan, lang: SlideLang): { caption: string; why?: string } {
  const caption = captionToText(lang, span.caption);
  const step = trace.steps[span.first];
  if (span.first !== span.last || !step) return { caption };
  const explanation = proseText(step.explanation, lang).trim();
  return explanation && explanation !== caption ? { caption, why: explanation } : { caption };
}

function overlayFor(trace: Trace, span: SlideSpan, lang: SlideLang): DiagramOverlay {
  const usedLinks = new Set(linksUsedUpTo(trace, span.first - 1));
  const activeLinks = new Map<string, ProtocolTag>();
  let drop: DiagramOverlay['drop'];
  for (let i = Math.max(0, span.first); i <= span.last && i < trace.steps.length; i++) {
    const s = trace.steps[i];
    if (s.type === 'frame') {
      const seen = activeLinks.get(s.linkId);
      const protocol = frameProtocol(s);
      if (seen === undefined || tagLinkPriority(protocol) < tagLinkPriority(seen)) activeLinks.set(s.linkId, protocol);
    }
    if (s.type === 'drop')
      drop = { deviceId: s.deviceId, label: `${WORDS[lang].drop}: ${dropReasonText(lang, s.reason)}` };
  }
  const overlay: DiagramOverlay = { usedLinks, activeLinks, drop };
  const detail = trace.steps[span.detailStep];
  if (detail?.type === 'frame') {
    const protocol = frameProtocol(detail);
    overlay.packet = {
      linkId: detail.linkId,
      from: detail.from.deviceId,
      to: detail.to.deviceId,
      protocol,
      label: protocolLabel(detail.protocol),
    };
  } else if (detail?.type === 'decision' && !drop) {
    overlay.decision = { deviceId: detail.deviceId, label: decisionLabel(detail.kind) };
  }
  return overlay;
}

/** Device label lines at a step: static addresses, and what DHCP handed out by then. */
function addressesAt(trace: Trace, step: number, lang: SlideLang) {
  const state = stateAt(trace, step);
  return (device: Topology['devices'][number]): string[] => {
    const out: string[] = [];
    for (const i of device.interfaces) {
      if (i.mode === 'static' && i.address) out.push(i.address);
      else if (i.mode === 'dhcp') {
        const leased = state[device.id]?.addresses.find((a) => a.interface === i.name);
        out.push(leased ? `${leased.address} (DHCP)` : `${i.name}: ${WORDS[lang].dhcpAddress}`);
      }
    }
    return out;
  };
}

interface Paragraph {
  text: string;
  weight: FontWeight;
  fill: string;
  /** Size relative to the main text. */
  scale: number;
}

/** Wraps paragraphs at the largest size (from `sizes`) at which they fit the box; the last resort ellipsizes. */
function fitParagraphs(paragraphs: Paragraph[], box: Box, sizes: number[]): { svg: string; height: number } {
  const lineHeight = 1.38;
  const gap = 0.6;
  for (const [attempt, size] of sizes.entries()) {
    const wrapped = paragraphs.map((p) => ({ p, lines: wrapText(p.text, size * p.scale, box.w, p.weight) }));
    let height = 0;
    wrapped.forEach(({ p, lines }, i) => (height += lines.length * size * p.scale * lineHeight + (i ? size * gap : 0)));
    const lastAttempt = attempt === sizes.length - 1;
    if (height > box.h && !lastAttempt) continue;
    let out = '';
    let y = box.y;
    for (const [i, { p, lines }] of wrapped.entries()) {
      const s = size * p.scale;
      if (i) y += size * gap;
      for (const line of lines) {
        if (y + s * lineHeight > box.y + box.h + 1) {
          return { svg: out, height: y - box.y }; // only on the last attempt: the rest is in the speaker notes
        }
        out += text(box.x, y + s * 1.02, line, { size: s, weight: p.weight, fill: p.fill }, { class: 'caption' });
        y += s * lineHeight;
      }
    }
    return { svg: out, height: y - box.y };
  }
  return { svg: '', height: 0 };
}

/** For a slide that tells several steps: one line per packet sent in them, where it went and what it was. */
function packetList(trace: Trace, span: SlideSpan, ctx: ReplayContext, lang: SlideLang, rows: number): string[] {
  if (span.first >= span.last || rows < 1) return [];
  const packets = new Map<number, { first: FrameStep; last: FrameStep }>();
  for (let i = span.first; i <= span.last && i < trace.steps.length; i++) {
    const s = trace.steps[i];
    if (s.type !== 'frame') continue;
    const seen = packets.get(s.packetId);
    if (seen) seen.last = s;
    else packets.set(s.packetId, { first: s, last: s });
  }
  let list = [...packets.values()];
  // ARP only makes the other packets possible: list it when it is all there is.
  if (list.some((p) => frameProtocol(p.first) !== 'arp')) list = list.filter((p) => frameProtocol(p.first) !== 'arp');
  const name = ctx.deviceName;
  const spans = packetSpans(trace);
  if (list.length > rows && rows < 3)
    return [lang === 'ko' ? `이 단계의 패킷: ${list.length}개` : `${list.length} packets in this step`];
  const shown = list.length <= rows ? list.length : rows - 1;
  const lines = list.slice(0, shown).map((p) => {
    // who sent the packet and where it ended, not the hops this slide's steps happen to begin and end on
    const whole = spans.get(p.first.packetId);
    return `${name(whole?.origin ?? p.first.from.deviceId)} → ${name(whole?.final ?? p.last.to.deviceId)}:  ${countRuns(p.first.summary)}`;
  });
  const more = list.length - shown;
  if (more > 0) lines.push(lang === 'ko' ? `… 외 패킷 ${more}개` : `… and ${more} more packet${more === 1 ? '' : 's'}`);
  return lines;
}

function card(box: Box, p: Palette, theme: SlideTheme): string {
  return el('rect', {
    x: box.x,
    y: box.y,
    width: box.w,
    height: box.h,
    rx: 18,
    fill: p.panel,
    stroke: p.panelBorder,
    'stroke-width': theme === 'print' ? 1.5 : 1,
  });
}

function hopLine(trace: Trace, step: TraceStep | undefined, ctx: ReplayContext, lang: SlideLang): string {
  if (!step) return '';
  const name = ctx.deviceName;
  if (step.type === 'frame')
    return `${name(step.from.deviceId)} ${step.from.interface} → ${name(step.to.deviceId)} ${step.to.interface}   ·   ${WORDS[lang].link} ${step.linkId}`;
  return name(step.deviceId);
}

function shortenTable(lines: FieldPart[][], room: number, lang: SlideLang): FieldPart[][] {
  if (room < 2) return lines.slice(0, room);
  const marked = lines.findIndex((l) => l.some((p) => p.changed));
  const start = marked < 0 ? 0 : Math.max(0, Math.min(marked - 1, lines.length - (room - 1)));
  const shown = lines.slice(start, start + room - 1);
  const more = lines.length - shown.length;
  return [...shown, [{ text: lang === 'ko' ? `… 외 ${more}개` : `… ${more} more`, muted: true }]];
}

function drawFields(
  topology: Topology,
  trace: Trace,
  span: SlideSpan,
  box: Box,
  p: Palette,
  theme: SlideTheme,
  lang: SlideLang,
  ctx: ReplayContext,
): string {
  const words = WORDS[lang];
  const step = trace.steps[span.detailStep];
  const pad = 30;
  let out = card(box, p, theme);
  const x = box.x + pad;
  const inner = box.w - 2 * pad;
  const title =
    step?.type === 'decision' ? words.decisionTitle : step?.type === 'drop' ? words.dropTitle : words.fieldsTitle;
  out += text(
    x,
    box.y + 44,
    title.toUpperCase(),
    { size: 17, weight: 600, fill: p.muted },
    { 'letter-spacing': lang === 'en' ? 1.5 : 0 },
  );
  out += text(x, box.y + 80, fitText(hopLine(trace, step, ctx, lang), 23, inner, 600), {
    size: 23,
    weight: 600,
    fill: p.text,
  });
  if (!step) return out + text(x, box.y + 124, words.noFrame, { size: 20, fill: p.muted });
  const tagW = 74;
  const size = 20;
  const lineH = 27;
  const valueX = x + tagW + 14;
  const valueW = box.x + box.w - pad - valueX;
  const rows: FieldRow[] = stepFieldRows(trace, step, lang, topology);
  const anyChanged = rows.some((r) => r.lines.some((l) => l.some((part) => part.changed)));
  const bottom = box.y + box.h - (anyChanged ? 48 : 22);
  let y = box.y + 100;
  const widthOf = (t: string, s: TextStyle) => textWidth(t, s.size, s.weight ?? 400);
  for (const row of rows) {
    // Decisions and drops carry a sentence, frames short values: wrap the first, ellipsize the second.
    const wrapped: FieldPart[][] = row.wrap
      ? row.lines.flatMap((l) => wrapText(l.map((part) => part.text).join(''), size, valueW).map((t) => [{ text: t }]))
      : row.lines;
    // A table longer than the box keeps its marked entries in view and says how many it left out.
    const room = Math.max(1, Math.floor((bottom - y) / lineH));
    const lines = wrapped.length > room ? shortenTable(wrapped, room, lang) : wrapped;
    const rowH = Math.max(lines.length, 1) * lineH + 8;
    if (y + rowH - 8 > bottom || lines.length === 0) break;
    const colour = protocolColour(p, row.colour);
    out += el('rect', {
      x,
      y: y + 1,
      width: tagW,
      height: 26,
      rx: 6,
      fill: row.colour === 'other' ? 'none' : colour,
      stroke: colour,
      'stroke-width': 1.5,
    });
    const tagSize = Math.min(15, (15 * (tagW - 10)) / Math.max(1, textWidth(row.tag, 15, 600)));
    out += text(x + tagW / 2, y + 14 + tagSize * 0.4, row.tag, {
      size: tagSize,
      weight: 600,
      fill: row.colour === 'other' ? colour : p.onProtocol,
      anchor: 'middle',
    });
    lines.forEach((line, i) => {
      const parts: { text: string; style: TextStyle }[] = [];
      let room = valueW;
      for (const part of line) {
        const style: TextStyle = {
          size,
          weight: part.changed ? 600 : 400,
          fill: part.changed ? p.changed : part.muted ? p.faint : p.text,
        };
        const shown = fitText(part.text, size, room, style.weight);
        parts.push({ text: shown, style });
        room -= widthOf(shown, style);
        if (room <= 0 || shown !== part.text) break;
      }
      out += runs(valueX, y + 20 + i * lineH, parts, widthOf);
    });
    y += rowH;
  }
  if (anyChanged) {
    out += el('rect', { x, y: box.y + box.h - 40, width: 14, height: 14, rx: 3, fill: p.changed });
    out += text(x + 22, box.y + box.h - 28, step.type === 'frame' ? words.changed : words.highlighted, {
      size: 16,
      fill: p.muted,
    });
  }
  return out;
}

function protocolChip(
  trace: Trace,
  span: SlideSpan,
  p: Palette,
  lang: SlideLang,
): { label: string; colour: string } | undefined {
  const detail = trace.steps[span.detailStep];
  if (detail?.type === 'frame') {
    const proto = frameProtocol(detail);
    return { label: protocolLabel(detail.protocol), colour: protocolColour(p, proto) };
  }
  if (detail?.type === 'decision') return { label: decisionLabel(detail.kind), colour: p.muted };
  if (detail?.type === 'drop') return { label: WORDS[lang].drop, colour: p.drop };
  return undefined;
}

export function renderSlideSvg(
  topology: Topology,
  trace: Trace,
  itemOrStep: ReplayItem | TraceStep,
  options: SlideOptions,
): string {
  const { lang, theme, width, height } = options;
  const p = palette(theme);
  const words = WORDS[lang];
  const ctx = options.context ?? slideContext(topology, trace);
  const span = slideSpan(trace, itemOrStep, ctx);
  const W = VIEW_WIDTH;
  const H = (W * height) / width;
  let body = el('rect', { x: 0, y: 0, width: W, height: H, fill: p.background });

  // Header: where we are in the deck, what kind of traffic, and the scenario.
  const stepLabel = words.step(options.index, options.total);
  if (!options.pictureOnly) body += text(MARGIN, 78, stepLabel, { size: 38, weight: 600, fill: p.text });
  let chipX = MARGIN + textWidth(stepLabel, 38, 600) + 22;
  const chip = protocolChip(trace, span, p, lang);
  if (chip) {
    const w = textWidth(chip.label, 19, 600) + 28;
    body += el('rect', { x: chipX, y: 50, width: w, height: 34, rx: 17, fill: chip.colour });
    body += text(chipX + w / 2, 74, chip.label, { size: 19, weight: 600, fill: p.onProtocol, anchor: 'middle' });
    chipX += w + 16;
  }
  const scenario = `${ctx.replay.deviceName(ctx.replay.clientId)}  →  ${trace.scenario.url}${trace.scenario.warm ? ` ${words.warm}` : ''}`;
  const levelText = options.level ? `   ·   ${words.level(options.level)}` : '';
  const rightRoom = W - MARGIN - chipX - 40;
  body += text(W - MARGIN, 76, fitText(`${scenario}${levelText}`, 24, rightRoom), {
    size: 24,
    fill: p.muted,
    anchor: 'end',
  });
  body += el('rect', { x: MARGIN, y: 110, width: W - 2 * MARGIN, height: 2, fill: p.panelBorder });

  // The network.
  const cardsTop = H - MARGIN - CARD_HEIGHT + 12;
  const diagramBox: Box = { x: MARGIN, y: 128, w: W - 2 * MARGIN, h: cardsTop - 128 - 16 };
  const layout = layoutDiagram(topology, diagramBox, addressesAt(trace, span.last, lang));
  body += drawDiagram(layout, theme, overlayFor(trace, span, lang));

  // Caption and header fields.
  const fieldsBox: Box = { x: W - MARGIN - FIELDS_WIDTH, y: cardsTop, w: FIELDS_WIDTH, h: CARD_HEIGHT - 12 - 14 };
  const captionBox: Box = { x: MARGIN, y: cardsTop, w: fieldsBox.x - CARD_GAP - MARGIN, h: fieldsBox.h };
  body += card(captionBox, p, theme);
  const texts = slideTexts(trace, span, lang);
  const paragraphs: Paragraph[] = [{ text: texts.caption, weight: 400, fill: p.text, scale: 1 }];
  if (texts.why) paragraphs.push({ text: texts.why, weight: 400, fill: p.muted, scale: 0.72 });
  const textBox: Box = { x: captionBox.x + 36, y: captionBox.y + 30, w: captionBox.w - 72, h: captionBox.h - 56 };
  const told = fitParagraphs(
    paragraphs,
    textBox,
    paragraphs.length === 1 ? [40, 36, 33, 30, 27, 24, 22] : [36, 33, 30, 27, 24, 22],
  );
  if (!options.pictureOnly) body += told.svg;
  // Under the caption, in the room left: the packets this slide covers (a slide of several steps).
  const listTop = textBox.y + told.height + 18;
  const listLineHeight = 29;
  const rows = Math.floor((textBox.y + textBox.h - listTop) / listLineHeight);
  if (!options.pictureOnly) {
    body += packetList(trace, span, ctx.replay, lang, rows)
      .map((line, i) =>
        text(textBox.x, listTop + i * listLineHeight + 21, fitText(line, 21, textBox.w), { size: 21, fill: p.muted }),
      )
      .join('');
    body += drawFields(topology, trace, span, fieldsBox, p, theme, lang, ctx.replay);
  } else body += card(fieldsBox, p, theme);

  // Progress through the deck.
  const track = W - 2 * MARGIN;
  const done = options.total > 0 ? Math.min(1, options.index / options.total) : 0;
  body += el('rect', { x: MARGIN, y: H - 30, width: track, height: 6, rx: 3, fill: p.progressTrack });
  body += el('rect', {
    x: MARGIN,
    y: H - 30,
    width: Math.max(6, track * done),
    height: 6,
    rx: 3,
    fill: chip?.colour ?? p.muted,
  });

  return svgDocument(width, height, W, H, body, `${stepLabel}: ${texts.caption}`);
}

/** The speaker notes of a slide: the caption, then every step's own explanation in the range. */
export function slideNotes(trace: Trace, span: SlideSpan, lang: SlideLang): string {
  const lines = [captionToText(lang, span.caption)];
  const detail: string[] = [];
  for (let i = span.first; i <= span.last && i < trace.steps.length; i++) {
    const s = trace.steps[i];
    const explanation = proseText(s.explanation, lang);
    detail.push(`#${i + 1} ${summaryText(s, lang)}${explanation ? ` — ${explanation}` : ''}`);
  }
  if (detail.length) lines.push('', ...detail);
  return lines.join('\n');
}

/** A run of text in an editable text box. */
export interface SlideTextRun {
  text: string;
  bold?: boolean;
  colour: string;
}

/** One text box of an editable slide, on the 1920-unit canvas; each paragraph is a list of runs. */
export interface SlideTextBox {
  name: 'title' | 'caption' | 'fields';
  box: Box;
  /** Main size in canvas units (the paragraph runs keep their own relative sizes via `scale`). */
  size: number;
  paragraphs: { runs: SlideTextRun[]; scale?: number; gapBefore?: number }[];
}

/** What an editable deck writes as text over the picture (renderSlideSvg with pictureOnly): the same words, places and colours. */
export function slideTextBoxes(
  topology: Topology,
  trace: Trace,
  itemOrStep: ReplayItem | TraceStep,
  options: SlideOptions,
): { boxes: SlideTextBox[]; alt: string } {
  const { lang, theme, width, height } = options;
  const p = palette(theme);
  const words = WORDS[lang];
  const ctx = options.context ?? slideContext(topology, trace);
  const span = slideSpan(trace, itemOrStep, ctx);
  const H = (VIEW_WIDTH * height) / width;
  const stepLabel = words.step(options.index, options.total);
  const cardsTop = H - MARGIN - CARD_HEIGHT + 12;
  const fieldsBox: Box = {
    x: VIEW_WIDTH - MARGIN - FIELDS_WIDTH,
    y: cardsTop,
    w: FIELDS_WIDTH,
    h: CARD_HEIGHT - 12 - 14,
  };
  const captionBox: Box = { x: MARGIN, y: cardsTop, w: fieldsBox.x - CARD_GAP - MARGIN, h: fieldsBox.h };
  const texts = slideTexts(trace, span, lang);
  const captionParagraphs: SlideTextBox['paragraphs'] = [{ runs: [{ text: texts.caption, colour: p.text }] }];
  if (texts.why) captionParagraphs.push({ runs: [{ text: texts.why, colour: p.muted }], scale: 0.72, gapBefore: 0.6 });
  for (const line of packetList(trace, span, ctx.replay, lang, 4))
    captionParagraphs.push({ runs: [{ text: line, colour: p.muted }], scale: 0.6 });
  const step = trace.steps[span.detailStep];
  const fieldTitle =
    step?.type === 'decision' ? words.decisionTitle : step?.type === 'drop' ? words.dropTitle : words.fieldsTitle;
  const fields: SlideTextBox['paragraphs'] = [
    { runs: [{ text: fieldTitle.toUpperCase(), bold: true, colour: p.muted }], scale: 0.85 },
    { runs: [{ text: hopLine(trace, step, ctx.replay, lang), bold: true, colour: p.text }], scale: 1.1 },
  ];
  if (!step) fields.push({ runs: [{ text: words.noFrame, colour: p.muted }] });
  else {
    for (const row of stepFieldRows(trace, step, lang, topology)) {
      row.lines.forEach((line, i) => {
        const tag = {
          text: `${i === 0 ? row.tag : ' '.repeat(row.tag.length)}   `,
          bold: true,
          colour: protocolColour(p, row.colour),
        };
        fields.push({
          runs: [
            tag,
            ...line.map((part) => ({
              text: part.text,
              bold: part.changed,
              colour: part.changed ? p.changed : part.muted ? p.faint : p.text,
            })),
          ],
        });
      });
    }
  }
  const chip = protocolChip(trace, span, p, lang);
  const alt = `${stepLabel}${chip ? ` (${chip.label})` : ''}: ${texts.caption} — ${hopLine(trace, step, ctx.replay, lang)}`;
  return {
    alt,
    boxes: [
      {
        name: 'title',
        box: { x: MARGIN, y: 40, w: textWidth(stepLabel, 38, 600) + 24, h: 56 },
        size: 38,
        paragraphs: [{ runs: [{ text: stepLabel, bold: true, colour: p.text }] }],
      },
      {
        name: 'caption',
        box: { x: captionBox.x + 24, y: captionBox.y + 18, w: captionBox.w - 48, h: captionBox.h - 36 },
        size: 34,
        paragraphs: captionParagraphs,
      },
      {
        name: 'fields',
        box: { x: fieldsBox.x + 18, y: fieldsBox.y + 18, w: fieldsBox.w - 36, h: fieldsBox.h - 36 },
        size: 18,
        paragraphs: fields,
      },
    ],
  };
}
