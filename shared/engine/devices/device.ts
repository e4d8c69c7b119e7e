// What every simulated device shares: its interfaces, its seeded random stream and its state tables (each table
// both stores the device's live state and records every change into the trace).
import { parseCidr, type ParsedCidr } from '../../model/ipv4';
import type { Device } from '../../model/schema';
import { emptyDeviceState, entryKey } from '../state';
import type { ConfigRef, DeviceState, StateTableName } from '../trace';
import { deviceRandom, type Random } from '../sim/random';
import type { Port, Sim } from '../sim/sim';

export interface RtIface {
  name: string;
  index: number;
  mac: string;
  /** Set for static addresses and once DHCP has bound. */
  cidr?: ParsedCidr;
  ip?: string;
  mode: 'static' | 'dhcp' | 'none';
}

type Entry<T extends StateTableName> = DeviceState[T][number];

export class StateTable<T extends StateTableName> {
  /** Made with the first entry: many tables of a large network stay empty. */
  private map?: Map<string, Entry<T>>;
  constructor(
    private readonly sim: Sim,
    private readonly deviceId: string,
    readonly name: T,
  ) {}

  get(key: string): Entry<T> | undefined {
    return this.map?.get(key);
  }

  set(entry: Entry<T>): void {
    const key = entryKey(this.name, entry);
    (this.map ??= new Map()).set(key, entry);
    this.sim.change(this.deviceId, this.name, key, entry);
  }

  delete(key: string): void {
    if (!this.map?.delete(key)) return;
    this.sim.change(this.deviceId, this.name, key, null);
  }

  values(): Entry<T>[] {
    return this.map ? [...this.map.values()] : [];
  }

  get size(): number {
    return this.map?.size ?? 0;
  }
}

/** Where a link meets a device's interface: frames arriving there go to the device. */
class DevicePort implements Port {
  readonly deviceId: string;
  readonly iface: string;
  constructor(
    private readonly device: SimDevice,
    private readonly rt: RtIface,
    readonly processingUs: number,
  ) {
    this.deviceId = device.id;
    this.iface = rt.name;
  }

  receive(bytes: Uint8Array, packetId: number): void {
    this.device.receive(this.rt, bytes, packetId);
  }
}

export abstract class SimDevice {
  readonly id: string;
  readonly name: string;
  readonly ifaces = new Map<string, RtIface>();
  readonly rng: Random;
  private readonly tables: Partial<Record<StateTableName, StateTable<StateTableName>>> = {};

  constructor(
    readonly sim: Sim,
    readonly config: Device,
    readonly seed: number,
  ) {
    this.id = config.id;
    this.name = config.name;
    this.rng = deviceRandom(seed, config.id);
    config.interfaces.forEach((itf, index) => {
      const rt: RtIface = { name: itf.name, index, mac: itf.mac, mode: itf.mode };
      if (itf.mode === 'static' && itf.address) {
        const cidr = parseCidr(itf.address);
        if (cidr) {
          rt.cidr = cidr;
          rt.ip = itf.address.slice(0, itf.address.indexOf('/'));
        }
      }
      this.ifaces.set(itf.name, rt);
    });
  }

  table<T extends StateTableName>(name: T): StateTable<T> {
    const t = (this.tables[name] ??= new StateTable(this.sim, this.id, name) as unknown as StateTable<StateTableName>);
    return t as unknown as StateTable<T>;
  }

  snapshot(): DeviceState {
    const state = emptyDeviceState(true) as unknown as Record<StateTableName, unknown[]>;
    for (const t of Object.values(this.tables)) if (t.size > 0) state[t.name] = t.values();
    return state as unknown as DeviceState;
  }

  /** Called once every device exists and links are attached, before the first event. */
  start(): void {}

  /** Called before a recorded fetch (after a warm-up one): forget what was only said, not what was learned. */
  newFetch(): void {}

  /**
   * Called after `config` was changed in place between two fetches (a scenario's thenSet). Most settings are read
   * where they are used (firewall rules, pages, records' TTLs…); a device re-reads here what it derived at start.
   */
  reconfigure(): void {}

  abstract receive(iface: RtIface, bytes: Uint8Array, packetId: number): void;

  /**
   * From a frame's last bit to the device acting on it. Deterministic, so the same file gives the same times; the
   * values are of the order a real capture shows (see each device kind).
   */
  protected get processingUs(): number {
    return 0;
  }

  port(iface: RtIface): Port {
    return new DevicePort(this, iface, this.processingUs);
  }

  ref(...path: (string | number)[]): ConfigRef {
    return { deviceId: this.id, path };
  }

  isLinked(iface: RtIface): boolean {
    return this.sim.isAttached(this.id, iface.name);
  }
}
