// A link: a straight line between two device icons, with the interface name at each end.
import { memo } from 'react';
import { BaseEdge, useInternalNode, useStore, type Edge, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import type { Link } from '../../../shared/model/schema';
import { DETAIL_ZOOM, LABEL_DISTANCE, LINK_CLEARANCE, NODE_WIDTH, iconCenter } from './geometry';

export type LinkEdgeData = { link: Link; label: string };
export type LinkFlowEdge = Edge<LinkEdgeData, 'link'>;

const detailSelector = (s: ReactFlowState) => s.transform[2] >= DETAIL_ZOOM;

function along(from: { x: number; y: number }, to: { x: number; y: number }, distance: number) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance, length };
}

function LinkEdgeView({ id, source, target, data, selected }: EdgeProps<LinkFlowEdge>) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const detailed = useStore(detailSelector);
  if (!sourceNode || !targetNode || !data) return null;

  const a = iconCenter(sourceNode.internals.positionAbsolute, sourceNode.measured.width ?? NODE_WIDTH);
  const b = iconCenter(targetNode.internals.positionAbsolute, targetNode.measured.width ?? NODE_WIDTH);
  const start = along(a, b, LINK_CLEARANCE);
  const end = along(b, a, LINK_CLEARANCE);
  const path = `M ${start.x},${start.y} L ${end.x},${end.y}`;
  // Labels only fit when the link is long enough to carry both without overlapping the icons or each other.
  const showLabels = detailed && start.length > LABEL_DISTANCE * 2 + 40;
  const labelA = along(a, b, LABEL_DISTANCE);
  const labelB = along(b, a, LABEL_DISTANCE);

  return (
    <g className={`pj-link${selected ? ' is-selected' : ''}`} data-testid={`link-${data.label}`}>
      <BaseEdge id={id} path={path} interactionWidth={16} />
      {showLabels && (
        <>
          <text className="pj-link-label" x={labelA.x} y={labelA.y} dy="0.35em" textAnchor="middle">
            {data.link.a.interface}
          </text>
          <text className="pj-link-label" x={labelB.x} y={labelB.y} dy="0.35em" textAnchor="middle">
            {data.link.b.interface}
          </text>
        </>
      )}
    </g>
  );
}

export const LinkEdge = memo(LinkEdgeView);
