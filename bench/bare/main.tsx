// The baseline the editor is measured against: React Flow drawing the same graph with default nodes and no app
// around it. The benchmark picks the same file the editor opens through the page's file input (so both include
// reading the file), or calls `window.renderTopology(text)`.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, ReactFlowProvider, applyNodeChanges, type Edge, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
// The editor's first view of a file, so both first renders draw the same nodes.
import { FIT } from '../../renderer/src/canvas/fitDocument';

interface BareTopology {
  devices: { id: string; name: string; position: { x: number; y: number } }[];
  links: { id: string; a: { device: string }; b: { device: string } }[];
}

declare global {
  interface Window {
    renderTopology(text: string): void;
  }
}

function Bare({ graph }: { graph: BareTopology }) {
  const [nodes, setNodes] = useState<Node[]>(() =>
    graph.devices.map((d) => ({ id: d.id, position: d.position, data: { label: d.name } })),
  );
  const edges: Edge[] = graph.links.map((l) => ({ id: l.id, source: l.a.device, target: l.b.device }));
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={(changes: NodeChange[]) => setNodes((ns) => applyNodeChanges(changes, ns))}
      onlyRenderVisibleElements
      panOnDrag={[1, 2]}
      selectionOnDrag
      fitView
      fitViewOptions={FIT}
      minZoom={0.05}
      maxZoom={3}
    />
  );
}

const root = createRoot(document.getElementById('root')!);
const input = document.getElementById('open') as HTMLInputElement;
input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (file) void file.text().then((text) => window.renderTopology(text));
});
window.renderTopology = (text: string) => {
  const graph = JSON.parse(text) as BareTopology;
  root.render(
    <div style={{ width: '100vw', height: '100vh' }}>
      <ReactFlowProvider>
        <Bare graph={graph} />
      </ReactFlowProvider>
    </div>,
  );
};
