// The dot grid behind the network. React Flow's <Background> is an SVG pattern whose offset changes on every pan
// frame, so the whole canvas area is repainted each frame. Here the same dots are drawn once on a layer one cell
// larger than the canvas that only slides by less than a cell (a compositor-only transform while panning); it is
// redrawn only when the zoom changes the cell size.
import { memo, useId } from 'react';
import { useStore, type ReactFlowState } from '@xyflow/react';

const transformSelector = (s: ReactFlowState) => s.transform;
const DOT = 'var(--xy-background-pattern-color, var(--xy-background-pattern-dots-color-default))';

/** Closer than this the dots are a grey haze that says nothing and costs a full repaint per zoom step. */
const MIN_CELL = 4;

const mod = (a: number, n: number) => ((a % n) + n) % n;

function GridBackgroundView({ gap, size }: { gap: number; size: number }) {
  const [tx, ty, zoom] = useStore(transformSelector);
  const id = `pj-grid-${useId()}`;
  const cell = gap * zoom;
  const radius = (size * zoom) / 2;
  // Dots sit at world multiples of `gap` (as React Flow draws them): each sits in the middle of its cell.
  const x = mod(tx - cell / 2, cell) - cell;
  const y = mod(ty - cell / 2, cell) - cell;
  return (
    <div className="react-flow__background" style={{ position: 'absolute', inset: 0, overflow: 'hidden' }} data-testid="canvas-grid">
      {cell >= MIN_CELL && (
        <svg
          width={`calc(100% + ${cell * 2}px)`}
          height={`calc(100% + ${cell * 2}px)`}
          style={{ position: 'absolute', left: 0, top: 0, transform: `translate(${x}px, ${y}px)`, willChange: 'transform' }}
        >
          <pattern id={id} width={cell} height={cell} patternUnits="userSpaceOnUse">
            <circle cx={cell / 2} cy={cell / 2} r={radius} fill={DOT} />
          </pattern>
          <rect width="100%" height="100%" fill={`url(#${id})`} />
        </svg>
      )}
    </div>
  );
}

export const GridBackground = memo(GridBackgroundView);
