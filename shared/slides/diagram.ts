// Draws a laid-out network: links (idle, used earlier, active now), device tiles with a vector icon per kind, role
// badges, labels, and the replay overlay (the packet on its link, a decision or a drop at a device).
import type { Device, DeviceKind, Topology } from '../model/schema';
import {
  layoutDiagram,
  labelLineBaselines,
  type AddressLines,
  type Box,
  type DiagramLayout,
  type NodePlacement,
  interfaceAddressLines,
} from './layout';
import { textWidth } from './metrics';
import { el, num, svgDocument, text } from './svg';
import { palette, protocolColour, type Palette, type ProtocolColourKey, type SlideTheme } from './theme';

export interface PacketMark {
  linkId: string;
  from: string;
  to: string;
  protocol: ProtocolColourKey;
  label: string;
}

export interface DiagramOverlay {
  /** Links that carried traffic before the current step. */
  usedLinks?: ReadonlySet<string>;
  /** Links carrying the current step's frames, with the protocol that colours them. */
  activeLinks?: ReadonlyMap<string, ProtocolColourKey>;
  packet?: PacketMark;
  /** A device deciding something now (route lookup, ARP, NAT, firewall…), with a short tag. */
  decision?: { deviceId: string; label: string };
  drop?: { deviceId: string; label: string };
}

// Icons are drawn in a 48-unit square centred on the origin, stroked in the kind's tint.
const ICONS: Record<DeviceKind, string> = {
  host: 'M-17 -15h34a2 2 0 0 1 2 2v20a2 2 0 0 1 -2 2h-34a2 2 0 0 1 -2 -2v-20a2 2 0 0 1 2 -2z M0 9v7 M-9 16h18',
  switch:
    'M-19 -11h38a3 3 0 0 1 3 3v16a3 3 0 0 1 -3 3h-38a3 3 0 0 1 -3 -3v-16a3 3 0 0 1 3 -3z' +
    ' M-11 -3h20 M5 -7l4 4l-4 4 M11 4h-20 M-5 0l-4 4l4 4',
  router:
    'M0 -17a17 17 0 1 1 0 34a17 17 0 1 1 0 -34z M-10 0h20 M0 -10v20 M6 -4l4 4l-4 4 M-6 -4l-4 4l4 4' +
    ' M-4 -6l4 -4l4 4 M-4 6l4 4l4 -4',
  firewall:
    'M-19 -14h38v28h-38z M-19 -4.7h38 M-19 4.7h38 M-7 -14v9.3 M7 -14v9.3 M0 -4.7v9.4 M-12 -4.7v9.4 M12 -4.7v9.4' +
    ' M-7 4.7v9.3 M7 4.7v9.3',
  server:
    'M-12 -19h24a2 2 0 0 1 2 2v34a2 2 0 0 1 -2 2h-24a2 2 0 0 1 -2 -2v-34a2 2 0 0 1 2 -2z M-8 -11h16 M-8 -4h16' +
    ' M-8 3h16 M4 12h0.01',
};

function roleBadge(device: Device): string | undefined {
  if (device.kind !== 'server') return device.kind === 'router' && device.nat ? 'NAT' : undefined;
  const r = device.roles;
  const roles = [
    r.dns ? (r.dns.recursive ? 'DNS resolver' : 'DNS') : '',
    r.web ? 'Web' : '',
    r.cache ? 'Cache' : '',
    r.dhcp ? 'DHCP' : '',
  ].filter(Boolean);
  return roles.length ? roles.join(' · ') : undefined;
}

function pill(cx: number, cy: number, label: string, size: number, fill: string, ink: string, stroke?: string): string {
  const w = textWidth(label, size, 600) + size * 1.1;
  const h = size * 1.65;
  return (
    el('rect', {
      x: cx - w / 2,
      y: cy - h / 2,
      width: w,
      height: h,
      rx: h / 2,
      fill,
      stroke,
      'stroke-width': stroke ? 1.5 : undefined,
    }) + text(cx, cy + size * 0.36, label, { size, weight: 600, fill: ink, anchor: 'middle' })
  );
}

function drawDevice(node: NodePlacement, p: Palette, theme: SlideTheme, highlight?: string): string {
  const { device, cx, cy, size } = node;
  const half = size / 2;
  const tint = p.deviceTint[device.kind];
  const scale = size / 76;
  let out = '';
  if (highlight) {
    out += el('rect', {
      x: cx - half - 9,
      y: cy - half - 9,
      width: size + 18,
      height: size + 18,
      rx: size * 0.3,
      fill: highlight,
      opacity: 0.22,
    });
    out += el('rect', {
      x: cx - half - 5,
      y: cy - half - 5,
      width: size + 10,
      height: size + 10,
      rx: size * 0.27,
      fill: 'none',
      stroke: highlight,
      'stroke-width': 3.5,
    });
  }
  out += el('rect', {
    x: cx - half,
    y: cy - half,
    width: size,
    height: size,
    rx: size * 0.22,
    fill: p.deviceFill[device.kind],
    stroke: tint,
    'stroke-width': theme === 'print' ? 2 : 1.6,
  });
  out += el('path', {
    d: ICONS[device.kind],
    transform: `translate(${num(cx)} ${num(cy)}) scale(${num(scale * 1.05)})`,
    fill: 'none',
    stroke: tint,
    'stroke-width': 2.6,
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  });
  const badge = roleBadge(device);
  if (badge && scale >= 0.45) {
    const size = 13 * Math.max(scale, 0.7);
    const w = textWidth(badge, size, 600) + size;
    out += pill(
      cx + half - w / 2 + 8 * scale,
      cy - half - 2 * scale,
      badge,
      size,
      tint,
      theme === 'dark' ? p.background : '#ffffff',
    );
  }
  return out;
}

function drawLabel(node: NodePlacement, p: Palette): string {
  if (node.lines.length === 0) return '';
  const { x, anchor, ys } = labelLineBaselines(node);
  let out = el('rect', {
    x: node.label.x - 4,
    y: node.label.y - 2,
    width: node.label.w + 8,
    height: node.label.h + 4,
    rx: 6,
    fill: p.halo,
    opacity: 0.85,
  });
  node.lines.forEach((line, i) => {
    out += text(x, ys[i], line.text, {
      size: line.size,
      weight: line.weight,
      fill: line.muted ? p.muted : p.text,
      anchor,
    });
  });
  return out;
}

function drawPacket(layout: DiagramLayout, packet: PacketMark, p: Palette): string {
  const link = layout.links.find((l) => l.link.id === packet.linkId);
  if (!link) return '';
  const from = link.a.device.id === packet.from ? link.a : link.b;
  const to = from === link.a ? link.b : link.a;
  const dx = to.cx - from.cx;
  const dy = to.cy - from.cy;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  const colour = protocolColour(p, packet.protocol);
  const s = Math.max(0.6, layout.nodeScale);
  const size = 17 * s;
  // The packet sits just past the middle of its link, with an arrowhead ahead of it showing where it goes.
  const t = 0.5;
  const px = from.cx + dx * t;
  const py = from.cy + dy * t;
  const labelW = textWidth(packet.label, size, 600) + size * 1.6;
  const h = size * 1.9;
  // Half the pill's extent along the link direction, so the arrow clears it on diagonal links too.
  const extent = Math.abs(ux) * (labelW / 2) + Math.abs(uy) * (h / 2);
  const head = 16 * s;
  const reach = Math.min(length / 2 - to.size / 2 - head - 4, extent + 8 * s);
  const ax = px + ux * reach;
  const ay = py + uy * reach;
  const arrow = `M${num(ax + ux * head)} ${num(ay + uy * head)} L${num(ax - uy * head * 0.7)} ${num(ay + ux * head * 0.7)} L${num(ax + uy * head * 0.7)} ${num(ay - ux * head * 0.7)}Z`;
  return (
    el('path', { d: arrow, fill: colour, stroke: p.halo, 'stroke-width': 2, 'stroke-linejoin': 'round' }) +
    el('rect', {
      x: px - labelW / 2,
      y: py - h / 2,
      width: labelW,
      height: h,
      rx: h / 2,
      fill: colour,
      stroke: p.halo,
      'stroke-width': 3,
    }) +
    text(px, py + size * 0.36, packet.label, { size, weight: 600, fill: p.onProtocol, anchor: 'middle' })
  );
}

function drawMarker(node: NodePlacement, label: string, fill: string, p: Palette, cross: boolean): string {
  const s = Math.max(0.6, node.size / 76);
  const size = 15 * s;
  // Opposite the label, and clear of a role badge on the tile's corner.
  const badge = roleBadge(node.device) ? 16 * s : 0;
  const y = node.side === 'above' ? node.cy + node.size / 2 + size * 1.6 : node.cy - node.size / 2 - size * 1.6 - badge;
  let out = pill(node.cx, y, label, size, fill, p.onProtocol, p.halo);
  if (cross) {
    const r = node.size * 0.36;
    out += el('path', {
      d: `M${num(node.cx - r)} ${num(node.cy - r)}L${num(node.cx + r)} ${num(node.cy + r)}M${num(node.cx + r)} ${num(node.cy - r)}L${num(node.cx - r)} ${num(node.cy + r)}`,
      stroke: fill,
      'stroke-width': 6 * s,
      'stroke-linecap': 'round',
      opacity: 0.9,
    });
  }
  return out;
}

export function drawDiagram(layout: DiagramLayout, theme: SlideTheme, overlay: DiagramOverlay = {}): string {
  const p = palette(theme);
  const s = Math.max(0.5, layout.nodeScale);
  let idle = '';
  let used = '';
  let active = '';
  for (const { link, a, b } of layout.links) {
    const d = `M${num(a.cx)} ${num(a.cy)}L${num(b.cx)} ${num(b.cy)}`;
    const protocol = overlay.activeLinks?.get(link.id);
    if (protocol !== undefined) {
      const colour = protocolColour(p, protocol);
      active += el('path', { d, stroke: colour, 'stroke-width': 16 * s, opacity: 0.2, 'stroke-linecap': 'round' });
      active += el('path', { d, stroke: colour, 'stroke-width': 6 * s, 'stroke-linecap': 'round' });
    } else if (overlay.usedLinks?.has(link.id)) {
      used += el('path', { d, stroke: p.linkUsed, 'stroke-width': 4 * s, 'stroke-linecap': 'round' });
    } else {
      idle += el('path', {
        d,
        stroke: p.linkIdle,
        'stroke-width': 2.5 * s,
        'stroke-linecap': 'round',
        'stroke-dasharray': theme === 'print' ? `${num(8 * s)} ${num(6 * s)}` : undefined,
      });
    }
  }
  let devices = '';
  let labels = '';
  for (const node of layout.nodes.values()) {
    const id = node.device.id;
    const highlight =
      overlay.drop?.deviceId === id ? p.drop : overlay.decision?.deviceId === id ? p.protocol.tcp : undefined;
    devices += drawDevice(node, p, theme, highlight);
    labels += drawLabel(node, p);
  }
  let marks = '';
  if (overlay.packet) marks += drawPacket(layout, overlay.packet, p);
  if (overlay.decision) {
    const node = layout.nodes.get(overlay.decision.deviceId);
    if (node) marks += drawMarker(node, overlay.decision.label, p.protocol.tcp, p, false);
  }
  if (overlay.drop) {
    const node = layout.nodes.get(overlay.drop.deviceId);
    if (node) marks += drawMarker(node, overlay.drop.label, p.drop, p, true);
  }
  return `<g fill="none">${idle}${used}${active}</g>${devices}${labels}${marks}`;
}

export interface DiagramOptions {
  theme?: SlideTheme;
  width?: number;
  height?: number;
  /** Lines under each device after its name (default: its interface addresses). */
  addresses?: AddressLines;
  /** Draw the background (default true; false for a transparent image). */
  background?: boolean;
}

/** The network alone, as a standalone SVG document. */
export function renderDiagramSvg(topology: Topology, options: DiagramOptions = {}): string {
  const theme = options.theme ?? 'light';
  const width = options.width ?? 1920;
  const height = options.height ?? 1080;
  const viewW = 1920;
  const viewH = (1920 * height) / width;
  const margin = 40;
  const box: Box = { x: margin, y: margin, w: viewW - 2 * margin, h: viewH - 2 * margin };
  const layout = layoutDiagram(topology, box, options.addresses ?? interfaceAddressLines);
  const p = palette(theme);
  const bg =
    options.background === false ? '' : el('rect', { x: 0, y: 0, width: viewW, height: viewH, fill: p.background });
  return svgDocument(width, height, viewW, viewH, bg + drawDiagram(layout, theme), topology.name || 'Network');
}
