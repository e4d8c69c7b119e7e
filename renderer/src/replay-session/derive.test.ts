import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { buildSample } from '../../../shared/model/samples';
import { simulate } from '../../../shared/engine';
import { initialReplay } from '../store/replay';
import { browserHosts, defaultRequest, isStale, replayToSave, sameNetwork } from './derive';

const doc = buildSample('home-to-web');

describe('replay and document', () => {
  it('offers the hosts and servers as browsers and fetches the first web site by default', () => {
    expect(browserHosts(doc).map((h) => h.id)).toContain('pc');
    expect(browserHosts(doc).map((h) => h.id)).not.toContain('fw');
    expect(defaultRequest(doc)).toEqual({ from: 'pc', url: 'http://www.example.com/', warm: false });
  });

  it('a moved device keeps the replay fresh; a changed rule or a new link makes it stale', () => {
    const moved = produce(doc, (d) => {
      d.devices[0].position.x += 100;
    });
    expect(sameNetwork(doc, moved)).toBe(true);
    const denied = produce(doc, (d) => {
      const fw = d.devices.find((x) => x.id === 'fw');
      if (fw?.kind === 'firewall') fw.rules[0].action = 'deny';
    });
    expect(sameNetwork(doc, denied)).toBe(false);
    const unlinked = produce(doc, (d) => {
      d.links.pop();
    });
    expect(sameNetwork(doc, unlinked)).toBe(false);
    const trace = simulate(doc, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false });
    expect(isStale(denied, { trace, runTopology: doc })).toBe(true);
    expect(isStale(moved, { trace, runTopology: doc })).toBe(false);
    expect(isStale(denied, { trace: undefined, runTopology: undefined })).toBe(false);
  });

  it('saves the scenario that was run, the level and the step', () => {
    const trace = simulate(doc, { from: 'pc', url: 'http://www.example.com/', seed: 3, warm: true });
    const replay = { ...initialReplay(), trace, runTopology: doc, level: 5 as const, step: 12 };
    expect(replayToSave(doc, replay)).toEqual({
      from: 'pc',
      url: 'http://www.example.com/',
      level: 5,
      step: 12,
      warm: true,
      seed: 3,
    });
    expect(replayToSave(doc, initialReplay())).toBeUndefined();
    // The export dialog's last choices travel with the replay.
    const slides = {
      format: 'pdf' as const,
      level: 5,
      from: 2,
      to: 4,
      theme: 'print' as const,
      lang: 'ko' as const,
      size: '1280x720' as const,
    };
    expect(replayToSave(doc, { ...replay, slides })).toEqual({
      from: 'pc',
      url: 'http://www.example.com/',
      level: 5,
      step: 12,
      warm: true,
      seed: 3,
      slides,
    });
  });
});
