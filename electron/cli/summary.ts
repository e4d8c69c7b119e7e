// The readable, numbered account of a trace that `packet-journey simulate` prints.
import type { Topology } from '../../shared/model/schema';
import type { Outcome, Trace, TraceStep } from '../../shared/engine/trace';

function formatTime(timeUs: number): string {
  return `${(timeUs / 1000).toFixed(3)} ms`;
}

export function describeOutcome(outcome: Outcome): string {
  const head = outcome.ok ? `${outcome.status} ${outcome.statusText}${outcome.title ? ` — "${outcome.title}"` : ''}` : `failed: ${outcome.error}`;
  // The engine's summary often already starts with the status line; do not say it twice.
  if (!outcome.summary || outcome.summary === head) return head;
  return outcome.summary.startsWith(head) ? outcome.summary : `${head}. ${outcome.summary}`;
}

function describeStep(step: TraceStep, name: (deviceId: string) => string): string {
  switch (step.type) {
    case 'frame':
      return `${name(step.from.deviceId)}/${step.from.interface} → ${name(step.to.deviceId)}/${step.to.interface}  [${step.protocol}] ${step.summary}`;
    case 'decision':
      return `${name(step.deviceId)} decides (${step.kind}): ${step.summary}`;
    case 'drop':
      return `${name(step.deviceId)} DROPS (${step.reason}): ${step.summary}`;
  }
}

export function formatTraceSummary(trace: Trace, topology: Topology, fileName: string): string {
  const names = new Map(topology.devices.map((d) => [d.id, d.name]));
  const name = (id: string) => names.get(id) ?? id;
  const { scenario } = trace;
  const lines = [
    `Fetching ${scenario.url} from ${name(scenario.from)} on ${fileName} (seed ${scenario.seed}, ${scenario.warm ? 'warm caches: second fetch' : 'cold caches'})`,
    '',
  ];
  const width = String(trace.steps.length).length;
  for (const [i, step] of trace.steps.entries()) {
    lines.push(`${String(i + 1).padStart(width)}. ${formatTime(step.timeUs).padStart(12)}  ${describeStep(step, name)}`);
  }
  const count = (type: TraceStep['type'], noun: string) => {
    const n = trace.steps.filter((s) => s.type === type).length;
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
  };
  lines.push(
    '',
    `${trace.steps.length} step${trace.steps.length === 1 ? '' : 's'}: ${count('frame', 'frame')}, ${count('decision', 'decision')}, ${count('drop', 'drop')}.`,
    `Outcome: ${describeOutcome(trace.outcome)}`,
  );
  return lines.join('\n');
}

/** The trace as JSON, frame bytes as lower-case hex strings so the file is readable and diffable. */
export function traceToJson(trace: Trace): string {
  return `${JSON.stringify(
    trace,
    (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('') : value),
    2,
  )}\n`;
}
