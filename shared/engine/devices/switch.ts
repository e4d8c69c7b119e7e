// A learning switch: remembers which port each source MAC was seen on, forwards to the known port, floods
// broadcasts and unknown destinations. No Spanning Tree, so a loop of switches makes frames circle: the switch
// notices the same frame coming back and the simulation stops with an explanation instead of melting down.
import { macFromBytes } from '../../wire/address';
import type { RtIface } from './device';
import { SimDevice } from './device';

/** How many times the same frame may reach one switch before we call it a loop (2 = it came back once). */
const LOOP_LIMIT = 3;

export class Switch extends SimDevice {
  private macs = this.table('macTable');
  private seen = new Map<string, number>();

  receive(iface: RtIface, bytes: Uint8Array, packetId: number): void {
    if (bytes.length < 14) return;
    const dst = macFromBytes(bytes, 0);
    const src = macFromBytes(bytes, 6);
    const signature = `${packetId}|${src}|${dst}`;
    const count = (this.seen.get(signature) ?? 0) + 1;
    this.seen.set(signature, count);
    if (count >= LOOP_LIMIT) {
      const summary = `switching loop: the same frame reached ${this.name} ${count} times`;
      this.sim.drop(
        this.id,
        'switching-loop',
        summary,
        `The same frame (from ${src} to ${dst}) has now arrived at ${this.name} ${count} times: the switches are cabled in a loop and nothing blocks the redundant path (no Spanning Tree Protocol). Every broadcast would circle forever and multiply — a broadcast storm — while MAC tables flap between ports; a real network becomes unusable within seconds. The simulation stops here. Fix: remove one of the redundant links, or enable STP so a switch blocks one.`,
        packetId,
      );
      this.sim.stop('switching-loop', { ok: false, error: 'SWITCHING_LOOP', summary: `Switching loop at ${this.name}: frames circle between switches (no Spanning Tree), so the network floods itself.`, deviceId: this.id });
      return;
    }
    const known = this.macs.get(src);
    if (!known || known.port !== iface.name) {
      this.macs.set({ mac: src, port: iface.name });
      this.sim.decision(
        this.id,
        'switch',
        known ? `${src} moved from ${known.port} to ${iface.name}` : `learned ${src} on ${iface.name}`,
        known
          ? `${this.name} now sees ${src} arriving on ${iface.name}, though it had it on ${known.port}. A station rarely moves; a MAC address flapping between ports is the classic symptom of a switching loop.`
          : `${this.name} notes that ${src} is reachable through ${iface.name} (MAC learning from the source address), so frames for it will not need flooding later.`,
        this.ref('interfaces', iface.index),
      );
    }
    const group = (bytes[0] & 1) === 1;
    const target = group ? undefined : this.macs.get(dst);
    if (target) {
      if (target.port === iface.name) return; // destination is on the port it came from: filter
      const out = this.ifaces.get(target.port)!;
      this.sim.transmit(this.id, out.name, bytes, packetId, `${this.name} finds ${dst} in its MAC table on ${out.name} and sends the frame out of that port only, unchanged — a switch does not touch MAC or IP addresses.`);
      return;
    }
    const outs = [...this.ifaces.values()].filter((p) => p.name !== iface.name && this.isLinked(p));
    this.sim.decision(
      this.id,
      'switch',
      `flood ${group ? 'broadcast' : 'unknown ' + dst} to ${outs.map((p) => p.name).join(', ') || 'no other port'}`,
      group
        ? `The destination ${dst} is the broadcast address, so ${this.name} floods the frame out of every other connected port.`
        : `${this.name} has not yet learned where ${dst} is, so it floods the frame out of every other connected port; only the owner of ${dst} will take it.`,
    );
    for (const p of outs) this.sim.transmit(this.id, p.name, bytes, packetId, `${this.name} floods a copy out of ${p.name}.`);
  }
}
