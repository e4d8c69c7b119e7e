import { beforeEach, describe, expect, it } from 'vitest';
import { useApp, isDirty } from './index';
import { addDevice, connectDevices, emptyTopology } from '../../../shared/model/topology-edits';
import { loadTopologyText } from '../../../shared/model/load';
import { serializeTopology } from '../../../shared/model/canonical';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const initial = useApp.getState();

function openSample(name: string) {
  const text = readFileSync(resolve(__dirname, `../../../resources/samples/${name}.packetjourney`), 'utf8');
  const loaded = loadTopologyText(text, name);
  if (!loaded.ok) throw new Error(loaded.error);
  useApp.getState().replaceDocument(loaded.topology, { name: `${name}.packetjourney` });
  return text;
}

beforeEach(() => useApp.setState(initial, true));

describe('document history', () => {
  it('undoes and redoes every committed edit in order, and a new edit clears redo', () => {
    useApp.getState().replaceDocument(emptyTopology('t'), null);
    const s = () => useApp.getState();
    const a = addDevice(s().doc!, 'host', { x: 0, y: 0 });
    s().commit('add', a.topology);
    const b = addDevice(s().doc!, 'switch', { x: 200, y: 0 });
    s().commit('add', b.topology);
    const c = connectDevices(s().doc!, a.deviceId, b.deviceId);
    if (!c.ok) throw new Error(c.reason);
    s().commit('connect', c.topology);
    expect(s().doc!.links).toHaveLength(1);

    s().undo();
    expect(s().doc!.links).toHaveLength(0);
    s().undo();
    expect(s().doc!.devices).toHaveLength(1);
    s().redo();
    expect(s().doc!.devices).toHaveLength(2);
    s().applyEdit('rename', (d) => {
      d.name = 'renamed';
    });
    expect(s().future).toHaveLength(0);
    expect(s().past.map((e) => e.label)).toEqual(['add', 'add', 'rename']);
  });

  it('records a whole drag as one undo step that restores the position before the drag', () => {
    openSample('small-lan');
    const s = () => useApp.getState();
    const before = s().doc!.devices[1].position;
    s().beginGesture();
    for (let i = 1; i <= 20; i++) {
      s().updateGesture((d) => {
        d.devices[1].position = { x: before.x + i * 10, y: before.y };
      });
    }
    s().endGesture('move');
    expect(s().past).toHaveLength(1);
    expect(s().doc!.devices[1].position.x).toBe(before.x + 200);
    s().undo();
    expect(s().doc!.devices[1].position).toEqual(before);
  });

  it('a click without movement records nothing', () => {
    openSample('small-lan');
    useApp.getState().beginGesture();
    useApp.getState().endGesture('move');
    expect(useApp.getState().past).toHaveLength(0);
    expect(isDirty(useApp.getState())).toBe(false);
  });

  it('is dirty after an edit and clean again after undoing back to what was opened', () => {
    const text = openSample('home-to-web');
    const s = () => useApp.getState();
    expect(isDirty(s())).toBe(false);
    s().applyEdit('move', (d) => {
      d.devices[0].position.x += 16;
    });
    expect(isDirty(s())).toBe(true);
    s().undo();
    expect(isDirty(s())).toBe(false);
    // And the document is still byte-identical to the file.
    expect(serializeTopology(s().doc!)).toBe(text);
  });

  it('drops selected ids that an undo removes', () => {
    useApp.getState().replaceDocument(emptyTopology('t'), null);
    const s = () => useApp.getState();
    const a = addDevice(s().doc!, 'router', { x: 0, y: 0 });
    s().commit('add', a.topology);
    s().setSelection({ deviceIds: [a.deviceId], linkIds: [] });
    s().undo();
    expect(s().selection.deviceIds).toEqual([]);
  });
});
