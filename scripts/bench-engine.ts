// Engine benchmark: one URL fetch on the home-to-web sample and on generated networks of 100, 1,000 and 10,000
// devices. Prints time per fetch (median) and the time per device, to see how it grows, and issue 20's two ratios
// with their targets: the fetch on 10,000 devices against parsing + validating that file (what `packet-journey
// validate` does: JSON, schema, checks), and the growth from 1,000 to 10,000 devices. Frame layers are dissected
// lazily (on first access), so the last column also times dissecting every frame of the trace. CPU time is printed
// next to wall time because the machine may be shared: CPU time is what the fetch itself costs.
// Run: npx tsx scripts/bench-engine.ts
import { readFileSync } from 'node:fs';
import { loadTopologyText } from '../shared/model/load';
import { checkTopology } from '../shared/model/checks';
import { serializeTopology } from '../shared/model/canonical';
import type { Topology } from '../shared/model/schema';
import { simulate } from '../shared/engine';
import { generateTopology, GENERATED_CLIENT, GENERATED_URL } from '../shared/engine/testing/generate';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(topology: Topology, from: string, url: string, runs: number) {
  const wall: number[] = [];
  const cpu: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < 3; i++) simulate(topology, { from, url, seed: 1, warm: false }); // warm up the JIT
  let trace = simulate(topology, { from, url, seed: 1, warm: false });
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    trace = simulate(topology, { from, url, seed: 1 + i, warm: false });
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    wall.push(t1 - t0);
    cpu.push((c.user + c.system) / 1000);
    const lastFrame = trace.steps.filter((s) => s.type === 'frame').at(-1);
    void (lastFrame && lastFrame.type === 'frame' && lastFrame.layers.length);
    full.push(performance.now() - t0);
  }
  if (!trace.outcome.ok) throw new Error(`fetch failed: ${trace.outcome.summary}`);
  return {
    ms: median(wall),
    cpu: median(cpu),
    full: median(full),
    steps: trace.steps.length,
    frames: trace.steps.filter((s) => s.type === 'frame').length,
  };
}

const sample = loadTopologyText(readFileSync('resources/samples/home-to-web.packetjourney', 'utf8'), 'home-to-web');
if (!sample.ok) throw new Error(sample.error);

const rows: {
  name: string;
  devices: number;
  ms: number;
  cpu: number;
  full: number;
  steps: number;
  frames: number;
  target: string;
}[] = [];
const s = measure(sample.topology, 'pc', 'http://www.example.com/', 30);
rows.push({ name: 'home-to-web sample (cold)', devices: sample.topology.devices.length, ...s, target: '< 20 ms' });
// The same fetch over https:// (issue 18 reports it; no target): a TLS 1.3 handshake with X25519 and ECDSA P-256 on both ends.
const tls = measure(sample.topology, 'pc', 'https://www.example.com/', 30);
rows.push({
  name: 'home-to-web, https (cold)',
  devices: sample.topology.devices.length,
  ...tls,
  target: '(report)',
});
for (const n of [100, 1000, 10000]) {
  const topology = generateTopology(n);
  const m = measure(topology, GENERATED_CLIENT, GENERATED_URL, n >= 10000 ? 5 : 10);
  rows.push({
    name: `generated, ${n.toLocaleString('en')} devices`,
    devices: topology.devices.length,
    ...m,
    target: n === 10000 ? '< 2000 ms' : '',
  });
}

/** Parse + validate of the 10,000-device file, median CPU and wall time of a few runs. */
function measureLoad(text: string, runs: number): { ms: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const loaded = loadTopologyText(text, 'generated.packetjourney');
    if (!loaded.ok) throw new Error(loaded.error);
    checkTopology(loaded.topology);
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    if (i === 0) continue; // warm-up
    wall.push(t1 - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(wall), cpu: median(cpu) };
}
const largeText = serializeTopology(generateTopology(10000));
const load = measureLoad(largeText, 5);

const pad = (v: string, w: number) => v.padEnd(w);
console.log(
  pad('network', 30) +
    pad('devices', 9) +
    pad('steps', 7) +
    pad('frames', 8) +
    pad('wall ms', 9) +
    pad('cpu ms', 9) +
    pad('µs/device', 11) +
    pad('+dissect ms', 13) +
    'target',
);
for (const r of rows) {
  console.log(
    pad(r.name, 30) +
      pad(String(r.devices), 9) +
      pad(String(r.steps), 7) +
      pad(String(r.frames), 8) +
      pad(r.ms.toFixed(1), 9) +
      pad(r.cpu.toFixed(1), 9) +
      pad(((r.ms * 1000) / r.devices).toFixed(1), 11) +
      pad(r.full.toFixed(1), 13) +
      r.target,
  );
}
// by name, not position: the sample rows above them (http, https) may grow
const [a, b, c] = rows.filter((r) => r.name.startsWith('generated'));
console.log(
  `growth 100 → 10,000 devices: ×${(c.ms / a.ms).toFixed(1)} time for ×${(c.devices / a.devices).toFixed(0)} devices (linear would be ×${(c.devices / a.devices).toFixed(0)})`,
);
console.log(
  `parse + validate of the 10,000-device file (${(largeText.length / 1e6).toFixed(1)} MB): wall ${load.ms.toFixed(1)} ms, cpu ${load.cpu.toFixed(1)} ms`,
);
// CPU time where the machine is shared (it is what the work itself costs); both are printed.
const ratio = (what: string, x: number, y: number, xc: number, yc: number, target: number) => {
  const byCpu = xc / yc;
  const mark = byCpu <= target ? '✓' : '✗';
  console.log(`${mark} ${what}: ×${byCpu.toFixed(2)} cpu (×${(x / y).toFixed(2)} wall), target ≤ ${target}×`);
};
ratio('fetch on 10,000 devices ÷ parse + validate of its file', c.ms, load.ms, c.cpu, load.cpu, 3);
ratio('growth 1,000 → 10,000 devices', c.ms, b.ms, c.cpu, b.cpu, 12);
