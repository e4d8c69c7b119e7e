// What arrives over the presentation's BroadcastChannel comes from another window: only well-formed messages are used.
import { describe, expect, it } from 'vitest';
import { loadSample, run } from '../../../shared/engine/testing/helpers';
import { channelName, parseToAudience, parseToPresenter } from './protocol';

describe('presentation messages', () => {
  it("accepts the presenter view's requests and nothing malformed", () => {
    expect(parseToAudience({ kind: 'hello' })).toEqual({ kind: 'hello' });
    expect(parseToAudience({ kind: 'go', action: 'forward' })).toEqual({ kind: 'go', action: 'forward' });
    expect(parseToAudience({ kind: 'seek', step: 12 })).toEqual({ kind: 'seek', step: 12 });
    expect(parseToAudience({ kind: 'level', level: 5 })).toEqual({ kind: 'level', level: 5 });
    expect(parseToAudience({ kind: 'blank', on: true })).toEqual({ kind: 'blank', on: true });
    for (const bad of [
      null,
      'hello',
      42,
      {},
      { kind: 'go', action: 'delete' },
      { kind: 'seek', step: -1 },
      { kind: 'seek', step: 1.5 },
      { kind: 'level', level: 8 },
      { kind: 'blank', on: 'yes' },
      { kind: 'run', command: 'file.new' },
    ]) {
      expect(parseToAudience(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it("accepts the audience's state and deck, as structured clones of the real thing", () => {
    const topology = loadSample('home-to-web');
    const trace = run(topology);
    const deck = parseToPresenter(
      structuredClone({ kind: 'deck', trace, topology, name: 'home-to-web.packetjourney' }),
    );
    expect(deck?.kind === 'deck' && deck.trace.steps.length).toBe(trace.steps.length);
    const state = { step: 3, level: 7, blank: false, playing: false, lang: 'ko', theme: 'dark', startedAt: 1 };
    expect(parseToPresenter({ kind: 'state', state })).toEqual({ kind: 'state', state });
    expect(parseToPresenter({ kind: 'end' })).toEqual({ kind: 'end' });
    expect(parseToPresenter({ kind: 'state', state: { ...state, lang: 'fr' } })).toBeUndefined();
    expect(parseToPresenter({ kind: 'state', state: { ...state, step: '3' } })).toBeUndefined();
    expect(parseToPresenter({ kind: 'deck', trace: {}, topology })).toBeUndefined();
    expect(parseToPresenter({ kind: 'deck', trace, topology: { devices: [] } })).toBeUndefined();
  });

  it('keeps one presentation apart from another', () => {
    expect(channelName('a')).not.toBe(channelName('b'));
  });
});
