// A link: a straight line between two device icons, with the interface name at each end.
import { memo } from 'react';
import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';
import type { Link } from '../../../shared/model/schema';
import { LABEL_DISTANCE, LINK_CLEARANCE, along, iconCenter } from './geometry';
import { useCanvasView } from './view';

type Point = { x: number; y: number };

/**
 * `from`/`to` are the positions of the two devices, taken from the document (the canvas is controlled, so they are
 * what React Flow draws): the edge needs no lookup of its nodes in React Flow's store on every frame.
 */
export type LinkEdgeData = { link: Link; label: string; from: Point; to: Point };
export type LinkFlowEdge = Edge<LinkEdgeData, 'link'>;

function LinkEdgeView({ id, data, selected }: EdgeProps<LinkFlowEdge>) {
  const { detailed } = useCanvasView();
  if (!data) return null;

  const a = iconCenter(data.from);
  const b = iconCenter(data.to);
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
