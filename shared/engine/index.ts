// The simulation engine's public API.
//
//   simulate(topology, scenario, limits?) → Trace     one URL fetch, pure and deterministic for a seed
//   stateAt(trace, stepIndex) → { [deviceId]: DeviceState }   ARP caches, MAC tables, routes, NAT, conntrack,
//                                                    DHCP leases, DNS and HTTP caches, TCP connections after a step
//   traceToPcapng(trace, { linkIds? }) → Uint8Array the capture: one interface per link, explanations as comments
//
// Frame steps' `layers`, `protocol` and `summary` are dissected from the bytes on first access (enumerable
// getters; JSON.stringify and structuredClone include them). Only the browsing host runs its DHCP client; other
// devices use their static configuration.
export { simulate, DEFAULT_MAX_STEPS, DEFAULT_MAX_TIME_US, type SimulationLimits } from './simulate';
export { stateAt, emptyDeviceState } from './state';
export { traceToPcapng, type PcapOptions } from './pcap';
export * from './trace';
