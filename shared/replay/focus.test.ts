import { describe, expect, it } from 'vitest';
import { loadSample, run } from '../engine/testing/helpers';
import { replayContext } from './context';
import { viewAtLevel } from './levels';
import { focusDevices } from './focus';

describe('focusDevices', () => {
  const topology = loadSample('home-to-web');
  const trace = run(topology);
  const items = viewAtLevel(trace, 7, replayContext(trace, topology));

  it('shows the ends of the key frame and their neighbours', () => {
    // The DHCP Discover's key frame crosses sw → home: pc (sw's other neighbour) and isp (home's) come with it.
    const discover = items.find(
      (i) => trace.steps[i.keyStep].type === 'frame' && trace.steps[i.keyStep].summary.includes('Discover'),
    )!;
    const key = trace.steps[discover.keyStep];
    expect(key.type === 'frame' && [key.from.deviceId, key.to.deviceId]).toEqual(['sw', 'home']);
    expect(focusDevices(trace, topology, discover.keyStep)).toEqual(['pc', 'sw', 'home', 'isp']);
    // The offer arriving at pc: pc has no other neighbour, sw brings home.
    const offer = items.find(
      (i) => trace.steps[i.keyStep].type === 'frame' && trace.steps[i.keyStep].summary.includes('Offer'),
    )!;
    expect(focusDevices(trace, topology, offer.keyStep)).toEqual(['pc', 'sw', 'home']);
  });

  it('names a device and its neighbours for a decision, and every device without a step', () => {
    const decision = items.find((i) => trace.steps[i.keyStep].type === 'decision')!;
    const step = trace.steps[decision.keyStep];
    const shown = focusDevices(trace, topology, decision.keyStep);
    expect(step.type === 'decision' && shown.includes(step.deviceId)).toBe(true);
    expect(shown.length).toBeLessThan(topology.devices.length);
    expect(focusDevices(trace, topology, undefined)).toEqual(topology.devices.map((d) => d.id));
    expect(focusDevices(trace, topology, trace.steps.length + 5)).toEqual(topology.devices.map((d) => d.id));
  });

  it('keeps every focus inside the network at every step', () => {
    const ids = new Set(topology.devices.map((d) => d.id));
    for (const item of items) {
      const shown = focusDevices(trace, topology, item.keyStep);
      expect(shown.length).toBeGreaterThanOrEqual(2);
      expect(shown.every((id) => ids.has(id))).toBe(true);
    }
  });
});
