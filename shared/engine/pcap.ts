// A trace as a capture file: one pcapng interface per link (named after it), every frame on the link it crossed,
// the step's explanation as the packet comment. Timestamps start at the same fixed virtual date as HTTP Date headers.
import { writePcapng, type PcapngInterface, type PcapngPacket } from '../wire/pcapng';
import { CAPTURE_EPOCH_US } from './services/http-util';
import type { Trace } from './trace';
import { proseText } from './prose';

export interface PcapOptions {
  /** Only these links (one interface each, their frames only): "export this link as pcap". */
  linkIds?: readonly string[];
}

export function traceToPcapng(trace: Trace, options: PcapOptions = {}): Uint8Array {
  const only = options.linkIds ? new Set(options.linkIds) : undefined;
  const links = (trace.links ?? []).filter((l) => !only || only.has(l.id));
  const interfaces: PcapngInterface[] = links.map((l) => ({ name: l.name, description: `link ${l.id}` }));
  const indexOf = new Map(links.map((l, i) => [l.id, i]));
  const packets: PcapngPacket[] = [];
  for (const step of trace.steps) {
    if (step.type !== 'frame' || (only && !only.has(step.linkId))) continue;
    let index = indexOf.get(step.linkId);
    if (index === undefined) {
      // A trace without link details (older JSON): make an interface for the link on first sight.
      index = interfaces.length;
      indexOf.set(step.linkId, index);
      interfaces.push({
        name: `${step.linkId} ${step.from.deviceId}:${step.from.interface} – ${step.to.deviceId}:${step.to.interface}`,
      });
    }
    packets.push({
      interfaceIndex: index,
      timestampUs: CAPTURE_EPOCH_US + step.timeUs,
      bytes: step.bytes,
      comment: proseText(step.explanation),
    });
  }
  // The sessions' keys go along (a Decryption Secrets Block), so Wireshark shows the HTTP inside TLS from the file alone.
  return writePcapng({ interfaces, packets, tlsKeyLog: trace.tlsKeyLog });
}
