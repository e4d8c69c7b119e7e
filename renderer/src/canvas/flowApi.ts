// The canvas registers its React Flow instance here so commands (zoom, fit, paste at the view centre) can reach it.
import type { ReactFlowInstance } from '@xyflow/react';
import type { Device } from '../../../shared/model/schema';
import { documentViewport, FIT } from './fitDocument';
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

/** Animates the view to show `devices` whole (by default the way a document is first shown). */
export function fitDevices(
  devices: readonly Device[],
  duration: number,
  fit: { padding: number; maxZoom: number } = FIT,
) {
  if (!instance || !paneElement) return;
  const viewport = documentViewport(devices, paneElement.clientWidth, paneElement.clientHeight, fit);
  if (viewport) void instance.setViewport(viewport, { duration });
}

/** Brings a device (or a link's two) to the middle of the view, close enough to read. */
export function revealDevices(devices: readonly Device[]) {
  fitDevices(devices, 300, { maxZoom: 1.2, padding: 0.6 });
}

/** Pans (at the same zoom) to a device when it is not in view; leaves the view alone when it is. */
export function revealDevice(deviceId: string) {
  if (!instance || !paneElement) return;
  const node = instance.getInternalNode(deviceId);
  if (!node) return;
  const { x, y } = node.internals.positionAbsolute;
  const w = node.measured.width ?? 0;
  const h = node.measured.height ?? 0;
  const rect = paneElement.getBoundingClientRect();
  const a = instance.flowToScreenPosition({ x, y });
  const b = instance.flowToScreenPosition({ x: x + w, y: y + h });
  if (a.x >= rect.left && a.y >= rect.top && b.x <= rect.right && b.y <= rect.bottom) return;
  void instance.setCenter(x + w / 2, y + h / 2, { zoom: instance.getZoom(), duration: 300 });
}
