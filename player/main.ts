// The single-file lesson player (shared/player/lesson.ts writes the file): the recorded journey replayed read-only —
// the slide of each step (the network with the packet on its link, the caption, the header fields; shared/slides),
// step controls and keys, the detail levels (shared/replay), and the packet inspector (layer tree, bytes, what
// changed since the previous hop). Nothing is simulated: everything is derived from the trace in the file.
// Plain DOM, no framework: the file stays small and loads nothing.
import en from '../shared/i18n/en/player.json';
import ko from '../shared/i18n/ko/player.json';
import { LESSON_DATA_ID, parseLessonJson, type LessonData } from '../shared/player/lesson';
import {
  DETAIL_LEVELS,
  itemIndexAtStep,
  viewAtLevel,
  type DetailLevel,
  type ReplayItem,
} from '../shared/replay/levels';
import { compareHops } from '../shared/replay/hops';
import { replayContext } from '../shared/replay/context';
import { renderSlideSvg, slideContext, slideSpan, slideTexts } from '../shared/slides/slide';
import type { Field } from '../shared/wire/field';
import './player.css';

type Words = typeof en;
const WORDS: Record<'en' | 'ko', Words> = { en, ko };

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) node.appendChild(c);
  return node;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(values[k] ?? ''));
}

function start(data: LessonData, root: HTMLElement): void {
  const words = WORDS[data.lang] ?? WORDS.en;
  const { topology, trace } = data;
  const replay = replayContext(trace, topology);
  const context = slideContext(topology, trace);
  const lockedSteps = (() => {
    if (!data.steps) return undefined;
    const items = viewAtLevel(trace, data.level, replay);
    const first = items[Math.max(0, data.steps[0] - 1)];
    const last = items[Math.min(items.length, data.steps[1]) - 1];
    return first && last ? { first: first.first, last: last.last } : undefined;
  })();
  const itemsCache = new Map<DetailLevel, ReplayItem[]>();
  const itemsAt = (level: DetailLevel) => {
    let items = itemsCache.get(level);
    if (!items) {
      items = viewAtLevel(trace, level, replay);
      // A locked lesson keeps to its part of the journey at every level.
      if (lockedSteps) items = items.filter((i) => i.last >= lockedSteps.first && i.first <= lockedSteps.last);
      itemsCache.set(level, items);
    }
    return items;
  };

  let level: DetailLevel = data.level;
  let index = 0;
  let timer: number | undefined;

  const fromHash = () => {
    const m = /(?:^#|&)step=(\d+)/.exec(location.hash);
    if (!m) return;
    const at = itemIndexAtStep(itemsAt(level), Number(m[1]));
    if (at >= 0) index = at;
  };

  // The page.
  const title = el('h1', { className: 'pj-title', text: data.title });
  const levelSelect = el('select', { attrs: { 'aria-label': words.level, 'data-testid': 'player-level' } });
  for (const l of DETAIL_LEVELS)
    levelSelect.appendChild(el('option', { text: `${words.level} ${l}`, attrs: { value: String(l) } }));
  const button = (label: string, symbol: string, id: string) =>
    el('button', {
      text: symbol,
      attrs: { type: 'button', 'aria-label': label, title: label, 'data-testid': `player-${id}` },
    });
  const first = button(words.first, '«', 'first');
  const prev = button(words.previous, '‹', 'previous');
  const play = button(words.play, '▶', 'play');
  const next = button(words.next, '›', 'next');
  const last = button(words.last, '»', 'last');
  const position = el('span', {
    className: 'pj-position',
    attrs: { 'data-testid': 'player-position', 'aria-live': 'polite' },
  });
  const controls = el('div', { className: 'pj-controls', attrs: { role: 'toolbar' } }, [
    first,
    prev,
    play,
    next,
    last,
    position,
    levelSelect,
  ]);
  const slide = el('div', { className: 'pj-slide', attrs: { 'data-testid': 'player-slide', role: 'img' } });
  const caption = el('p', {
    className: 'pj-caption',
    attrs: { 'data-testid': 'player-caption', 'aria-live': 'polite' },
  });
  const layers = el('div', { className: 'pj-layers', attrs: { 'data-testid': 'player-layers' } });
  const hex = el('pre', { className: 'pj-hex', attrs: { 'data-testid': 'player-hex', tabindex: '0' } });
  const hops = el('div', { className: 'pj-hops', attrs: { 'data-testid': 'player-hops' } });
  const inspector = el('section', { className: 'pj-inspector' }, [
    el('div', {}, [el('h2', { text: words.layers }), layers]),
    el('div', {}, [el('h2', { text: words.bytes }), hex]),
    el('div', { className: 'pj-hops-box' }, [el('h2', { text: words.hops }), hops]),
  ]);
  const footer = el('p', {
    className: 'pj-keys',
    text:
      lockedSteps && data.steps
        ? `${fill(words.locked, { from: data.steps[0], to: data.steps[1] })} · ${words.keys}`
        : words.keys,
  });
  root.replaceChildren(el('header', {}, [title, controls]), slide, caption, inspector, footer);

  const fieldList = (fields: Field[]): HTMLElement => {
    const list = el('ul');
    for (const f of fields) {
      const item = el('li', {}, [
        el('span', { className: 'pj-label', text: `${f.label}: ` }),
        el('span', { className: 'pj-value', text: f.value }),
      ]);
      if (f.children?.length) item.appendChild(fieldList(f.children));
      list.appendChild(item);
    }
    return list;
  };

  const render = () => {
    const items = itemsAt(level);
    index = Math.max(0, Math.min(index, items.length - 1));
    const item = items[index];
    if (!item) return;
    const total = items.length;
    position.textContent = fill(words.position, { n: index + 1, total });
    levelSelect.value = String(level);
    const svg = renderSlideSvg(topology, trace, item, {
      lang: data.lang,
      theme: 'light',
      width: 1920,
      height: 1080,
      index: index + 1,
      total,
      level,
      context,
    });
    slide.innerHTML = svg;
    const span = slideSpan(trace, item, context);
    const texts = slideTexts(trace, span, data.lang);
    caption.textContent = texts.why ? `${texts.caption} ${texts.why}` : texts.caption;
    slide.setAttribute('aria-label', caption.textContent);
    const step = trace.steps[span.detailStep];
    if (step?.type === 'frame') {
      layers.replaceChildren(
        ...step.layers.map((layer) => {
          const details = el('details', { attrs: { open: '' } }, [
            el('summary', { text: `${layer.protocol.toUpperCase()} — ${layer.summary}` }),
            fieldList(layer.fields),
          ]);
          return details;
        }),
      );
      const rows: string[] = [];
      for (let o = 0; o < step.bytes.length; o += 16) {
        const chunk = Array.from(step.bytes.subarray(o, o + 16));
        rows.push(
          `${o.toString(16).padStart(4, '0')}  ${chunk
            .map((b) => b.toString(16).padStart(2, '0'))
            .join(' ')
            .padEnd(47)}  ${chunk.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('')}`,
        );
      }
      hex.textContent = rows.join('\n');
      const cmp = compareHops(trace, step.index);
      if (cmp && cmp.current > 0 && cmp.rows.length) {
        const name = replay.deviceName;
        const head = el('tr', {}, [
          el('th', { text: words.field }),
          ...cmp.columns.map((c) =>
            el('th', {
              text: `${c.linkId}: ${name(c.from)} → ${name(c.to)}`,
              className: c.step === step.index ? 'pj-current' : '',
            }),
          ),
        ]);
        const body = cmp.rows.map((r) =>
          el('tr', {}, [
            el('th', { text: r.label }),
            ...r.values.map((v, i) =>
              el('td', { text: r.changed[i] ? `▲ ${v}` : v, className: r.changed[i] ? 'pj-changed' : '' }),
            ),
          ]),
        );
        hops.replaceChildren(el('table', {}, [el('thead', {}, [head]), el('tbody', {}, body)]));
      } else hops.replaceChildren(el('p', { className: 'pj-muted', text: words.noChange }));
    } else {
      layers.replaceChildren(el('p', { className: 'pj-muted', text: words.noFrame }));
      hex.textContent = '';
      hops.replaceChildren();
    }
    first.disabled = prev.disabled = index === 0;
    next.disabled = last.disabled = index === total - 1;
    const hash = `#step=${item.keyStep}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
  };

  const go = (to: number) => {
    index = to;
    render();
  };
  const stop = () => {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    play.textContent = '▶';
    play.setAttribute('aria-label', words.play);
  };
  const toggle = () => {
    if (timer !== undefined) return stop();
    play.textContent = '❚❚';
    play.setAttribute('aria-label', words.pause);
    timer = window.setInterval(() => {
      if (index >= itemsAt(level).length - 1) stop();
      else go(index + 1);
    }, 1500);
  };
  const setLevel = (l: DetailLevel) => {
    const at = itemsAt(level)[index]?.keyStep ?? 0;
    level = l;
    const found = itemIndexAtStep(itemsAt(level), at);
    index = found >= 0 ? found : 0;
    render();
  };

  first.addEventListener('click', () => go(0));
  prev.addEventListener('click', () => go(index - 1));
  next.addEventListener('click', () => go(index + 1));
  last.addEventListener('click', () => go(itemsAt(level).length - 1));
  play.addEventListener('click', toggle);
  levelSelect.addEventListener('change', () => setLevel(Number(levelSelect.value) as DetailLevel));
  window.addEventListener('hashchange', () => {
    fromHash();
    render();
  });
  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLSelectElement || event.altKey || event.ctrlKey || event.metaKey) return;
    const levels = DETAIL_LEVELS;
    const handled = (() => {
      switch (event.key) {
        case 'ArrowRight':
          go(Math.min(index + 1, itemsAt(level).length - 1));
          return true;
        case 'ArrowLeft':
          go(Math.max(index - 1, 0));
          return true;
        case 'Home':
          go(0);
          return true;
        case 'End':
          go(itemsAt(level).length - 1);
          return true;
        case ' ':
          toggle();
          return true;
        case '[':
          if (level > levels[0]) setLevel((level - 1) as DetailLevel);
          return true;
        case ']':
          if (level < levels[levels.length - 1]) setLevel((level + 1) as DetailLevel);
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  });

  fromHash();
  render();
}

const root = document.getElementById('player');
const source = document.getElementById(LESSON_DATA_ID);
if (root && source?.textContent) start(parseLessonJson(source.textContent), root);
