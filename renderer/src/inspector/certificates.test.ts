// The inspector's certificate helpers on the real samples and the real certificate code.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { certificateProblem, issueServerCertificate, readCertificate } from '../../../shared/model/certificates';
import { loadTopologyText } from '../../../shared/model/load';
import type { ServerDevice, Topology } from '../../../shared/model/schema';
import { certificateNames, newAuthority, newAuthorityId } from './certificates';

const sample = (name: string): Topology => {
  const file = resolve(__dirname, `../../../resources/samples/${name}.packetjourney`);
  const r = loadTopologyText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(`sample ${name} did not load`);
  return r.topology;
};
const server = (t: Topology, name: string) => t.devices.find((d) => d.name === name) as ServerDevice;

describe('inspector certificate helpers', () => {
  it('a new authority takes the next free id and a name after the network, and is the same every time', () => {
    const t = sample('home-to-web');
    expect(newAuthorityId(t.authorities ?? [])).toBe('ca');
    expect(newAuthorityId([{ id: 'ca', certificate: 'x', key: 'y' }])).toBe('ca-2');
    const a = newAuthority(t);
    expect(readCertificate(a.certificate)?.subject).toBe('Home to web CA');
    expect(readCertificate(a.certificate)?.isCa).toBe(true);
    expect(newAuthority(t)).toEqual(a);
    expect(readCertificate(newAuthority({ name: 'lab', authorities: [] }).certificate)?.subject).toBe('lab CA');
  });

  it("a web server's certificate covers its sites; a cache's the sites of its origin", () => {
    const t = sample('home-to-web-with-cache');
    expect(certificateNames(t, server(t, 'web'), 'web')).toEqual(['www.example.com']);
    expect(certificateNames(t, server(t, 'cache'), 'cache')).toEqual(['www.example.com']);
  });

  it('a certificate issued from a new authority is valid for the names only for hosts that trust that authority', () => {
    const t = sample('home-to-web');
    const ca = newAuthority(t);
    const tls = issueServerCertificate(ca, 'web', certificateNames(t, server(t, 'web'), 'web'));
    expect(readCertificate(tls.certificate)?.issuer).toBe('Home to web CA');
    expect(certificateProblem(tls.certificate, 'www.example.com', [ca])).toBeUndefined();
    expect(certificateProblem(tls.certificate, 'www.example.com', t.authorities ?? [])).toBe('authority');
    expect(certificateProblem(tls.certificate, 'example.com', [ca])).toBe('name');
  });
});
