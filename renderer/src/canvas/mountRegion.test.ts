import { describe, expect, it } from 'vitest';
import { cullToRegion, moveRestOfSelection, nextRegion, regionMargin, viewRect } from './mountRegion';
import type { DeviceFlowNode } from './DeviceNode';
import type { LinkFlowEdge } from './LinkEdge';

const node = (id: string, x: number, y: number) =>
  ({ id, position: { x, y }, width: 136, height: 90, data: {} }) as unknown as DeviceFlowNode;
const edge = (a: DeviceFlowNode, b: DeviceFlowNode) =>
  ({
    id: `${a.id}-${b.id}`,
    source: a.id,
    target: b.id,
    data: { from: a.position, to: b.position },
  }) as unknown as LinkFlowEdge;

describe('the region of the canvas React Flow draws', () => {
  it('is the part of the world in view, grown by half a view on each side', () => {
    const view = viewRect([-1000, -500, 2], 800, 600)!;
    expect(view).toEqual({ x: 500, y: 250, width: 400, height: 300 });
    expect(nextRegion(null, view, 0.5)).toEqual({ x: 300, y: 100, width: 800, height: 600 });
    expect(viewRect([0, 0, 1], 0, 600)).toBeUndefined();
  });

  it('stays while the view pans inside it, and follows when the view reaches its edge or zooms well in', () => {
    const region = nextRegion(null, { x: 0, y: 0, width: 400, height: 300 }, 0.5);
    expect(nextRegion(region, { x: 190, y: -140, width: 400, height: 300 }, 0.5)).toBe(region);
    expect(nextRegion(region, { x: -210, y: 0, width: 400, height: 300 }, 0.5)).toEqual({
      x: -410,
      y: -150,
      width: 800,
      height: 600,
    });
    // Zoomed in threefold: a region nine times the needed area would keep far too much drawn.
    expect(nextRegion(region, { x: 100, y: 100, width: 133, height: 100 }, 0.5)).not.toBe(region);
    // Zoomed out: the view no longer fits.
    expect(nextRegion(region, { x: -300, y: -300, width: 1000, height: 900 }, 0.5).width).toBe(2000);
  });

  it('has a narrow margin zoomed out, where a view holds thousands of devices', () => {
    expect(regionMargin(1)).toBe(0.5);
    expect(regionMargin(0.2)).toBe(0.25);
    expect(nextRegion(null, { x: 0, y: 0, width: 1000, height: 1000 }, regionMargin(0.2))).toEqual({
      x: -250,
      y: -250,
      width: 1500,
      height: 1500,
    });
  });

  it('holds the devices that meet it and both ends of every link that may cross it', () => {
    const near = node('near', 100, 100);
    const far = node('far', 5000, 100);
    const farther = node('farther', 9000, 100);
    const left = node('left', -5000, 120);
    const right = node('right', 5000, 120);
    const nodes = [near, far, farther, left, right];
    const edges = [edge(near, far), edge(far, farther), edge(left, right)];
    const drawn = cullToRegion(nodes, edges, { x: 0, y: 0, width: 800, height: 600 });
    // near-far has an end inside; left-right crosses the region with both ends far outside; far-farther is all outside.
    expect(drawn.nodes.map((n) => n.id)).toEqual(['near', 'far', 'left', 'right']);
    expect(drawn.edges.map((e) => e.id)).toEqual(['near-far', 'left-right']);
  });

  it('hands back the same arrays when everything is in it (zoomed out), so React Flow sees no change', () => {
    const nodes = [node('a', 0, 0), node('b', 300, 0)];
    const edges = [edge(nodes[0], nodes[1])];
    const drawn = cullToRegion(nodes, edges, { x: -100, y: -100, width: 1000, height: 1000 });
    expect(drawn.nodes).toBe(nodes);
    expect(drawn.edges).toBe(edges);
  });

  it('moves selected devices outside it with the ones React Flow drags, and nothing when an unselected one moves', () => {
    const devices = [
      { id: 'a', position: { x: 100, y: 0 } },
      { id: 'b', position: { x: 9000, y: 10 } },
      { id: 'c', position: { x: 0, y: 0 } },
    ];
    const drawn = new Set(['a', 'c']);
    const moves = new Map([['a', { x: 132, y: 48 }]]);
    moveRestOfSelection(moves, ['a', 'b'], devices, drawn);
    expect(Object.fromEntries(moves)).toEqual({ a: { x: 132, y: 48 }, b: { x: 9032, y: 58 } });
    // React Flow still reports a device it let go of mid-drag, where it was then: it moves with the rest.
    const stale = new Map([
      ['a', { x: 132, y: 48 }],
      ['b', { x: 9000, y: 10 }],
    ]);
    moveRestOfSelection(stale, ['a', 'b'], devices, drawn);
    expect(Object.fromEntries(stale)).toEqual({ a: { x: 132, y: 48 }, b: { x: 9032, y: 58 } });
    const unselected = new Map([['c', { x: 16, y: 0 }]]);
    moveRestOfSelection(unselected, ['a', 'b'], devices, drawn);
    expect(Object.fromEntries(unselected)).toEqual({ c: { x: 16, y: 0 } });
  });
});
