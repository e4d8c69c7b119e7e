// The controlled React Flow canvas. The document is the truth: drags update it as one gesture (one undo step),
// selection lives in the store, and drops from the palette create devices through the model's edit functions.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  ConnectionMode,
  ReactFlow,
  SelectionMode,
  useStore,
  useReactFlow,
  useStoreApi,
  type Connection,
  type Viewport,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useApp } from '../store';
import { DeviceNode, type DeviceFlowNode } from './DeviceNode';
import { LinkEdge, type LinkFlowEdge } from './LinkEdge';
import { FlowDeriver } from './derive';
import { registerFlow, type FlowInstance } from './flowApi';
import { DETAIL_ZOOM, GRID, ICON_SIZE, NODE_WIDTH } from './geometry';
import { addDevice, connect } from '../document/actions';
import { PRESET_MIME } from '../palette/Palette';
import { PRESETS } from '../../../shared/model/topology-edits';
import type { Topology } from '../../../shared/model/schema';
import { i18next } from '../i18n';
import { ReplayOverlay } from './ReplayOverlay';
import { OverviewMap } from './OverviewMap';
import { GridBackground } from './GridBackground';
import { CanvasViewProvider, detailSelector, followViewport } from './view';
import { applyGlyphs, glyphScale } from './glyphs';
import { cullToRegion, moveRestOfSelection, nextRegion, regionMargin, viewRect, type Rect } from './mountRegion';
import { skipPresetMeasurements } from './presetMeasurements';
import { documentViewport, MIN_ZOOM } from './fitDocument';

const nodeTypes = { device: DeviceNode };
const edgeTypes = { link: LinkEdge };
const PAN_BUTTONS = [1, 2];
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];
const NO_NODES: DeviceFlowNode[] = [];
const NO_EDGES: LinkFlowEdge[] = [];

function applySelectChanges(
  current: readonly string[],
  changes: readonly { id: string; selected: boolean }[],
): string[] {
  if (changes.length === 0) return current as string[];
  const set = new Set(current);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

export function Canvas() {
  const doc = useApp((s) => s.doc)!;
  const selection = useApp((s) => s.selection);
  const docGeneration = useApp((s) => s.docGeneration);
  const snapToGrid = useApp((s) => s.snapToGrid);
  const showGrid = useApp((s) => s.showGrid);
  // The canvas is short while the replay panel is open: the minimap would hide part of the journey.
  const showMinimap = useApp((s) => s.showMinimap && !(s.replay.trace && s.replay.panelOpen));
  const theme = useApp((s) => s.theme);
  const deriver = useRef(new FlowDeriver()).current;
  const wrapper = useRef<HTMLDivElement>(null);
  // Here, during the render, not in an effect: the canvas renders before React Flow's node renderer does.
  const flowStore = useStoreApi();
  skipPresetMeasurements(flowStore);

  const selectedDevices = useMemo(() => new Set(selection.deviceIds), [selection.deviceIds]);
  const selectedLinks = useMemo(() => new Set(selection.linkIds), [selection.linkIds]);
  // Crossing the detail zoom re-derives every node once (boxes change size); panning and zooming otherwise do not.
  const detailed = useStore(detailSelector);
  const nodes = useMemo(
    () => deriver.deriveNodes(doc.devices, selectedDevices, detailed),
    [doc.devices, selectedDevices, detailed, deriver],
  );
  const edges = useMemo(() => deriver.deriveEdges(doc, selectedLinks), [doc, selectedLinks, deriver]);

  // What React Flow draws: the devices and links in a region around the view, which changes only when the view nears
  // its edge (mountRegion.ts).
  const [region, setRegion] = useState<Rect | null>(null);
  useLayoutEffect(
    () =>
      followViewport(flowStore, (s) => {
        const view = viewRect(s.transform, s.width, s.height);
        if (view) setRegion((current) => nextRegion(current, view, regionMargin(s.transform[2])));
      }),
    [flowStore],
  );
  const drawn = useMemo(
    () => (region ? cullToRegion(nodes, edges, region) : { nodes: NO_NODES, edges: NO_EDGES }),
    [nodes, edges, region],
  );

  // A newly opened document is shown whole: its view is set first, from the devices' positions and boxes, and only
  // then does React Flow get its devices to draw, once, already fitted. (Fitting after React Flow had drawn them at
  // the old view drew a big network twice.) An effect, not a layout effect: React Flow's own effects, which set up
  // its pan and zoom, run first.
  const flow = useReactFlow<DeviceFlowNode, LinkFlowEdge>();
  const [fittedGeneration, setFittedGeneration] = useState(-1);
  useEffect(() => {
    const el = wrapper.current;
    const viewport = el
      ? documentViewport(useApp.getState().doc?.devices ?? [], el.clientWidth, el.clientHeight)
      : undefined;
    if (viewport) void flow.setViewport(viewport);
    setFittedGeneration(docGeneration);
  }, [docGeneration, flow]);
  const fitted = fittedGeneration === docGeneration;

  const onNodesChange = useCallback(
    (changes: NodeChange<DeviceFlowNode>[]) => {
      const state = useApp.getState();
      const moves = new Map<string, { x: number; y: number }>();
      const selects: { id: string; selected: boolean }[] = [];
      let dragging = false;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          moves.set(change.id, change.position);
          dragging ||= change.dragging === true;
        } else if (change.type === 'select') selects.push(change);
      }
      if (moves.size > 0) {
        moveRestOfSelection(
          moves,
          state.selection.deviceIds,
          state.doc?.devices ?? [],
          flowStore.getState().nodeLookup,
        );
        const move = (draft: Topology) => {
          for (const device of draft.devices) {
            const p = moves.get(device.id);
            if (p) device.position = { x: Math.round(p.x), y: Math.round(p.y) };
          }
        };
        // A mouse drag is one gesture (one undo step, committed on drag stop); a keyboard nudge is its own step.
        if (dragging || state.gestureBase) state.updateGesture(move);
        else state.applyEdit(i18next.t('history.move', { ns: 'app' }), move);
      }
      if (selects.length > 0) {
        const sel = useApp.getState().selection;
        state.setSelection({ deviceIds: applySelectChanges(sel.deviceIds, selects), linkIds: sel.linkIds });
      }
    },
    [flowStore],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<LinkFlowEdge>[]) => {
    const selects = changes.filter((c): c is { type: 'select'; id: string; selected: boolean } => c.type === 'select');
    if (selects.length === 0) return;
    const state = useApp.getState();
    state.setSelection({
      deviceIds: state.selection.deviceIds,
      linkIds: applySelectChanges(state.selection.linkIds, selects),
    });
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    if (connection.source && connection.target && connection.source !== connection.target)
      connect(connection.source, connection.target);
  }, []);

  const isValidConnection = useCallback((c: Connection | LinkFlowEdge) => c.source !== c.target, []);

  const beginGesture = useCallback(() => useApp.getState().beginGesture(), []);
  const endGesture = useCallback(() => useApp.getState().endGesture(i18next.t('history.move', { ns: 'app' })), []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PRESET_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const preset = PRESETS.find((p) => p.id === event.dataTransfer.getData(PRESET_MIME))?.id;
      if (!preset) return;
      event.preventDefault();
      event.stopPropagation();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addDevice(preset, { x: at.x - NODE_WIDTH / 2, y: at.y - ICON_SIZE / 2 });
    },
    [flow],
  );

  // The devices' icon bitmaps, redrawn when the zoom needs a sharper one or the theme changes their colours.
  useLayoutEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    let scale = applyGlyphs(el, flowStore.getState().transform[2]);
    return followViewport(flowStore, (s) => {
      if (glyphScale(s.transform[2]) !== scale) scale = applyGlyphs(el, s.transform[2]);
    });
  }, [flowStore]);
  useEffect(() => {
    // Once the new theme is on the document (the app sets it in an effect that runs after this one).
    const el = wrapper.current;
    if (!el) return;
    const id = requestAnimationFrame(() => applyGlyphs(el, flowStore.getState().transform[2]));
    return () => cancelAnimationFrame(id);
  }, [theme, flowStore]);

  const onInit = useCallback((instance: FlowInstance) => registerFlow(instance, wrapper.current), []);

  useEffect(() => () => registerFlow(null, null), []);

  // While the view pans or zooms, React Flow's viewport is a composited layer (canvas.css): the compositor moves what
  // was rastered, and only devices and links coming into view are painted. Only with the full detail drawn: zoomed
  // out, the simple tiles are cheap to raster, and frames measured a fifth slower composited (5,000 devices).
  // Set on the element, not through React state: a render of the canvas at the start and end of every pan would cost
  // more than it saves.
  const markMoving = useCallback((_: unknown, viewport: Viewport) => {
    if (viewport.zoom >= DETAIL_ZOOM) wrapper.current?.classList.add('is-moving');
  }, []);
  const unmarkMoving = useCallback(() => wrapper.current?.classList.remove('is-moving'), []);

  return (
    <div className="pj-canvas" ref={wrapper} data-testid="canvas">
      <CanvasViewProvider>
        <ReactFlow<DeviceFlowNode, LinkFlowEdge>
          nodes={fitted ? drawn.nodes : NO_NODES}
          edges={fitted ? drawn.edges : NO_EDGES}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onInit={onInit}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          onNodeDragStart={beginGesture}
          onNodeDragStop={endGesture}
          onSelectionDragStart={beginGesture}
          onSelectionDragStop={endGesture}
          onDragOver={onDragOver}
          onDrop={onDrop}
          connectionMode={ConnectionMode.Loose}
          connectionRadius={40}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          selectionOnDrag
          selectionMode={SelectionMode.Partial}
          panOnDrag={PAN_BUTTONS}
          panOnScroll
          zoomOnDoubleClick={false}
          snapToGrid={snapToGrid}
          snapGrid={[GRID, GRID]}
          onMoveStart={markMoving}
          onMoveEnd={unmarkMoving}
          minZoom={MIN_ZOOM}
          maxZoom={3}
          colorMode={theme}
          proOptions={{ hideAttribution: true }}
          onContextMenu={(e) => e.preventDefault()}
        >
          <GridBackground gap={GRID} size={1.4} dots={showGrid} />
          <ReplayOverlay />
          {showMinimap && <OverviewMap devices={doc.devices} selected={selectedDevices} />}
        </ReactFlow>
      </CanvasViewProvider>
    </div>
  );
}
