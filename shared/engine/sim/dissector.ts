// Frame steps carry `layers`, `protocol` and `summary` parsed from their bytes by the wire dissector. Dissecting is
// most of the cost of a simulation, and a consumer often needs only some frames, so it happens on first access:
// the properties are enumerable getters (JSON and structured clone read them like plain values). Frames are
// dissected in trace order up to the one asked for, so the shared TCP stream tracker sees every SYN first and
// sequence numbers come out relative, as in Wireshark.
import { TcpStreamTracker, TlsStreamTracker, parseFrame, summarizeFrame, topProtocol } from '../../wire/frame';
import type { FrameStep } from '../trace';

type Dissected = Pick<FrameStep, 'layers' | 'protocol' | 'summary'>;

export class LazyDissector {
  private frames: { bytes: Uint8Array; result?: Dissected }[] = [];
  private done = 0;
  private tracker = new TcpStreamTracker();
  private tlsTracker = new TlsStreamTracker();

  private upTo(i: number): Dissected {
    while (this.done <= i) {
      const f = this.frames[this.done++];
      const layers = parseFrame(f.bytes, { tcpStreams: this.tracker, tlsStreams: this.tlsTracker });
      f.result = { layers, protocol: topProtocol(layers), summary: summarizeFrame(layers) };
    }
    return this.frames[i].result!;
  }

  frameStep(step: Omit<FrameStep, 'layers' | 'protocol' | 'summary'>): FrameStep {
    const i = this.frames.length;
    this.frames.push({ bytes: step.bytes });
    const self = this;
    // Accessors in an object literal are own, enumerable properties and keep the object's fast shape.
    let layers: Dissected['layers'] | undefined;
    let protocol: Dissected['protocol'] | undefined;
    let summary: string | undefined;
    return {
      ...step,
      get layers() {
        return layers ?? self.upTo(i).layers;
      },
      set layers(v: Dissected['layers']) {
        layers = v;
      },
      get protocol() {
        return protocol ?? self.upTo(i).protocol;
      },
      set protocol(v: Dissected['protocol']) {
        protocol = v;
      },
      get summary() {
        return summary ?? self.upTo(i).summary;
      },
      set summary(v: string) {
        summary = v;
      },
    };
  }

  /** Dissects every frame now (e.g. before handing the trace to code that times itself). */
  all(): void {
    if (this.frames.length > 0) this.upTo(this.frames.length - 1);
  }
}
