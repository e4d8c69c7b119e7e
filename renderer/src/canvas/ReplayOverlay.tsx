// The replay drawn over the canvas in one SVG layer (React Flow's viewport portal, so it pans and zooms with the
// network): links that have carried traffic so far, the packet of the current step moving along its link from
// sender to receiver (coloured by protocol and labelled), the device deciding, and a drop with its reason.
// While playing, a step that covers several frames first flies them in order along their links, then settles on its
// key frame; a step taken by hand shows the key frame at once.
// Only this layer re-renders when the step changes; the nodes and links of the canvas do not.
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Trace } from '../../../shared/engine/trace';
import type { Device, Link } from '../../../shared/model/schema';
import { proseLangOf } from '../../../shared/engine/prose';
import { dropAt, packetPosition } from '../../../shared/replay/overlay';
import { BURST_STEP_MS, currentItem } from '../../../shared/replay/playback';
import { flightPlan, reducedMotion, type FlightPlan } from '../replay/flight';
import { steppingItemsFor } from '../replay-session/derive';
import { useApp } from '../store';
import { LINK_CLEARANCE, NODE_WIDTH, ICON_SIZE, along, iconCenter } from './geometry';

type Point = { x: number; y: number };

/** Index of the first frame on each link, computed once per trace: "used up to step i" is then one comparison. */
const firstUseCache = new WeakMap<Trace, Map<string, number>>();
function firstUse(trace: Trace): Map<string, number> {
  let map = firstUseCache.get(trace);
  if (!map) {
    map = new Map();
    for (const s of trace.steps) if (s.type === 'frame' && !map.has(s.linkId)) map.set(s.linkId, s.index);
    firstUseCache.set(trace, map);
  }
  return map;
}

const nodesSelector = (s: ReactFlowState) => s.nodes;
const lookupSelector = (s: ReactFlowState) => s.nodeLookup;

function mix(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

/**
 * In a burst of steps (BURST_STEP_MS) the packet jumps to its place on each link instead of restarting a move it could
 * never finish, which flickered near the start of each link. A single step, or playback, moves it.
 */
let lastStepAt = -Infinity;

interface PacketPlace {
  from: Point;
  to: Point;
  angle: number;
  label: string;
  protocol: string;
  linkId: string;
}
interface MovingPacketProps extends PacketPlace {
  step: number;
  /** The step carries no packet: the last one stays in place, unseen. */
  hidden: boolean;
}

/**
 * The packet of the current step: an SVG root of its own that stays mounted throughout the replay (a composited layer
 * throughout, hidden at steps without a packet), moved by a Web Animation that the compositor runs. Remounting it
 * changed the page's layers, and Chrome then re-layerized the whole page before the step's frame; mounting and
 * unmounting it also laid out the whole page, where its changes inside are laid out on their own.
 */
function MovingPacket({ step, hidden, from, to, angle, label, protocol, linkId }: MovingPacketProps) {
  const ref = useRef<SVGSVGElement>(null);
  const width = Math.max(label.length * 8 + 22, 46);
  useLayoutEffect(() => {
    const el = ref.current;
    if (hidden) return;
    const now = performance.now();
    const held = now - lastStepAt < BURST_STEP_MS;
    lastStepAt = now;
    if (!el || held || reducedMotion() || typeof el.animate !== 'function') return;
    const animation = el.animate(
      [
        { transform: `translate(${from.x}px, ${from.y}px)`, opacity: 0.4 },
        { transform: `translate(${to.x}px, ${to.y}px)`, opacity: 1 },
      ],
      { duration: 450, easing: 'cubic-bezier(.3, .7, .4, 1)' },
    );
    return () => animation.cancel();
  }, [step, hidden, from.x, from.y, to.x, to.y]);
  return (
    <svg
      ref={ref}
      className={`pj-replay-overlay pj-ov-packet pj-ov-${protocol}`}
      aria-hidden="true"
      style={{ transform: `translate(${to.x}px, ${to.y}px)`, visibility: hidden ? 'hidden' : undefined }}
      data-testid={hidden ? undefined : 'overlay-packet'}
      data-link={hidden ? undefined : linkId}
      data-protocol={protocol}
    >
      <g transform={`rotate(${angle})`}>
        <path className="pj-ov-arrow" d="M 0,-7 L 11,0 L 0,7 Z" transform={`translate(${width / 2 + 2}, 0)`} />
      </g>
      <rect className="pj-ov-pill" x={-width / 2} y={-12} width={width} height={24} rx={12} />
      <text className="pj-ov-label" y={0} dy="0.35em" textAnchor="middle">
        {label}
      </text>
    </svg>
  );
}

interface FlightProps {
  plan: FlightPlan;
  hops: (PacketPlace | undefined)[];
  onDone(): void;
}

/**
 * A step's frames flown one after another: one pill, relabelled and moved along each hop's link in turn by Web
 * Animations (written to the DOM directly, not re-rendered per hop). Mounted per step (keyed), so a new step, a pause
 * or a step by hand ends it.
 */
function Flight({ plan, hops, onDone }: FlightProps) {
  const ref = useRef<SVGSVGElement>(null);
  const done = useRef(onDone);
  done.current = onDone;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof el.animate !== 'function') {
      done.current();
      return;
    }
    const text = el.querySelector('text')!;
    const pill = el.querySelector('rect')!;
    let animation: Animation | undefined;
    let cancelled = false;
    const fly = (i: number) => {
      if (cancelled) return;
      // hops without a place (a device not drawn) are skipped
      while (i < hops.length && !hops[i]) i++;
      if (i >= hops.length) {
        done.current();
        return;
      }
      const hop = hops[i]!;
      text.textContent = hop.label;
      const width = Math.max(hop.label.length * 8 + 22, 46);
      pill.setAttribute('x', String(-width / 2));
      pill.setAttribute('width', String(width));
      el.setAttribute('class', `pj-replay-overlay pj-ov-packet pj-ov-flight pj-ov-${hop.protocol}`);
      el.dataset.link = hop.linkId;
      el.dataset.hop = String(i);
      el.dataset.step = String(plan.frames[i]);
      animation = el.animate(
        [
          { transform: `translate(${hop.from.x}px, ${hop.from.y}px)`, opacity: 0.5 },
          { transform: `translate(${hop.to.x}px, ${hop.to.y}px)`, opacity: 1 },
        ],
        { duration: plan.hopMs, easing: 'linear', fill: 'forwards' },
      );
      animation.onfinish = () => fly(i + 1);
    };
    fly(0);
    return () => {
      cancelled = true;
      animation?.cancel();
    };
  }, [plan, hops]);
  return (
    <svg
      ref={ref}
      className="pj-replay-overlay pj-ov-packet pj-ov-flight"
      aria-hidden="true"
      data-testid="overlay-flight"
    >
      <rect className="pj-ov-pill" x={-23} y={-12} width={46} height={24} rx={12} />
      <text className="pj-ov-label" y={0} dy="0.35em" textAnchor="middle" />
    </svg>
  );
}

type NodeLookup = ReactFlowState['nodeLookup'];

/** Where devices and links are drawn: from React Flow where it holds the device, else from the document. */
function placement(lookup: NodeLookup, devices: readonly Device[] | undefined) {
  const center = (deviceId: string): Point | undefined => {
    const node = lookup.get(deviceId);
    // React Flow holds only the devices around the view (mountRegion.ts); a journey can go beyond it. Looked up here,
    // not indexed per document: the overlay renders on every edit too, and this is the rare case.
    if (!node) {
      const device = devices?.find((d) => d.id === deviceId);
      return device && iconCenter(device.position);
    }
    return iconCenter(node.internals.positionAbsolute, node.measured.width ?? NODE_WIDTH);
  };
  const segment = (a: string, b: string): [Point, Point] | undefined => {
    const pa = center(a);
    const pb = center(b);
    if (!pa || !pb) return undefined;
    return [along(pa, pb, LINK_CLEARANCE), along(pb, pa, LINK_CLEARANCE)];
  };
  return { center, segment };
}

interface UsedLinksProps {
  trace: Trace;
  count: number;
  links: readonly Link[];
  lookup: NodeLookup;
  devices: readonly Device[] | undefined;
  /** React Flow's nodes: not read, but a new array when a device moves (its lookup is the same Map, updated). */
  nodes: ReactFlowState['nodes'];
}

/**
 * The links that have carried traffic so far: the first `count` links the journey uses. Its own memoised component:
 * most steps use no new link and leave these lines as they were.
 */
const UsedLinks = memo(function UsedLinks({ trace, count, links, lookup, devices }: UsedLinksProps) {
  const linkById = useMemo(() => new Map<string, Link>(links.map((l) => [l.id, l])), [links]);
  const { segment } = placement(lookup, devices);
  const used: { id: string; seg: [Point, Point] }[] = [];
  let i = 0;
  for (const linkId of firstUse(trace).keys()) {
    if (i++ >= count) break;
    const link = linkById.get(linkId);
    const seg = link && segment(link.a.device, link.b.device);
    if (seg) used.push({ id: linkId, seg });
  }
  return (
    <>
      {used.map(({ id, seg: [a, b] }) => (
        <line key={id} className="pj-ov-used" x1={a.x} y1={a.y} x2={b.x} y2={b.y} data-link={id} />
      ))}
    </>
  );
});

/** How many links the journey has used by `step` (firstUse is in order of first use). */
function usedCount(trace: Trace, step: number): number {
  let count = 0;
  for (const first of firstUse(trace).values()) {
    if (first > step) break;
    count++;
  }
  return count;
}

function ReplayOverlayView() {
  const { t, i18n } = useTranslation('app');
  const trace = useApp((s) => s.replay.trace);
  const step = useApp((s) => s.replay.step);
  const playing = useApp((s) => s.replay.playing);
  const level = useApp((s) => s.replay.level);
  const allFrames = useApp((s) => s.replay.allFrames);
  const runTopology = useApp((s) => s.replay.runTopology);
  const links = useApp((s) => s.doc?.links);
  const devices = useApp((s) => s.doc?.devices);
  const nodes = useStore(nodesSelector); // re-render when nodes move or get measured
  const lookup = useStore(lookupSelector);
  const lastPacket = useRef<PacketPlace | undefined>(undefined);
  // The step whose flight has ended (or was never to be flown): its key frame shows.
  const [settled, setSettled] = useState(-1);
  // Only while playing: stepping by hand never looks up the level's items here.
  const plan = useMemo(() => {
    if (!playing || !trace || reducedMotion()) return undefined;
    const items = steppingItemsFor(trace, runTopology, level, allFrames);
    const item = items[currentItem(items, step)];
    return item && flightPlan(item.frames, useApp.getState().replay.speed);
  }, [playing, trace, runTopology, level, allFrames, step]);

  if (!trace || !links) return null;
  const { center, segment } = placement(lookup, devices);
  const flying = plan && settled !== step;
  let hops: (PacketPlace | undefined)[] = [];
  if (flying) {
    hops = plan.frames.map((i) => {
      const p = packetPosition(trace, i);
      const seg = p && segment(p.from, p.to);
      if (!p || !seg) return undefined;
      return {
        from: mix(seg[0], seg[1], 0.08),
        to: mix(seg[0], seg[1], 0.92),
        angle: 0,
        label: p.label,
        protocol: p.protocol,
        linkId: p.linkId,
      };
    });
  }

  const packet = packetPosition(trace, step);
  const packetSeg = packet && segment(packet.from, packet.to);
  const drop = dropAt(trace, step, proseLangOf(i18n.language));
  const dropCenter = drop && center(drop.deviceId);
  const current = trace.steps[step];
  const deciding = current?.type === 'decision' ? center(current.deviceId) : undefined;

  let packetPlace: PacketPlace | undefined;
  let currentLink = null;
  if (packet && packetSeg && !flying) {
    const [a, b] = packetSeg;
    packetPlace = {
      from: mix(a, b, 0.12),
      to: mix(a, b, 0.66),
      angle: (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI,
      label: packet.label,
      protocol: packet.protocol,
      linkId: packet.linkId,
    };
    lastPacket.current = packetPlace;
    currentLink = (
      <line className={`pj-ov-current-link pj-ov-${packet.protocol}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
    );
  }

  return (
    <ViewportPortal>
      <svg className="pj-replay-overlay" aria-hidden="true" data-testid="replay-overlay" data-step={step}>
        <UsedLinks
          trace={trace}
          count={usedCount(trace, step)}
          links={links}
          lookup={lookup}
          devices={devices}
          nodes={nodes}
        />
        {deciding && <circle className="pj-ov-deciding" cx={deciding.x} cy={deciding.y} r={ICON_SIZE / 2 + 8} />}
        {currentLink}
        {drop && dropCenter && (
          <g
            className="pj-ov-drop"
            transform={`translate(${dropCenter.x}, ${dropCenter.y})`}
            data-testid="overlay-drop"
            data-device={drop.deviceId}
          >
            <circle r={ICON_SIZE / 2 + 8} className="pj-ov-drop-ring" />
            <g transform={`translate(${ICON_SIZE / 2 + 2}, ${-ICON_SIZE / 2 - 2})`}>
              <circle r={11} className="pj-ov-drop-badge" />
              <path d="M -4,-4 L 4,4 M 4,-4 L -4,4" className="pj-ov-drop-x" />
            </g>
            <foreignObject x={-160} y={-ICON_SIZE / 2 - 66} width={320} height={52} style={{ overflow: 'visible' }}>
              <div className="pj-ov-drop-text" title={drop.summary}>
                <strong>
                  {t('replay.dropped', {
                    reason: t(`decision.reasons.${drop.reason}`, { ns: 'replay', defaultValue: drop.reason }),
                  })}
                </strong>{' '}
                {drop.summary}
              </div>
            </foreignObject>
          </g>
        )}
      </svg>
      {lastPacket.current && <MovingPacket step={step} hidden={!packetPlace} {...lastPacket.current} />}
      {flying && <Flight key={step} plan={plan} hops={hops} onDone={() => setSettled(step)} />}
    </ViewportPortal>
  );
}

export const ReplayOverlay = memo(ReplayOverlayView);
