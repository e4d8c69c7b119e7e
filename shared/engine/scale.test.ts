// Behaviour that must not depend on size: a response larger than one segment, and a fetch across a generated
// network whose work follows the path, not the number of devices.
import { describe, expect, it } from 'vitest';
import { generateTopology, GENERATED_CLIENT, GENERATED_URL } from './testing/generate';
import { decodeAll, device, frames, loadSample, run, variant } from './testing/helpers';

describe('segmentation', () => {
  it('cuts a 5,000-byte page into MSS-sized segments that the client acknowledges', () => {
    const big = 'y'.repeat(5000);
    const t = run(
      variant(
        loadSample('home-to-web'),
        (x) => (device(x, 'web', 'server').roles.web!.sites[0].pages[0].body = `<title>Big</title>${big}`),
      ),
    );
    expect(t.outcome).toMatchObject({ ok: true, status: 200, title: 'Big' });
    if (t.outcome.ok) expect(t.outcome.body.length).toBe(5000 + '<title>Big</title>'.length);
    const data = decodeAll(t).filter(
      (d) => d.step.linkId === 'l10' && d.step.from.deviceId === 'web' && d.tcp && d.tcp.payload.length > 0,
    );
    expect(data.length).toBe(4);
    expect(data.slice(0, 3).every((d) => d.tcp!.payload.length === 1448)).toBe(true);
    expect(data.map((d) => d.tcp!.repr.flags.psh)).toEqual([false, false, false, true]);
    for (let i = 1; i < data.length; i++)
      expect(data[i].tcp!.repr.seq).toBe((data[i - 1].tcp!.repr.seq + data[i - 1].tcp!.payload.length) >>> 0);
    const acks = decodeAll(t).filter(
      (d) =>
        d.step.linkId === 'l10' &&
        d.step.from.deviceId === 'fw' &&
        d.tcp?.repr.flags.ack &&
        d.tcp.payload.length === 0 &&
        !d.tcp.repr.flags.fin &&
        !d.tcp.repr.flags.syn,
    );
    expect(acks.map((d) => d.tcp!.repr.ack)).toEqual(
      expect.arrayContaining(data.map((d) => (d.tcp!.repr.seq + d.tcp!.payload.length) >>> 0)),
    );
  });
});

describe('generated networks', () => {
  it('fetch across 100 and 1,000 devices: same path, same number of frames, page delivered', () => {
    const small = run(generateTopology(100), { from: GENERATED_CLIENT, url: GENERATED_URL });
    const large = run(generateTopology(1000), { from: GENERATED_CLIENT, url: GENERATED_URL });
    expect(small.outcome).toMatchObject({ ok: true, status: 200, title: 'Bench' });
    expect(large.outcome).toMatchObject({ ok: true, status: 200, title: 'Bench' });
    expect(frames(large).length).toBe(frames(small).length);
  });
});
