import type { JSX } from 'react';
import type { Topology } from '../../../shared/model/schema';

export interface InspectorProps {
  topology: Topology;
  selection: { deviceIds: string[]; linkIds: string[] };
  /** Apply an edit as ONE undoable step; the recipe mutates an immer draft of the whole topology. */
  onEdit(label: string, recipe: (draft: Topology) => void): void;
  /** Open and scroll to a config entry (from the problems panel, later from a replay decision), e.g. { deviceId: 'fw', path: ['rules', 0] }. */
  focus?: { deviceId: string; path: (string | number)[] };
}

export function Inspector(props: InspectorProps): JSX.Element {
  return <aside className="pj-inspector">{props.topology.name}</aside>;
}
