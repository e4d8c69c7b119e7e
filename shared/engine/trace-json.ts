// The trace as the JSON file `packet-journey simulate --json` and the app's File ▸ Export ▸ JSON Trace… write.
import type { Trace } from './trace';

/** The trace as JSON, frame bytes as lower-case hex strings so the file is readable and diffable. */
export function traceToJson(trace: Trace): string {
  return `${JSON.stringify(
    trace,
    (_key, value: unknown) =>
      value instanceof Uint8Array ? Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('') : value,
    2,
  )}\n`;
}
