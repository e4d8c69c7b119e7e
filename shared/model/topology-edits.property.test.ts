// Random sequences of editor operations: whatever the order, the result is a valid file that reopens, and the
// edits never create the problems they promise to avoid (duplicate ids, names, MACs, addresses, busy interfaces).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeTopology } from './canonical';
import { checkTopology } from './checks';
import {
  addDevice,
  connectDevices,
  duplicateDevices,
  emptyTopology,
  PRESETS,
  removeDevices,
  removeLinks,
  renameDevice,
} from './topology-edits';
import { loadTopology } from './load';
import { buildSample } from './samples';
import type { Topology } from './schema';

type Op =
  | { op: 'add'; preset: number; x: number; y: number }
  | { op: 'connect'; a: number; b: number }
  | { op: 'duplicate'; picks: number[] }
  | { op: 'remove'; pick: number }
  | { op: 'unlink'; pick: number }
  | { op: 'rename'; pick: number; name: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      preset: fc.nat(),
      x: fc.integer({ min: -2000, max: 2000 }),
      y: fc.integer({ min: -2000, max: 2000 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('connect' as const), a: fc.nat(), b: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('duplicate' as const),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unlink' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('rename' as const),
      pick: fc.nat(),
      name: fc.constantFrom('pc1', 'sw1', 'core', 'web', 'new-name', 'x.y'),
    }),
  },
);

function apply(t: Topology, op: Op): Topology {
  const pick = (n: number) => t.devices[n % Math.max(1, t.devices.length)]?.id;
  switch (op.op) {
    case 'add':
      return addDevice(t, PRESETS[op.preset % PRESETS.length].id, { x: op.x, y: op.y }).topology;
    case 'connect': {
      const a = pick(op.a);
      const b = pick(op.b);
      if (!a || !b) return t;
      const r = connectDevices(t, a, b);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
      return r.ok ? r.topology : t;
    }
    case 'duplicate':
      return duplicateDevices(
        t,
        op.picks.map(pick).filter((id): id is string => id !== undefined),
        { x: 40, y: 40 },
      ).topology;
    case 'remove': {
      const id = pick(op.pick);
      return id ? removeDevices(t, [id]) : t;
    }
    case 'unlink': {
      const link = t.links[op.pick % Math.max(1, t.links.length)];
      return link ? removeLinks(t, [link.id]) : t;
    }
    case 'rename': {
      const id = pick(op.pick);
      if (!id) return t;
      const r = renameDevice(t, id, op.name);
      return r.ok ? r.topology : t;
    }
  }
}

const NEVER = new Set([
  'duplicate-ip',
  'duplicate-mac',
  'duplicate-name',
  'interface-linked-twice',
  'link-missing-device',
  'link-missing-interface',
  'link-self',
]);

describe('edit operations under random sequences (fast-check)', () => {
  it('keep the topology valid, reopenable and free of the clashes they avoid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'empty' | 'home-to-web' | 'small-lan'>('empty', 'home-to-web', 'small-lan'),
        fc.array(opArb, { maxLength: 14 }),
        (start, ops) => {
          let t: Topology = start === 'empty' ? emptyTopology('random') : buildSample(start);
          for (const op of ops) {
            const before = JSON.stringify(t);
            const next = apply(t, op);
            expect(JSON.stringify(t)).toBe(before); // the input is never mutated
            t = next;
          }
          const text = serializeTopology(t);
          const reopened = loadTopology(new TextEncoder().encode(text), 'edited.packetjourney');
          expect(reopened.ok ? 'ok' : reopened.error).toBe('ok');
          expect(
            checkTopology(t)
              .filter((p) => NEVER.has(p.code))
              .map((p) => p.message),
          ).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
