// What the model says to a person (why a file did not open, why two devices were not connected) reads in both
// languages: every message has Korean words with the same placeholders.
import { describe, expect, it } from 'vitest';
import enLoad from '../i18n/en/load.json';
import koLoad from '../i18n/ko/load.json';
import enEdit from '../i18n/en/edit.json';
import koEdit from '../i18n/ko/edit.json';
import enScenario from '../i18n/en/scenario.json';
import koScenario from '../i18n/ko/scenario.json';
import { connectDevices, addDevice, emptyTopology } from './topology-edits';

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("the model's messages in English and Korean", () => {
  for (const [ns, en, ko] of [
    ['load', enLoad, koLoad],
    ['edit', enEdit, koEdit],
    ['scenario', enScenario, koScenario],
  ] as const) {
    it(`${ns}: every message has Korean words with the same placeholders`, () => {
      expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        const words = (ko as Record<string, string>)[key];
        expect(placeholders(words), key).toEqual(placeholders(text));
        expect(words, key).toMatch(/[가-힣]/);
      }
    });
  }

  it('a refused connection names its reason, and its English is that reason in English', () => {
    let t = emptyTopology('x');
    const a = addDevice(t, 'host', { x: 0, y: 0 });
    t = a.topology;
    const b = addDevice(t, 'switch', { x: 100, y: 0 });
    t = b.topology;
    const first = connectDevices(t, a.deviceId, b.deviceId);
    if (!first.ok) throw new Error(first.error);
    const again = connectDevices(first.topology, a.deviceId, b.deviceId);
    expect(again).toMatchObject({
      ok: false,
      refusal: { key: 'alreadyConnected', params: { a: a.device.name, b: b.device.name } },
    });
    expect(!again.ok && again.error).toBe(`${a.device.name} and ${b.device.name} are already connected.`);
    expect(connectDevices(t, a.deviceId, a.deviceId)).toMatchObject({ ok: false, refusal: { key: 'self' } });
  });
});
