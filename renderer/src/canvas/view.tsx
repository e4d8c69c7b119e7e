// What every device and link needs to know about the view (zoomed out? a connection being drawn?), given once through
// context by the canvas. Nodes and links then hold no React Flow store subscription of their own: with thousands on
// screen, a per-node selector re-run on every pan frame costs more than drawing them.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore, type ReactFlowState, type useStoreApi } from '@xyflow/react';
import { DETAIL_ZOOM } from './geometry';

export interface CanvasView {
  /** Zoomed in far enough for icons, addresses and interface labels (level of detail). */
  detailed: boolean;
  /** A connection is being drawn: devices become drop targets. */
  connecting: boolean;
}

const CanvasViewContext = createContext<CanvasView>({ detailed: true, connecting: false });

export const detailSelector = (s: ReactFlowState) => s.transform[2] >= DETAIL_ZOOM;
const connectingSelector = (s: ReactFlowState) => s.connection.inProgress;

/** Must sit inside a ReactFlowProvider; re-renders its consumers only when crossing the detail zoom or a connection starts/ends. */
export function CanvasViewProvider({ children }: { children: ReactNode }) {
  const detailed = useStore(detailSelector);
  const connecting = useStore(connectingSelector);
  const view = useMemo(() => ({ detailed, connecting }), [detailed, connecting]);
  return <CanvasViewContext value={view}>{children}</CanvasViewContext>;
}

export function useCanvasView(): CanvasView {
  return useContext(CanvasViewContext);
}

/**
 * Calls `apply` now and whenever the viewport (pan, zoom or size) changes, outside React: for what moves with every
 * pan frame (grid, minimap), where a React render per frame was measurable. Returns the unsubscribe function.
 */
export function followViewport(store: ReturnType<typeof useStoreApi>, apply: (s: ReactFlowState) => void): () => void {
  let last = store.getState();
  apply(last);
  return store.subscribe((s) => {
    if (s.transform === last.transform && s.width === last.width && s.height === last.height) return;
    last = s;
    apply(s);
  });
}
