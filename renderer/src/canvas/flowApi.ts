// The canvas registers its React Flow instance here so commands (zoom, fit, paste at the view centre) can reach it.
import type { ReactFlowInstance } from '@xyflow/react';
import type { DeviceFlowNode } from './DeviceNode';
import type { LinkFlowEdge } from './LinkEdge';

export type FlowInstance = ReactFlowInstance<DeviceFlowNode, LinkFlowEdge>;

let instance: FlowInstance | null = null;
let paneElement: HTMLElement | null = null;

export function registerFlow(flow: FlowInstance | null, pane: HTMLElement | null) {
  instance = flow;
  paneElement = pane;
}

export function flow(): FlowInstance | null {
  return instance;
}

/** The flow coordinates at the centre of the visible canvas. */
export function viewCenter(): { x: number; y: number } {
  if (!instance || !paneElement) return { x: 0, y: 0 };
  const rect = paneElement.getBoundingClientRect();
  return instance.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
}

export function revealDevice(id: string) {
  instance?.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.2, padding: 0.6 });
}
