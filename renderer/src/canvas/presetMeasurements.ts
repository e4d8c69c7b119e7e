// The canvas gives every node its box and its handles up front (derive.ts), so React Flow's measuring of a node that
// mounts finds what it already knows. React Flow still forces that measurement for every node that scrolls into view,
// and each one updates every node's absolute position and re-runs every store selector (over all links, for culling):
// at 5,000 devices the largest part of a pan frame's script that the app can avoid. This drops those no-op
// measurements and passes on every one that can change something.
import type { useStoreApi } from '@xyflow/react';

type FlowStore = ReturnType<typeof useStoreApi>;
type UpdateNodeInternals = ReturnType<FlowStore['getState']>['updateNodeInternals'];
type InternalNodeUpdate = Parameters<UpdateNodeInternals>[0] extends Map<string, infer U> ? U : never;

const installed = new WeakSet<FlowStore>();

/** The updates among `updates` that can change a node: a size other than its preset box, or no handles known yet. */
export function effectiveUpdates(
  updates: ReadonlyMap<string, InternalNodeUpdate>,
  known: (id: string) => { width?: number; height?: number; hasHandles: boolean } | undefined,
): Map<string, InternalNodeUpdate> {
  const kept = new Map<string, InternalNodeUpdate>();
  for (const [id, update] of updates) {
    const node = known(id);
    const element = update.nodeElement as HTMLElement;
    const unchanged = node !== undefined && node.hasHandles && node.width === element.offsetWidth && node.height === element.offsetHeight;
    if (!unchanged) kept.set(id, update);
  }
  return kept;
}

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
    const kept = effectiveUpdates(updates, (id) => {
      const node = nodeLookup.get(id);
      return node && { width: node.measured.width, height: node.measured.height, hasHandles: node.internals.handleBounds !== undefined };
    });
    if (kept.size > 0) original(kept, params);
  };
  store.setState({ updateNodeInternals: wrapped });
}
