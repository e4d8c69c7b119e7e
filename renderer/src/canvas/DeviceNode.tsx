// A device on the canvas: icon tile, name, addresses. Connections start from the small knob and end anywhere on a
// device (the target handle covers the whole node while a connection is being drawn).
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Device } from '../../../shared/model/schema';
import { MAX_ADDRESS_LINES, addressLines, roleBadges } from './deviceLabel';
import { useCanvasView } from './view';

export type DeviceNodeData = { device: Device };
export type DeviceFlowNode = Node<DeviceNodeData, 'device'>;

function DeviceNodeView({ data, selected }: NodeProps<DeviceFlowNode>) {
  const { device } = data;
  const { detailed, connecting } = useCanvasView();
  const lines = detailed ? addressLines(device) : [];
  const badges = detailed ? roleBadges(device) : [];

  return (
    <div
      className={`pj-device pj-kind-${device.kind}${selected ? ' is-selected' : ''}${detailed ? '' : ' is-simple'}`}
      data-testid={`device-${device.name}`}
      aria-label={`${device.kind} ${device.name}`}
    >
      <div className="pj-device-icon">
        {/* A bitmap of the kind's icon (glyphs.ts); zoomed out, a plain tile. */}
        {detailed && <span className="pj-device-glyph" aria-hidden />}
        {badges.length > 0 && (
          <div className="pj-device-badges">
            {badges.map((b) => (
              <span key={b}>{b}</span>
            ))}
          </div>
        )}
      </div>
      <div className="pj-device-name">{device.name}</div>
      {lines.length > 0 && (
        <div className="pj-device-addresses">
          {lines.slice(0, MAX_ADDRESS_LINES).map((line) => (
            <div key={line}>{line}</div>
          ))}
          {lines.length > MAX_ADDRESS_LINES && (
            <div className="pj-device-more">+{lines.length - MAX_ADDRESS_LINES}</div>
          )}
        </div>
      )}
      <Handle
        type="source"
        position={Position.Right}
        className="pj-connect-knob"
        data-testid={`connect-${device.name}`}
        title="Drag to connect"
      />
      <Handle
        type="target"
        position={Position.Left}
        className={`pj-drop-target${connecting ? ' is-active' : ''}`}
        isConnectableStart={false}
      />
    </div>
  );
}

export const DeviceNode = memo(DeviceNodeView);
