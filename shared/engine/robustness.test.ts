// Users draw broken networks. Whatever is missing, simulate() must return a trace with an outcome, never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { loadSample } from './testing/helpers';
import { proseText } from './prose';

const samples = ['home-to-web', 'home-to-web-with-cache', 'small-lan'].map(loadSample);

describe('robustness', () => {
  it('never throws on networks with links, devices, routes or addresses taken away', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.nat(),
        fc.boolean(),
        (sampleIndex, linkCuts, deviceEdits, seed, warm) => {
          const t = structuredClone(samples[sampleIndex]);
          for (const cut of linkCuts) if (t.links.length) t.links.splice(cut % t.links.length, 1);
          for (const edit of deviceEdits) {
            const d = t.devices[edit % t.devices.length];
            if (d.kind === 'router' || d.kind === 'firewall') d.routes = [];
            else if (d.interfaces[0] && d.interfaces[0].mode === 'static') delete d.interfaces[0].address;
            else d.interfaces = [];
          }
          const client = t.devices.find((d) => d.kind === 'host')!;
          const trace = simulate(
            t,
            { from: client.name, url: sampleIndex === 2 ? 'http://web.lan/' : 'http://www.example.com/', seed, warm },
            { maxSteps: 3000 },
          );
          expect(trace.outcome.summary.length).toBeGreaterThan(0);
          for (const s of trace.steps) expect(proseText(s.explanation).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it('reports unknown devices, routers as clients and bad URLs without simulating', () => {
    const t = samples[0];
    expect(simulate(t, { from: 'nobody', url: 'http://x/', seed: 1, warm: false }).outcome).toMatchObject({
      ok: false,
      error: 'UNKNOWN_DEVICE',
    });
    expect(simulate(t, { from: 'core', url: 'http://x/', seed: 1, warm: false }).outcome).toMatchObject({
      ok: false,
      error: 'NOT_A_HOST',
    });
    expect(simulate(t, { from: 'pc', url: 'http://exa mple/', seed: 1, warm: false }).outcome).toMatchObject({
      ok: false,
      error: 'ERR_INVALID_URL',
    });
    expect(simulate(t, { from: 'pc', url: 'ftp://www.example.com/', seed: 1, warm: false }).outcome).toMatchObject({
      ok: false,
      error: 'ERR_UNKNOWN_URL_SCHEME',
    });
  });

  it('fetches by IP address without DNS', () => {
    const trace = simulate(samples[0], { from: 'pc', url: 'http://203.0.113.80/', seed: 1, warm: false });
    expect(trace.outcome).toMatchObject({ ok: true, status: 200 });
    expect(trace.steps.some((s) => s.type === 'frame' && s.protocol === 'dns')).toBe(false);
  });
});
