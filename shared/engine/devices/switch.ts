// A learning switch: remembers which port each source MAC was seen on, forwards to the known port, floods
// broadcasts and unknown destinations. No Spanning Tree, so a loop of switches makes frames circle: the switch
// notices the same frame coming back and the simulation stops with an explanation instead of melting down.
import { macFromBytes } from '../../wire/address';
import type { RtIface } from './device';
import { SimDevice } from './device';
import { explain } from '../prose';
import { fetchFailed } from '../outcome';

/** How many times the same frame may reach one switch before we call it a loop (2 = it came back once). */
const LOOP_LIMIT = 3;
/** A store-and-forward switch starts sending a frame a few µs after it has all of it. */
const SWITCH_LATENCY_US = 3;

export class Switch extends SimDevice {
  private macs = this.table('macTable');
  private seen = new Map<string, number>();

  protected override get processingUs(): number {
    return SWITCH_LATENCY_US;
  }

  receive(iface: RtIface, bytes: Uint8Array, packetId: number): void {
    if (bytes.length < 14) return;
    const dst = macFromBytes(bytes, 0);
    const src = macFromBytes(bytes, 6);
    const signature = `${packetId}|${src}|${dst}`;
    const count = (this.seen.get(signature) ?? 0) + 1;
    this.seen.set(signature, count);
    if (count >= LOOP_LIMIT) {
      const summary = explain('net.summary.switchingLoop', { device: this.name, count });
      this.sim.drop(
        this.id,
        'switching-loop',
        summary,
        explain('net.switch.loop', { src, dst, device: this.name, count }),
        packetId,
      );
      this.sim.stop(
        'switching-loop',
        fetchFailed('SWITCHING_LOOP', explain('outcome.switchingLoop', { device: this.name }), this.id),
      );
      return;
    }
    const known = this.macs.get(src);
    if (!known || known.port !== iface.name) {
      this.macs.set({ mac: src, port: iface.name });
      this.sim.decision(
        this.id,
        'switch',
        known
          ? explain('net.summary.switchMoved', { mac: src, oldPort: known.port, port: iface.name })
          : explain('net.summary.switchLearned', { mac: src, port: iface.name }),
        known
          ? explain('net.switch.moved', { device: this.name, mac: src, port: iface.name, oldPort: known.port })
          : explain('net.switch.learned', { device: this.name, mac: src, port: iface.name }),
        this.ref('interfaces', iface.index),
      );
    }
    const group = (bytes[0] & 1) === 1;
    const target = group ? undefined : this.macs.get(dst);
    if (target) {
      if (target.port === iface.name) return; // destination is on the port it came from: filter
      const out = this.ifaces.get(target.port)!;
      this.sim.transmit(
        this.id,
        out.name,
        bytes,
        packetId,
        explain('net.switch.forward', { device: this.name, mac: dst, port: out.name }),
      );
      return;
    }
    const outs = [...this.ifaces.values()].filter((p) => p.name !== iface.name && this.isLinked(p));
    this.sim.decision(
      this.id,
      'switch',
      outs.length === 0
        ? group
          ? explain('net.summary.floodBroadcastNowhere')
          : explain('net.summary.floodUnknownNowhere', { mac: dst })
        : group
          ? explain('net.summary.floodBroadcast', { ports: outs.map((p) => p.name).join(', ') })
          : explain('net.summary.floodUnknown', { mac: dst, ports: outs.map((p) => p.name).join(', ') }),
      group
        ? explain('net.switch.floodBroadcast', { mac: dst, device: this.name })
        : explain('net.switch.floodUnknown', { device: this.name, mac: dst }),
    );
    for (const p of outs)
      this.sim.transmit(
        this.id,
        p.name,
        bytes,
        packetId,
        explain('net.switch.floodCopy', { device: this.name, port: p.name }),
      );
  }
}
