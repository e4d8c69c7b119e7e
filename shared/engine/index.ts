// The simulation engine's entry and its trace's types. Beside it, what reads a trace:
//
//   simulate(topology, scenario, limits?) → Trace     one URL fetch, pure and deterministic for a seed
//   stateAt(trace, stepIndex) in ./state → { [deviceId]: DeviceState }   ARP caches, MAC tables, routes, NAT,
//                                    conntrack, DHCP leases, DNS and HTTP caches, TCP connections after a step
//   traceToPcapng(trace, { linkIds? }) in ./pcap → Uint8Array   the capture: one interface per link, explanations
//                                    as comments
//
// Frame steps' `layers`, `protocol` and `summary` are dissected from the bytes on first access (enumerable
// getters; JSON.stringify and structuredClone include them). Only the browsing host runs its DHCP client; other
// devices use their static configuration.
export { simulate } from './simulate';
export * from './trace';
