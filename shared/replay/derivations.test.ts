import { describe, expect, it } from 'vitest';
import { blockedTopology, blockedTrace, coldTrace, homeToWeb } from './testing';
import { replayContext } from './context';
import { classifySteps, type StepClass } from './classify';
import { framesOnLink, stepFilter, type StepFilter } from './filters';
import { changedAtCurrentHop, compareHops } from './hops';
import { ladderLanes, laneResolver } from './ladder';
import { dropAt, linksUsedUpTo, packetPosition } from './overlay';
import { initialPlayback, keyStepAt, playbackReducer, type PlaybackAction, type PlaybackState } from './playback';
import { allFrameItems, viewAtLevel, type ReplayItem } from './levels';
import { dnsInfo } from './frameInfo';
import type { DecisionStep, FrameStep, Trace } from '../engine/trace';

const trace = coldTrace();
const ctx = replayContext(trace, homeToWeb);
const classes = classifySteps(trace, ctx);
const frames = trace.steps.filter((s): s is FrameStep => s.type === 'frame');
const firstQuery = frames.find((f) => f.protocol === 'dns' && f.linkId === 'l1')!;
/** The indices of the steps the event list shows under a filter. */
const filterSteps = (t: Trace, cls: StepClass[], filter: StepFilter) =>
  t.steps.map((s) => s.index).filter(stepFilter(t, cls, filter));
const changedSincePreviousHop = (t: Trace, step: number) => changedAtCurrentHop(compareHops(t, step));
const hopOf = (linkId: string) => frames.find((f) => f.packetId === firstQuery.packetId && f.linkId === linkId)!;

describe('reading frames', () => {
  it('finds the DNS header in the bytes', () => {
    expect(dnsInfo(firstQuery)).toMatchObject({
      isResponse: false,
      recursionDesired: true,
      questionName: 'www.example.com',
    });
  });
});

describe('filters', () => {
  it('by protocol: a router decision counts as the protocol of the packet it forwarded', () => {
    const dns = filterSteps(trace, classes, { protocols: ['dns'] });
    expect(
      dns.filter((i) => trace.steps[i].type === 'frame').every((i) => (trace.steps[i] as FrameStep).protocol === 'dns'),
    ).toBe(true);
    const route = dns
      .map((i) => trace.steps[i])
      .find((s): s is DecisionStep => s.type === 'decision' && s.kind === 'route' && s.deviceId === 'core')!;
    expect(route.summary).toContain('198.51.100.18'); // core routing the query towards the root
    const arp = filterSteps(trace, classes, { protocols: ['arp'] });
    expect(arp.filter((i) => trace.steps[i].type === 'frame')).toEqual(
      frames.filter((f) => f.protocol === 'arp').map((f) => f.index),
    );
    // the switch flooding an ARP broadcast is part of ARP
    expect(
      arp.some((i) => {
        const s = trace.steps[i];
        return s.type === 'decision' && s.kind === 'switch';
      }),
    ).toBe(true);
    expect(filterSteps(trace, classes, { protocols: ['arp', 'dhcp'] }).length).toBe(
      arp.length + filterSteps(trace, classes, { protocols: ['dhcp'] }).length,
    );
  });

  it('by link and by device', () => {
    const onL6 = filterSteps(trace, classes, { linkId: 'l6' });
    expect(onL6).toEqual(framesOnLink(trace, 'l6'));
    // priming and com. A, query and answer; 5 s later root checks its entry for core (a unicast ARP probe, answered)
    expect(onL6.map((i) => (trace.steps[i] as FrameStep).protocol)).toEqual([
      'arp',
      'arp',
      'dns',
      'dns',
      'dns',
      'dns',
      'arp',
      'arp',
    ]);
    const root = filterSteps(trace, classes, { deviceId: 'root' });
    expect(root.length).toBeGreaterThan(onL6.length); // its own decisions too
    expect(filterSteps(trace, classes, { deviceId: 'root', protocols: ['dns'], linkId: 'l6' })).toEqual(
      onL6.filter((i) => (trace.steps[i] as FrameStep).protocol === 'dns'),
    );
    expect(filterSteps(trace, classes, {})).toHaveLength(trace.steps.length);
  });
});

describe('hops: the first DNS query from pc to the resolver', () => {
  it('has one column per link it crossed', () => {
    const cmp = compareHops(trace, hopOf('l3').index)!;
    expect(cmp.columns.map((c) => c.linkId)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(cmp.current).toBe(2);
  });

  it('the switch changes nothing; home (NAT) rewrites MACs, TTL, source address and checksums; isp MACs, TTL, checksum', () => {
    expect([...changedSincePreviousHop(trace, hopOf('l2').index)]).toEqual([]);
    const atHome = changedSincePreviousHop(trace, hopOf('l3').index);
    for (const key of ['ethernet.src', 'ethernet.dst', 'ipv4.ttl', 'ipv4.checksum', 'ipv4.src', 'udp.checksum'])
      expect(atHome.has(key), key).toBe(true);
    expect(atHome.has('ipv4.dst')).toBe(false);
    const atIsp = changedSincePreviousHop(trace, hopOf('l4').index);
    expect([...atIsp].sort()).toEqual(['ethernet.dst', 'ethernet.src', 'ipv4.checksum', 'ipv4.ttl']);
    const cmp = compareHops(trace, hopOf('l4').index)!;
    const row = (key: string) => cmp.rows.find((r) => r.key === key)!;
    expect(row('ipv4.ttl').values).toEqual(['64', '64', '63', '62']);
    expect(row('ipv4.ttl').reason).toBe('ttl');
    expect(row('ipv4.src').values).toEqual(['192.168.0.100', '192.168.0.100', '203.0.113.2', '203.0.113.2']);
    expect(row('ipv4.src').reason).toBe('nat');
    expect(row('ethernet.src').reason).toBe('mac');
    expect(row('ipv4.checksum').reason).toBe('checksum');
  });

  it('nothing to compare for a decision', () => {
    expect(compareHops(trace, trace.steps.find((s) => s.type === 'decision')!.index)).toBeUndefined();
  });
});

describe('ladder and canvas overlay', () => {
  it('lanes in order of first appearance, or in a given order', () => {
    expect(ladderLanes(trace).slice(0, 4)).toEqual(['pc', 'sw', 'home', 'isp']);
    expect(ladderLanes(trace, ['web', 'pc']).slice(0, 2)).toEqual(['web', 'pc']);
  });

  it("a frame's arrow runs between the lanes of its hop, or end to end from the packet's sender to where it ends", () => {
    const lanes = laneResolver(trace);
    expect(lanes(trace, hopOf('l4'), false)).toEqual({ from: 'isp', to: 'resolver' });
    expect(lanes(trace, hopOf('l4'), true)).toEqual({ from: 'pc', to: 'resolver' });
  });

  it('the packet on its link, and the links used so far', () => {
    const atL4 = hopOf('l4');
    expect(packetPosition(trace, atL4.index)).toEqual({
      linkId: 'l4',
      from: 'isp',
      to: 'resolver',
      protocol: 'dns',
      label: 'DNS',
    });
    expect(packetPosition(trace, trace.steps.find((s) => s.type === 'decision')!.index)).toBeUndefined();
    expect(linksUsedUpTo(trace, atL4.index)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(linksUsedUpTo(trace, trace.steps.length - 1).sort()).toEqual([
      'l1',
      'l10',
      'l2',
      'l3',
      'l4',
      'l5',
      'l6',
      'l7',
      'l8',
      'l9',
    ]);
  });

  it('a firewall drop shows at fw with its rule', () => {
    const blocked = blockedTrace();
    // (the trace's first drop is pc discarding dnsmasq's ping-check echo, which reaches it before it has an address)
    const drop = blocked.steps.find((s) => s.type === 'drop' && s.deviceId === 'fw')!;
    expect(dropAt(blocked, drop.index)).toEqual({
      deviceId: 'fw',
      reason: 'firewall',
      summary: 'denied by rule block-web',
    });
    expect(drop.type === 'drop' && drop.configRef).toEqual({ deviceId: 'fw', path: ['rules', 0] });
    expect(replayContext(blocked, blockedTopology).clientId).toBe('pc');
  });
});

describe('playback', () => {
  const items2 = viewAtLevel(trace, 2, ctx);
  const items7 = allFrameItems(trace, ctx);
  const run = (state: PlaybackState, items: ReplayItem[], ...actions: PlaybackAction[]) =>
    actions.reduce((s, a) => playbackReducer(s, a, items), state);

  it("steps by the items of the level, landing on each item's key step", () => {
    const s = run(initialPlayback(), items2, { type: 'first' }, { type: 'forward' });
    expect(s.step).toBe(items2[1].keyStep);
    expect(run(s, items2, { type: 'back' }).step).toBe(items2[0].keyStep);
    expect(run(s, items2, { type: 'back' }, { type: 'back' }).step).toBe(items2[0].keyStep);
    expect(run(s, items2, { type: 'last' }).step).toBe(items2.at(-1)!.keyStep);
  });

  it("from a frame picked inside an item, forward and back go to the neighbouring items' key steps", () => {
    const wide = items2.findIndex((it, i) => i > 0 && i < items2.length - 1 && it.last > it.first);
    const inside = items2[wide].last;
    expect(run(initialPlayback(inside), items2, { type: 'forward' }).step).toBe(items2[wide + 1].keyStep);
    expect(run(initialPlayback(inside), items2, { type: 'back' }).step).toBe(items2[wide - 1].keyStep);
    expect(keyStepAt(items2, inside)).toBe(items2[wide].keyStep);
  });

  it('in all frames every step is a stop', () => {
    const s = run(initialPlayback(items7[0].keyStep), items7, { type: 'forward' }, { type: 'forward' });
    expect(s.step).toBe(items7[2].keyStep);
  });

  it('plays to the end and stops; play at the end starts over', () => {
    let s = run(initialPlayback(), items2, { type: 'first' }, { type: 'play' });
    expect(s.playing).toBe(true);
    for (let i = 0; i < 10; i++) s = playbackReducer(s, { type: 'tick' }, items2);
    expect(s).toMatchObject({ playing: false, step: items2.at(-1)!.keyStep });
    expect(run(s, items2, { type: 'play' })).toMatchObject({ playing: true, step: items2[0].keyStep });
    expect(run(s, items2, { type: 'play' }, { type: 'toggle' }).playing).toBe(false);
  });

  it('speed, scrub and seek', () => {
    let s = run(
      initialPlayback(),
      items7,
      { type: 'faster' },
      { type: 'faster' },
      { type: 'faster' },
      { type: 'faster' },
    );
    expect(s.speed).toBe(4);
    s = run(s, items7, { type: 'slower' });
    expect(s.speed).toBe(2);
    expect(run(s, items2, { type: 'scrub', item: 2 }).step).toBe(items2[2].keyStep);
    expect(run(s, items7, { type: 'seek', step: 40 }).step).toBe(40);
    expect(run(s, items7, { type: 'seek', step: 100000 }).step).toBe(trace.steps.length - 1);
  });
});
