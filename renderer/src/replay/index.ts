// The replay UI: components take props only; the shell mounts them (see ReplayWorkspace for all of them wired).
export { BrowserBar, type BrowserBarProps, type BrowserRequest } from './BrowserBar';
export { ReplayControls, type ReplayControlsProps } from './ReplayControls';
export { useStep, useStepAfterPaint, type StepSource } from './stepSource';
export { EventList, type EventListProps } from './EventList';
export { LadderDiagram, type LadderDiagramProps } from './LadderDiagram';
export { PacketInspector, fieldAtByte, type PacketInspectorProps } from './PacketInspector';
export { DecisionPanel, type DecisionPanelProps } from './DecisionPanel';
export { LinkFrames, type LinkFramesProps } from './LinkFrames';
export { DeviceStatePanel, type DeviceStatePanelProps } from './DeviceStatePanel';
export { ReplayWorkspace, type ReplayWorkspaceProps } from './ReplayWorkspace';
export { ProtocolTag } from './ProtocolTag';
export { useReplayModel, useCaption, type ReplayModel } from './model';
