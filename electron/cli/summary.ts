// The readable, numbered account of a trace that `packet-journey simulate` prints.
import type { Topology } from '../../shared/model/schema';
import type { Outcome, Trace, TraceStep } from '../../shared/engine/trace';
import { earlierUrls } from '../../shared/engine/simulate';
import { describeChanges } from '../../shared/model/scenario';

function formatTime(timeUs: number): string {
  return `${(timeUs / 1000).toFixed(3)} ms`;
}

export function describeOutcome(outcome: Outcome): string {
  const head = outcome.ok
    ? `${outcome.status} ${outcome.statusText}${outcome.title ? ` — "${outcome.title}"` : ''}`
    : `failed: ${outcome.error}`;
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

/** "cold caches", "warm caches: second fetch", or what was done before: "after http://a/ (200 OK), 3600 s, then fw.rules[0].action=deny". */
function describeBefore(trace: Trace, topology: Topology): string {
  const { scenario } = trace;
  const earlier = earlierUrls(scenario);
  const changes = scenario.thenSet ?? [];
  if (earlier.length === 0 && changes.length === 0) return 'cold caches';
  if (
    earlier.length === 1 &&
    scenario.warm &&
    !scenario.before?.length &&
    scenario.pauseSeconds === undefined &&
    changes.length === 0
  )
    return 'warm caches: second fetch';
  const parts: string[] = [];
  if (earlier.length > 0) {
    const results = trace.earlier ?? [];
    parts.push(`after ${earlier.map((url, i) => (results[i] ? `${url} (${results[i].result})` : url)).join(', ')}`);
    parts.push(`${scenario.pauseSeconds ?? 1} s between fetches`);
  }
  if (changes.length > 0) parts.push(`${earlier.length > 0 ? 'then ' : ''}${describeChanges(changes, topology)}`);
  return parts.join(', ');
}

export function formatTraceSummary(trace: Trace, topology: Topology, fileName: string): string {
  const names = new Map(topology.devices.map((d) => [d.id, d.name]));
  const name = (id: string) => names.get(id) ?? id;
  const { scenario } = trace;
  const lines = [
    `Fetching ${scenario.url} from ${name(scenario.from)} on ${fileName} (seed ${scenario.seed}, ${describeBefore(trace, topology)})`,
    '',
  ];
  const width = String(trace.steps.length).length;
  for (const [i, step] of trace.steps.entries()) {
    lines.push(
      `${String(i + 1).padStart(width)}. ${formatTime(step.timeUs).padStart(12)}  ${describeStep(step, name)}`,
    );
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
