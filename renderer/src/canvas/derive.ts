// React Flow's nodes and edges are derived from the document. Each node object is reused while its device and its
// selection are unchanged, and each edge while its link, its selection and its two devices'
// positions are, so React Flow only re-renders what an edit touched.
import type { Device, Link, Topology } from '../../../shared/model/schema';
import type { DeviceFlowNode } from './DeviceNode';
import type { LinkFlowEdge } from './LinkEdge';
import { Position, type NodeHandle } from '@xyflow/react';
import { ICON_SIZE, NODE_WIDTH } from './geometry';
import { deviceBox } from './deviceLabel';

const KNOB = 14;
const ORIGIN = { x: 0, y: 0 };
const HANDLES: NodeHandle[] = [
  {
    type: 'source',
    position: Position.Right,
    x: NODE_WIDTH / 2 + ICON_SIZE / 2 - KNOB / 2,
    y: ICON_SIZE / 2 - KNOB / 2,
    width: KNOB,
    height: KNOB,
  },
  {
    type: 'target',
    position: Position.Left,
    x: NODE_WIDTH / 2 - ICON_SIZE / 2,
    y: 0,
    width: ICON_SIZE,
    height: ICON_SIZE,
  },
];

export class FlowDeriver {
  private nodes = new Map<string, DeviceFlowNode>();
  private edges = new Map<string, LinkFlowEdge>();
  private devices = new Map<string, Device>();

  private detailed = true;

  /** `detailed`: the canvas draws full labels (zoomed in), which sets each node's box. */
  deriveNodes(devices: readonly Device[], selected: ReadonlySet<string>, detailed = true): DeviceFlowNode[] {
    if (detailed !== this.detailed) {
      this.nodes.clear();
      this.detailed = detailed;
    }
    const next = new Map<string, DeviceFlowNode>();
    const out: DeviceFlowNode[] = new Array(devices.length);
    for (let i = 0; i < devices.length; i++) {
      const device = devices[i];
      const isSelected = selected.has(device.id);
      let node = this.nodes.get(device.id);
      if (!node || node.data.device !== device || node.selected !== isSelected) {
        const box = deviceBox(device, detailed);
        node = {
          id: device.id,
          type: 'device',
          position: device.position,
          data: { device },
          selected: isSelected,
          // The box is set, not measured: the DOM node gets exactly this size, so React Flow can cull and fit the view
          // from the first frame, and finds nothing to update when a node scrolls into view while panning.
          width: box.width,
          height: box.height,
          measured: box,
          handles: HANDLES,
        };
      }
      next.set(device.id, node);
      out[i] = node;
    }
    this.nodes = next;
    return out;
  }

  deriveEdges(topology: Topology, selected: ReadonlySet<string>): LinkFlowEdge[] {
    this.devices.clear();
    for (const d of topology.devices) this.devices.set(d.id, d);
    const next = new Map<string, LinkFlowEdge>();
    const out: LinkFlowEdge[] = new Array(topology.links.length);
    for (let i = 0; i < topology.links.length; i++) {
      const link: Link = topology.links[i];
      const isSelected = selected.has(link.id);
      const a = this.devices.get(link.a.device);
      const b = this.devices.get(link.b.device);
      const label = `${a?.name ?? link.a.device}-${b?.name ?? link.b.device}`;
      const from = a?.position ?? ORIGIN;
      const to = b?.position ?? ORIGIN;
      let edge = this.edges.get(link.id);
      const data = edge?.data;
      if (
        !edge ||
        !data ||
        data.link !== link ||
        edge.selected !== isSelected ||
        data.label !== label ||
        data.from !== from ||
        data.to !== to
      ) {
        edge = {
          id: link.id,
          type: 'link',
          source: link.a.device,
          target: link.b.device,
          data: { link, label, from, to },
          selected: isSelected,
        };
      }
      next.set(link.id, edge);
      out[i] = edge;
    }
    this.edges = next;
    return out;
  }
}
