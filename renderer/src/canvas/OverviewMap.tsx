// The minimap. React Flow's own MiniMap is an SVG with one element and one store subscription per node: with
// thousands of devices every pan frame re-ran thousands of selectors and repainted thousands of rectangles. Here the
// devices are drawn once into a <canvas> (again only when the document or the selection changes); panning only moves
// and scales that picture and the view rectangle with CSS, written straight from a store subscription (no React
// render per frame).
import { memo, useEffect, useLayoutEffect, useMemo, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { Device } from '../../../shared/model/schema';
import { NODE_WIDTH } from './geometry';
import { followViewport } from './view';

const WIDTH = 168;
const HEIGHT = 112;
/** What a device covers on the map: its icon, name and a couple of address lines. */
const DEVICE_HEIGHT = 96;
const MASK = 'var(--xy-minimap-mask-background-color, var(--xy-minimap-mask-background-color-default))';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function devicesBounds(devices: readonly Device[]): Box | null {
  if (devices.length === 0) return null;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const d of devices) {
    minX = Math.min(minX, d.position.x);
    minY = Math.min(minY, d.position.y);
    maxX = Math.max(maxX, d.position.x + NODE_WIDTH);
    maxY = Math.max(maxY, d.position.y + DEVICE_HEIGHT);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

function union(a: Box | null, b: Box): Box {
  if (!a) return b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** The world area shown: `content` centred in the map's aspect ratio with a small margin (as React Flow's MiniMap). */
function fitted(content: Box): Box {
  const scale = Math.max(content.width / WIDTH, content.height / HEIGHT) || 1;
  const offset = 5 * scale;
  const width = scale * WIDTH + offset * 2;
  const height = scale * HEIGHT + offset * 2;
  return { x: content.x - (width - content.width) / 2, y: content.y - (height - content.height) / 2, width, height };
}

/** Where the map shows what, for the canvas's current view: the view in world units, the area shown and its scale. */
function mapGeometry(s: Pick<ReactFlowState, 'transform' | 'width' | 'height'>, nodes: Box | null) {
  const [tx, ty, zoom] = s.transform;
  const view: Box = { x: -tx / zoom, y: -ty / zoom, width: s.width / zoom, height: s.height / zoom };
  const box = fitted(union(nodes, view));
  return { view, box, k: WIDTH / box.width, zoom, paneWidth: s.width, paneHeight: s.height };
}

function OverviewMapView({ devices, selected }: { devices: readonly Device[]; selected: ReadonlySet<string> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const map = useRef<HTMLDivElement>(null);
  const viewRect = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  const flow = useReactFlow();

  const nodes = useMemo(() => devicesBounds(devices), [devices]);
  /** The area the canvas picture is drawn for; other views are the same picture moved and scaled. */
  const base = useMemo(() => (nodes ? fitted(nodes) : null), [nodes]);

  useLayoutEffect(() => {
    const picture = canvas.current;
    const rect = viewRect.current;
    if (!picture || !rect) return;
    // Moved by transforms only, on layers of their own: a pan frame then repaints and rasters nothing of the map.
    let size = '';
    const place = (s: ReactFlowState) => {
      const { view, box, k } = mapGeometry(s, nodes);
      const pictureScale = base ? WIDTH / base.width / k : 1;
      picture.style.transform = base
        ? `translate(${(base.x - box.x) * k}px, ${(base.y - box.y) * k}px) scale(${1 / pictureScale})`
        : '';
      rect.style.transform = `translate(${(view.x - box.x) * k}px, ${(view.y - box.y) * k}px)`;
      const nextSize = `${view.width * k}px ${view.height * k}px`;
      if (nextSize !== size) {
        size = nextSize;
        rect.style.width = `${view.width * k}px`;
        rect.style.height = `${view.height * k}px`;
      }
    };
    return followViewport(store, place);
  }, [store, nodes, base]);

  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(WIDTH * dpr);
    el.height = Math.round(HEIGHT * dpr);
    const ctx = el.getContext('2d');
    if (!ctx || !base) return;
    const style = getComputedStyle(el);
    const s = (WIDTH / base.width) * dpr;
    // Below a few pixels a rounded corner is invisible: plain rectangles, one path per colour.
    const w = NODE_WIDTH * s;
    const h = DEVICE_HEIGHT * s;
    const radius = w > 12 ? 8 * s : 0;
    const fill = (color: string, pick: (d: Device) => boolean) => {
      ctx.fillStyle = color;
      ctx.beginPath();
      for (const d of devices) {
        if (!pick(d)) continue;
        const x = (d.position.x - base.x) * s;
        const y = (d.position.y - base.y) * s;
        if (radius > 0) ctx.roundRect(x, y, w, h, radius);
        else ctx.rect(x, y, Math.max(w, 1), Math.max(h, 1));
      }
      ctx.fill();
    };
    fill(style.getPropertyValue('--border-strong') || '#b9c1cc', (d) => !selected.has(d.id));
    if (selected.size > 0) fill(style.getPropertyValue('--accent') || '#2563eb', (d) => selected.has(d.id));
  }, [devices, selected, base]);

  // Wheel zooms the canvas; it needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = map.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      void flow.zoomTo(flow.getZoom() * Math.pow(2, -e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [flow]);

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const { view, box, k, zoom, paneWidth, paneHeight } = mapGeometry(store.getState(), nodes);
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const rect = el.getBoundingClientRect();
    const startK = k;
    // Outside the view rectangle: jump there first, then drag from that view.
    const wx = box.x + (e.clientX - rect.left) / startK;
    const wy = box.y + (e.clientY - rect.top) / startK;
    let start = flow.getViewport();
    if (wx < view.x || wx > view.x + view.width || wy < view.y || wy > view.y + view.height) {
      start = { x: paneWidth / 2 - wx * zoom, y: paneHeight / 2 - wy * zoom, zoom };
      void flow.setViewport(start);
    }
    const from = { x: e.clientX, y: e.clientY };
    const move = (ev: PointerEvent) => {
      void flow.setViewport({
        x: start.x - ((ev.clientX - from.x) / startK) * start.zoom,
        y: start.y - ((ev.clientY - from.y) / startK) * start.zoom,
        zoom: start.zoom,
      });
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap" style={{ width: WIDTH, height: HEIGHT }}>
      <div
        ref={map}
        role="img"
        aria-label="Minimap"
        onPointerDown={onPointerDown}
        style={{
          position: 'relative',
          width: WIDTH,
          height: HEIGHT,
          overflow: 'hidden',
          cursor: 'grab',
          touchAction: 'none',
          contain: 'strict',
        }}
      >
        <canvas
          ref={canvas}
          style={{
            position: 'absolute',
            left: 0,
            top: 0,
            width: WIDTH,
            height: HEIGHT,
            transformOrigin: '0 0',
            willChange: 'transform',
          }}
        />
        <div
          ref={viewRect}
          data-testid="minimap-view"
          style={{
            position: 'absolute',
            left: 0,
            top: 0,
            boxShadow: `0 0 0 ${WIDTH * 2}px ${MASK}`,
            pointerEvents: 'none',
            willChange: 'transform',
          }}
        />
      </div>
    </Panel>
  );
}

export const OverviewMap = memo(OverviewMapView);
