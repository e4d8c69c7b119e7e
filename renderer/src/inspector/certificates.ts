// What the inspector's certificate controls compute before they edit: a new authority for the network, the names
// a server's certificate should cover.
import { makeAuthority, readCertificate } from '../../../shared/model/certificates';
import type { CertificateAuthority, Device, ServerDevice, Topology } from '../../../shared/model/schema';

/** The next free authority id: "ca", "ca-2", … */
export function newAuthorityId(authorities: readonly CertificateAuthority[]): string {
  const taken = new Set(authorities.map((a) => a.id));
  if (!taken.has('ca')) return 'ca';
  let n = 2;
  while (taken.has(`ca-${n}`)) n++;
  return `ca-${n}`;
}

/** A new authority for the network, named after it ("home-to-web CA", "home-to-web CA 2"). */
export function newAuthority(topology: Pick<Topology, 'name' | 'authorities'>): CertificateAuthority {
  const list = topology.authorities ?? [];
  const base = `${topology.name.trim() || 'Network'} CA`;
  const names = new Set(list.map((a) => readCertificate(a.certificate)?.subject));
  let name = base;
  for (let n = 2; names.has(name); n++) name = `${base} ${n}`;
  return makeAuthority(newAuthorityId(list), name);
}

/** The names a server's certificate should cover: a web server's sites; a cache, the sites of the origin it fronts. */
export function certificateNames(topology: Topology, device: ServerDevice, role: 'web' | 'cache'): string[] {
  const sites = (d: Device | undefined) => (d?.kind === 'server' ? (d.roles.web?.sites ?? []) : []);
  if (role === 'web') return sites(device).map((s) => s.hostname);
  const origin = device.roles.cache?.origin;
  const originDevice = topology.devices.find(
    (d) => d.kind === 'server' && d.interfaces.some((i) => i.address?.split('/')[0] === origin),
  );
  const names = sites(originDevice).map((s) => s.hostname);
  if (names.length > 0) return names;
  const current = device.roles.cache?.tls && readCertificate(device.roles.cache.tls.certificate);
  return current ? current.names : [];
}
