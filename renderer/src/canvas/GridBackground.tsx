// The dot grid behind the network: React Flow's dots, on a sheet one cell larger than the canvas that slides by less
// than a cell while panning. Not a compositor layer of its own (nor is the viewport): measured here, any composited
// layer over the canvas made Chrome's per-frame layerization cost more main-thread time than the repaint it saved.
// Dots closer than a few pixels are left out (level of detail): they only grey the canvas and cost raster time.
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
          style={{ position: 'absolute', left: 0, top: 0, transform: `translate(${x}px, ${y}px)` }}
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
