// Editor actions that change the document, each one undo step, all through the model's pure edit functions.
import * as model from '../../../shared/model/topology-edits';
import type { Device, Link, Topology } from '../../../shared/model/schema';
import { useApp } from '../store';
import { viewCenter } from '../canvas/flowApi';
import { GRID } from '../canvas/geometry';
import { i18next } from '../i18n';

const PASTE_STEP = 32;

interface Clipboard {
  devices: Device[];
  links: Link[];
  pastes: number;
}

let clipboard: Clipboard | null = null;

const label = (key: string) => i18next.t(`history.${key}`, { ns: 'app' });

export function addDevice(presetId: model.PresetId, position: { x: number; y: number }) {
  const s = useApp.getState();
  if (!s.doc) return;
  const at = s.snapToGrid
    ? { x: Math.round(position.x / GRID) * GRID, y: Math.round(position.y / GRID) * GRID }
    : position;
  const result = model.addDevice(s.doc, presetId, { x: Math.round(at.x), y: Math.round(at.y) });
  s.commit(label('add'), result.topology);
  s.setSelection({ deviceIds: [result.deviceId], linkIds: [] });
}

/** Add a device at the centre of the view (palette by keyboard or click). */
export function addDeviceAtCenter(presetId: model.PresetId) {
  const c = viewCenter();
  const s = useApp.getState();
  // Nudge so repeated adds do not stack exactly on top of each other.
  const n =
    s.doc?.devices.filter((d) => Math.abs(d.position.x - (c.x - 68)) < 200 && Math.abs(d.position.y - (c.y - 26)) < 200)
      .length ?? 0;
  addDevice(presetId, { x: Math.round(c.x - 68 + n * PASTE_STEP), y: Math.round(c.y - 26 + n * PASTE_STEP) });
}

export function connect(a: string, b: string) {
  const s = useApp.getState();
  if (!s.doc) return;
  const result = model.connectDevices(s.doc, a, b);
  if (!result.ok) {
    s.pushToast({
      kind: 'info',
      title: i18next.t('errors.connectFailed', { ns: 'app' }),
      message: i18next.t(result.refusal.key, { ns: 'edit', ...result.refusal.params }),
    });
    return;
  }
  s.commit(label('connect'), result.topology);
  s.setSelection({ deviceIds: [], linkIds: [result.linkId] });
}

export function deleteSelection() {
  const s = useApp.getState();
  if (!s.doc) return;
  const { deviceIds, linkIds } = s.selection;
  let next: Topology = s.doc;
  if (linkIds.length > 0) next = model.removeLinks(next, linkIds);
  if (deviceIds.length > 0) next = model.removeDevices(next, deviceIds);
  s.commit(label('delete'), next);
  s.clearSelection();
}

export function duplicateSelection() {
  const s = useApp.getState();
  if (!s.doc || s.selection.deviceIds.length === 0) return;
  const result = model.duplicateDevices(s.doc, s.selection.deviceIds, { x: PASTE_STEP * 2, y: PASTE_STEP * 2 });
  s.commit(label('duplicate'), result.topology);
  s.setSelection({ deviceIds: result.deviceIds, linkIds: [] });
}

export function copySelection() {
  const s = useApp.getState();
  if (!s.doc || s.selection.deviceIds.length === 0) return;
  const ids = new Set(s.selection.deviceIds);
  clipboard = {
    devices: s.doc.devices.filter((d) => ids.has(d.id)),
    links: s.doc.links.filter((l) => ids.has(l.a.device) && ids.has(l.b.device)),
    pastes: 0,
  };
}

export function cutSelection() {
  copySelection();
  const s = useApp.getState();
  if (!s.doc || !clipboard) return;
  s.commit(label('cut'), model.removeDevices(s.doc, s.selection.deviceIds));
  s.clearSelection();
  // The first paste after a cut lands where the devices were.
  clipboard.pastes = -1;
}

export const canPaste = () => clipboard !== null && clipboard.devices.length > 0;

/**
 * Paste duplicates the copied devices through the model (fresh names, MACs, non-clashing addresses). Copied devices
 * that are no longer in the document (cut, deleted, another file) are put back temporarily to be duplicated from.
 */
export function paste() {
  const s = useApp.getState();
  if (!s.doc || !clipboard) return;
  const present = new Set(s.doc.devices.map((d) => d.id));
  const missing = clipboard.devices.filter((d) => !present.has(d.id));
  const linkIds = new Set(s.doc.links.map((l) => l.id));
  const base: Topology =
    missing.length === 0
      ? s.doc
      : {
          ...s.doc,
          devices: [...s.doc.devices, ...missing],
          links: [...s.doc.links, ...clipboard.links.filter((l) => !linkIds.has(l.id))],
        };
  clipboard.pastes++;
  const offset = clipboard.pastes * PASTE_STEP;
  const result = model.duplicateDevices(
    base,
    clipboard.devices.map((d) => d.id),
    { x: offset, y: offset },
  );
  const next =
    missing.length === 0
      ? result.topology
      : model.removeDevices(
          result.topology,
          missing.map((d) => d.id),
        );
  s.commit(label('paste'), next);
  s.setSelection({ deviceIds: result.deviceIds, linkIds: [] });
}
