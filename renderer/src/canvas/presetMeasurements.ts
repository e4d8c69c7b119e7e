// The canvas gives every node its box and its handles up front (derive.ts), so React Flow's measuring of a node that
// mounts finds what it already knows. React Flow still forces that measurement for every node that mounts as the view
// moves on, and each one updates every node's absolute position and re-runs every store selector.
// Dropping these no-op measurements cut a pan step at 5,000 devices from 27.5 to 22.9 ms of CPU (interleaved A/B);
// every measurement that can change something still goes through. (Nothing in the app asks React Flow to re-measure
// a node whose box stays the same: its knobs never move within the box.)
import type { useStoreApi } from '@xyflow/react';

type FlowStore = ReturnType<typeof useStoreApi>;
type UpdateNodeInternals = ReturnType<FlowStore['getState']>['updateNodeInternals'];

const installed = new WeakSet<FlowStore>();

/**
 * Wraps the store's `updateNodeInternals` once per store. Must run before React Flow's node renderer first renders:
 * its ResizeObserver keeps the function it found then.
 */
export function skipPresetMeasurements(store: FlowStore): void {
  if (installed.has(store)) return;
  installed.add(store);
  const original: UpdateNodeInternals = store.getState().updateNodeInternals;
  const wrapped: UpdateNodeInternals = (updates, params) => {
    const { nodeLookup, fitViewQueued } = store.getState();
    // A queued fit waits for a measurement to resolve: let it through untouched.
    if (fitViewQueued) return original(updates, params);
    const kept: typeof updates = new Map();
    for (const [id, update] of updates) {
      const node = nodeLookup.get(id);
      const element = update.nodeElement as HTMLElement;
      const known =
        node !== undefined &&
        node.internals.handleBounds !== undefined &&
        node.measured.width === element.offsetWidth &&
        node.measured.height === element.offsetHeight;
      if (!known) kept.set(id, update);
    }
    if (kept.size > 0) original(kept, params);
  };
  store.setState({ updateNodeInternals: wrapped });
}
