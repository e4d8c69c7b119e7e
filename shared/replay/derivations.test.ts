import { describe, expect, it } from 'vitest';
import { miniJourney, miniTopology, IP } from './fixtures/miniJourney';
import { replayContext } from './context';
import { classifySteps } from './classify';
import { filterSteps, framesOnLink } from './filters';
import { changedSincePreviousHop, compareHops } from './hops';
import { buildLadder, ladderLanes, nearestRow } from './ladder';
import { dropAt, linksUsedUpTo, packetPosition } from './overlay';
import { initialPlayback, playbackReducer, type PlaybackState } from './playback';
import { viewAtLevel } from './levels';
import type { FrameStep } from '../engine/trace';

const trace = miniJourney();
const ctx = replayContext(trace, miniTopology());
const classes = classifySteps(trace, ctx);
const frames = trace.steps.filter((s): s is FrameStep => s.type === 'frame');

describe('filters', () => {
  it('filters by protocol, counting a router decision as the protocol of the packet it forwarded', () => {
    const arp = filterSteps(trace, classes, { protocols: ['arp'] });
    expect(arp.length).toBe(5); // the cache-miss decision and four frames
    const dns = filterSteps(trace, classes, { protocols: ['dns'] });
    expect(dns.every((i) => trace.steps[i].type !== 'frame' || (trace.steps[i] as FrameStep).protocol === 'dns')).toBe(true);
    expect(dns.some((i) => trace.steps[i].type === 'decision' && (trace.steps[i] as { kind: string }).kind === 'route')).toBe(true);
  });

  it('filters by device and by link', () => {
    const onL5 = filterSteps(trace, classes, { linkId: 'l5' });
    expect(onL5).toEqual(framesOnLink(trace, 'l5'));
    expect(onL5).toHaveLength(2); // query to the root and its referral
    const root = filterSteps(trace, classes, { deviceId: 'root' });
    expect(root).toEqual(onL5);
    expect(filterSteps(trace, classes, {}).length).toBe(trace.steps.length);
  });
});

describe('hops', () => {
  const query = frames.find((f) => f.protocol === 'dns' && f.linkId === 'l1')!;
  const atHome = frames.find((f) => f.packetId === query.packetId && f.linkId === 'l3')!;
  const atSwitch = frames.find((f) => f.packetId === query.packetId && f.linkId === 'l2')!;

  it('one column per link the packet crossed', () => {
    const cmp = compareHops(trace, atHome.index)!;
    expect(cmp.columns.map((c) => c.linkId)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(cmp.current).toBe(2);
  });

  it('a switch changes nothing; a NAT router rewrites MACs, TTL, checksums, source address and port', () => {
    expect([...changedSincePreviousHop(trace, atSwitch.index)]).toEqual([]);
    const changed = changedSincePreviousHop(trace, atHome.index);
    expect([...changed].sort()).toEqual(['eth.dst', 'eth.src', 'ipv4.checksum', 'ipv4.src', 'ipv4.ttl', 'udp.checksum', 'udp.srcport'].sort());
    const cmp = compareHops(trace, atHome.index)!;
    const ttl = cmp.rows.find((r) => r.key === 'ipv4.ttl')!;
    expect(ttl.values).toEqual(['64', '64', '63', '62']);
    expect(ttl.reason).toBe('ttl');
    const src = cmp.rows.find((r) => r.key === 'ipv4.src')!;
    expect(src.values).toEqual([IP.pc, IP.pc, IP.homePublic, IP.homePublic]);
    expect(src.reason).toBe('nat');
    expect(cmp.rows.find((r) => r.key === 'eth.src')!.reason).toBe('mac');
    expect(cmp.rows.find((r) => r.key === 'ipv4.checksum')!.reason).toBe('checksum');
  });

  it('nothing to compare for a decision', () => {
    const decision = trace.steps.find((s) => s.type === 'decision')!;
    expect(compareHops(trace, decision.index)).toBeUndefined();
  });
});

describe('ladder and canvas overlay', () => {
  it('lanes follow first appearance, or a given layout order', () => {
    expect(ladderLanes(trace).slice(0, 3)).toEqual(['pc', 'sw', 'home']);
    expect(ladderLanes(trace, ['web', 'pc']).slice(0, 2)).toEqual(['web', 'pc']);
  });

  it('one arrow per frame between the right lanes', () => {
    const ladder = buildLadder(trace, classes);
    expect(ladder.rows.length).toBe(frames.length);
    const first = ladder.rows.find((r) => r.kind === 'frame')!;
    expect(first.kind === 'frame' && [ladder.lanes[first.from], ladder.lanes[first.to]]).toEqual(['pc', 'sw']);
    // a decision highlights the frame row just before it
    const decision = trace.steps.find((s) => s.index > frames[0].index && s.type === 'decision')!;
    expect(ladder.rows[nearestRow(ladder, decision.index)].step).toBeLessThan(decision.index);
  });

  it('the packet position and the used links', () => {
    const query = frames.find((f) => f.protocol === 'dns' && f.linkId === 'l4')!;
    expect(packetPosition(trace, query.index)).toEqual({ linkId: 'l4', from: 'core', to: 'resolver', protocol: 'dns', label: 'DNS' });
    expect(packetPosition(trace, 0)).toBeUndefined();
    expect(linksUsedUpTo(trace, query.index)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(linksUsedUpTo(trace, trace.steps.length - 1).sort()).toEqual(['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7']);
  });

  it('a drop is shown at the device with its reason', () => {
    const blocked = miniJourney({ blocked: true });
    const drop = blocked.steps.find((s) => s.type === 'drop')!;
    expect(dropAt(blocked, drop.index)).toEqual({ deviceId: 'core', reason: 'firewall', summary: 'dropped by rule deny-web' });
  });
});

describe('playback', () => {
  const items2 = viewAtLevel(trace, 2, ctx);
  const items7 = viewAtLevel(trace, 7, ctx);
  const run = (state: PlaybackState, items = items7, ...types: Parameters<typeof playbackReducer>[1][]) =>
    types.reduce((s, a) => playbackReducer(s, a, items), state);

  it('steps forward and back by the items of the level, landing on the state after each item', () => {
    const s = run(initialPlayback(), items2, { type: 'first' }, { type: 'forward' });
    expect(s.step).toBe(items2[1].last);
    expect(run(s, items2, { type: 'back' }).step).toBe(items2[0].last);
    expect(run(s, items2, { type: 'back' }, { type: 'back' }).step).toBe(items2[0].last);
    expect(run(s, items2, { type: 'last' }).step).toBe(trace.steps.length - 1);
  });

  it('at level 7 every step is a stop', () => {
    const s = run(initialPlayback(0), items7, { type: 'forward' }, { type: 'forward' });
    expect(s.step).toBe(2);
  });

  it('plays to the end and stops; playing at the end starts over', () => {
    let s = run(initialPlayback(), items2, { type: 'first' }, { type: 'play' });
    expect(s.playing).toBe(true);
    for (let i = 0; i < 10; i++) s = playbackReducer(s, { type: 'tick' }, items2);
    expect(s.playing).toBe(false);
    expect(s.step).toBe(trace.steps.length - 1);
    s = playbackReducer(s, { type: 'play' }, items2);
    expect(s.step).toBe(items2[0].last);
    expect(s.playing).toBe(true);
  });

  it('speed, scrub and seek', () => {
    let s = run(initialPlayback(), items7, { type: 'faster' }, { type: 'faster' }, { type: 'faster' }, { type: 'faster' });
    expect(s.speed).toBe(4);
    s = run(s, items7, { type: 'slower' });
    expect(s.speed).toBe(2);
    expect(run(s, items2, { type: 'scrub', item: 2 }).step).toBe(items2[2].last);
    expect(run(s, items7, { type: 'seek', step: 40 }).step).toBe(40);
    expect(run(s, items7, { type: 'seek', step: 100000 }).step).toBe(trace.steps.length - 1);
  });
});
