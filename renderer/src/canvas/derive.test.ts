import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopologyText } from '../../../shared/model/load';
import { FlowDeriver } from './derive';

const text = readFileSync(resolve(__dirname, '../../../resources/samples/home-to-web.packetjourney'), 'utf8');
const loaded = loadTopologyText(text, 'home-to-web');
if (!loaded.ok) throw new Error(loaded.error);
const topology = loaded.topology;

describe('FlowDeriver', () => {
  it('derives one node per device and one edge per link, named for tests and people', () => {
    const d = new FlowDeriver();
    const nodes = d.deriveNodes(topology.devices, new Set());
    const edges = d.deriveEdges(topology, new Set());
    expect(nodes.map((n) => n.id)).toEqual(topology.devices.map((x) => x.id));
    expect(edges).toHaveLength(topology.links.length);
    const names = new Map(topology.devices.map((x) => [x.id, x.name]));
    const l = topology.links[0];
    expect(edges[0].data!.label).toBe(`${names.get(l.a.device)}-${names.get(l.b.device)}`);
  });

  it('reuses the node objects of untouched devices after an edit, so only the edited one re-renders', () => {
    const d = new FlowDeriver();
    const before = d.deriveNodes(topology.devices, new Set());
    const moved = produce(topology, (t) => {
      t.devices[3].position.x += 16;
    });
    const after = d.deriveNodes(moved.devices, new Set());
    const changed = after.filter((n, i) => n !== before[i]).map((n) => n.id);
    expect(changed).toEqual([topology.devices[3].id]);
    expect(after[3].position.x).toBe(topology.devices[3].position.x + 16);
  });

  it('a selection change replaces only the nodes whose selection changed', () => {
    const d = new FlowDeriver();
    const before = d.deriveNodes(topology.devices, new Set());
    const after = d.deriveNodes(topology.devices, new Set([topology.devices[0].id]));
    expect(after.filter((n, i) => n !== before[i])).toHaveLength(1);
    expect(after[0].selected).toBe(true);
  });

  it('moving a device replaces only the edges of its links, which then carry its new position', () => {
    const d = new FlowDeriver();
    const before = d.deriveEdges(topology, new Set());
    const moved = produce(topology, (t) => {
      t.devices[3].position.y += 32;
    });
    const id = topology.devices[3].id;
    const after = d.deriveEdges(moved, new Set());
    const changed = after.filter((e, i) => e !== before[i]);
    const attached = topology.links.filter((l) => l.a.device === id || l.b.device === id).map((l) => l.id);
    expect(attached.length).toBeGreaterThan(0);
    expect(changed.map((e) => e.id)).toEqual(attached);
    for (const e of changed) {
      const end = e.source === id ? e.data!.from : e.data!.to;
      expect(end).toEqual(moved.devices[3].position);
    }
  });
});
