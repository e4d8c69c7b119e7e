// Certificates as configuration, in the inspector: the network's certificate authorities, a server's TLS listener
// and certificate (web server and cache), and which authorities a host trusts. Certificates are made by
// shared/model/certificates.ts from names alone, so issuing again gives the same bytes; every control is one
// undoable edit of the file.
import { useState } from 'react';
import { KeyRound, Plus, ShieldCheck, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { issueServerCertificate, readCertificate, type CertificateInfo } from '../../../shared/model/certificates';
import type {
  CertificateAuthority,
  HostDevice,
  ServerDevice,
  TlsServerConfig,
  WebSite,
} from '../../../shared/model/schema';
import { Section, useDeviceEdit, useInspector } from './context';
import { AddButton, CheckField, IconButton, Row, SelectField, TextField } from './fields';
import { Card } from './Table';
import { certificateNames, newAuthority } from './certificates';
import { setOptional } from './draft-edits';
import { integer, optional, parsePort } from './validation';
import './tls.css';

/** Dates as the certificate states them (UTC), the same in every language. */
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function CertificateFacts({ cert }: { cert: CertificateInfo | undefined }) {
  const { t } = useTranslation('certs');
  if (!cert) return <div className="pj-insp-error">{t('unreadable')}</div>;
  return (
    <dl className="pj-insp-facts">
      <dt>{t('subject')}</dt>
      <dd className="pj-insp-mono">{cert.subject}</dd>
      {cert.names.length > 0 && (
        <>
          <dt>{t('names')}</dt>
          <dd className="pj-insp-mono">{cert.names.join(', ')}</dd>
        </>
      )}
      <dt>{t('issuer')}</dt>
      <dd className="pj-insp-mono">{cert.issuer}</dd>
      <dt>{t('validity')}</dt>
      <dd className="pj-insp-mono">{t('validRange', { from: day(cert.notBefore), to: day(cert.notAfter) })}</dd>
    </dl>
  );
}

/** The network's certificate authorities (shown when nothing is selected). */
export function AuthoritiesSection() {
  const { t } = useTranslation('certs');
  const { topology, onEdit } = useInspector();
  const list = topology.authorities ?? [];
  return (
    <Section id="authorities" title={t('authorities')} badge={list.length || undefined}>
      <div data-pj-path="authorities">
        {list.length === 0 && <div className="pj-insp-empty">{t('noAuthorities')}</div>}
        {list.map((a, i) => {
          const cert = readCertificate(a.certificate);
          const name = cert?.subject ?? a.id;
          return (
            <Card key={a.id} path={['authorities', i]} className="pj-insp-authority">
              <div className="pj-insp-card-head">
                <ShieldCheck size={14} aria-hidden="true" className="pj-insp-muted-icon" />
                <span className="pj-insp-grow pj-insp-strong">{name}</span>
                <span className="pj-insp-mono pj-insp-muted">{a.id}</span>
                <IconButton
                  label={t('removeAuthority', { name })}
                  icon={Trash2}
                  tone="danger"
                  onClick={() =>
                    onEdit(t('undo.removeAuthority', { name }), (d) => {
                      d.authorities?.splice(i, 1);
                      if (d.authorities?.length === 0) delete d.authorities;
                    })
                  }
                />
              </div>
              <CertificateFacts cert={cert} />
            </Card>
          );
        })}
        <AddButton
          icon={Plus}
          label={t('addAuthority')}
          onClick={() => {
            const authority = newAuthority(topology);
            const name = readCertificate(authority.certificate)?.subject ?? authority.id;
            onEdit(t('undo.addAuthority', { name }), (d) => void (d.authorities ??= []).push(authority));
          }}
        />
        <p className="pj-insp-note">{t('authoritiesHint')}</p>
      </div>
    </Section>
  );
}

/** A server's https: one block per role that can terminate TLS (web server, cache). */
export function TlsSection({ device }: { device: ServerDevice }) {
  const { t } = useTranslation('certs');
  const roles = (['web', 'cache'] as const).filter((r) => device.roles[r] !== undefined);
  if (roles.length === 0) return null;
  return (
    <Section id="tls" title={t('tlsSection')}>
      {roles.map((role) => (
        <RoleTls key={role} device={device} role={role} />
      ))}
    </Section>
  );
}

function RoleTls({ device, role }: { device: ServerDevice; role: 'web' | 'cache' }) {
  const { t } = useTranslation('certs');
  const { topology } = useInspector();
  const edit = useDeviceEdit(device);
  const authorities = topology.authorities ?? [];
  const tls = device.roles[role]?.tls;
  const roleName = t(`role.${role}`);
  const names = certificateNames(topology, device, role);
  const cert = tls ? readCertificate(tls.certificate) : undefined;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const issuer = authorities.find((a) => a.id === chosen) ?? authorities[0];
  const issuerName = issuer ? (readCertificate(issuer.certificate)?.subject ?? issuer.id) : '';
  const issueFrom = (authority: CertificateAuthority, port: number): TlsServerConfig =>
    issueServerCertificate(authority, device.id, names.length > 0 ? names : [device.name], { port });

  const turn = (on: boolean) =>
    edit(t(on ? 'undo.tlsOn' : 'undo.tlsOff', { device: device.name, role: roleName }), (d, top) => {
      const r = d.roles[role];
      if (!r) return;
      if (!on) {
        delete r.tls;
        return;
      }
      // No authority yet: the network gets one, so the certificate has an issuer its hosts trust.
      let authority = (top.authorities ?? []).find((a) => a.id === issuer?.id) ?? top.authorities?.[0];
      if (!authority) {
        authority = newAuthority(top);
        (top.authorities ??= []).push(authority);
      }
      r.tls = issueFrom(authority, 443);
    });

  return (
    <div className="pj-insp-tls" data-pj-path={`roles.${role}.tls`}>
      <Row label={roleName}>
        <CheckField
          label={t('tlsOn', { role: roleName })}
          text={t('tlsOnText')}
          checked={tls !== undefined}
          onChange={turn}
        />
      </Row>
      {tls && (
        <>
          <Row label={t('port')}>
            <TextField
              label={t('tlsPort', { role: roleName })}
              field="port"
              value={tls.port}
              parse={parsePort}
              onCommit={(v) =>
                edit(t('undo.set', { device: device.name, field: t('tlsPort', { role: roleName }) }), (d) => {
                  const r = d.roles[role];
                  if (r?.tls) r.tls.port = v;
                })
              }
              size="small"
            />
          </Row>
          <div data-pj-path={`roles.${role}.tls.sessionTickets`} tabIndex={-1}>
            <Row label={t('sessionTickets')} hint={t('sessionTicketsHint')}>
              <CheckField
                label={t('sessionTicketsFor', { role: roleName })}
                checked={tls.sessionTickets !== false}
                onChange={(on) =>
                  edit(
                    t('undo.set', { device: device.name, field: t('sessionTicketsFor', { role: roleName }) }),
                    (d) => {
                      const r = d.roles[role];
                      if (!r?.tls) return;
                      // nginx's default: no key in the file
                      if (on) delete r.tls.sessionTickets;
                      else r.tls.sessionTickets = false;
                    },
                  )
                }
              />
            </Row>
          </div>
          <div data-pj-path={`roles.${role}.tls.certificate`} tabIndex={-1}>
            <CertificateFacts cert={cert} />
          </div>
          {authorities.length > 0 && (
            <div className="pj-insp-issue">
              {authorities.length > 1 && (
                <SelectField
                  label={t('issuerChoice', { role: roleName })}
                  value={issuer?.id ?? ''}
                  options={authorities.map((a) => ({
                    value: a.id,
                    label: readCertificate(a.certificate)?.subject ?? a.id,
                  }))}
                  onChange={setChosen}
                />
              )}
              <AddButton
                icon={KeyRound}
                label={t('issue', { authority: issuerName })}
                onClick={() =>
                  issuer &&
                  edit(
                    t('undo.issue', {
                      device: device.name,
                      authority: issuerName,
                      names: names.join(', ') || device.name,
                    }),
                    (d) => {
                      const r = d.roles[role];
                      if (r?.tls) r.tls = issueFrom(issuer, r.tls.port);
                    },
                  )
                }
              />
              <div className="pj-insp-hint">{t('issueHint', { names: names.join(', ') || device.name })}</div>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** Which of the network's authorities a host (its browser) or server trusts. */
export function TrustSection({ device }: { device: HostDevice | ServerDevice }) {
  const { t } = useTranslation('certs');
  const { topology } = useInspector();
  const edit = useDeviceEdit(device);
  const authorities = topology.authorities ?? [];
  const list = device.trustedAuthorities;
  const unknown = (list ?? []).filter((id) => !authorities.some((a) => a.id === id));
  if (authorities.length === 0 && list === undefined) return null;
  return (
    <Section id="trust" title={t('trust')}>
      <div data-pj-path="trustedAuthorities" tabIndex={-1}>
        <CheckField
          label={t('trustAll')}
          text={t('trustAll')}
          checked={list === undefined}
          onChange={(all) =>
            edit(t('undo.trust', { device: device.name }), (d) => {
              if (all) delete d.trustedAuthorities;
              else d.trustedAuthorities = (d.trustedAuthorities ?? authorities.map((a) => a.id)).slice();
            })
          }
        />
        {authorities.map((a) => {
          const name = readCertificate(a.certificate)?.subject ?? a.id;
          return (
            <CheckField
              key={a.id}
              label={t('trustOne', { name })}
              text={name}
              checked={list === undefined || list.includes(a.id)}
              disabled={list === undefined}
              onChange={(on) =>
                edit(t('undo.trust', { device: device.name }), (d) => {
                  const now = d.trustedAuthorities ?? [];
                  d.trustedAuthorities = on
                    ? [...now.filter((id) => id !== a.id), a.id]
                    : now.filter((id) => id !== a.id);
                })
              }
            />
          );
        })}
        {unknown.map((id) => (
          <div key={id} className="pj-insp-card-head">
            <span className="pj-insp-grow pj-insp-mono pj-insp-muted">{t('unknownAuthority', { id })}</span>
            <IconButton
              label={t('forget', { id })}
              icon={Trash2}
              tone="danger"
              onClick={() =>
                edit(t('undo.trust', { device: device.name }), (d) => {
                  d.trustedAuthorities = (d.trustedAuthorities ?? []).filter((x) => x !== id);
                })
              }
            />
          </div>
        ))}
        <div className="pj-insp-hint">{t(list === undefined ? 'trustAllHint' : 'trustListHint')}</div>
      </div>
    </Section>
  );
}

/** A site's https behaviour: redirect plain http to https, and HSTS (the browser then goes to https by itself). */
export function SiteHttps({ device, index }: { device: ServerDevice; index: number }) {
  const { t } = useTranslation('certs');
  const edit = useDeviceEdit(device);
  const site = device.roles.web?.sites[index];
  if (!site) return null;
  const host = site.hostname;
  const update = (field: string, recipe: (s: WebSite) => void) =>
    edit(t('undo.set', { device: device.name, field }), (d) => {
      const s = d.roles.web?.sites[index];
      if (s) recipe(s);
    });
  return (
    <div className="pj-insp-site-https">
      <div data-pj-path={`roles.web.sites.${index}.httpsRedirect`}>
        <CheckField
          label={t('redirectFor', { host })}
          text={t('redirect')}
          checked={site.httpsRedirect === true}
          onChange={(on) =>
            update(t('redirectFor', { host }), (s) => {
              if (on) s.httpsRedirect = true;
              else delete s.httpsRedirect;
            })
          }
        />
      </div>
      <div data-pj-path={`roles.web.sites.${index}.hstsMaxAgeSeconds`}>
        <Row label={t('hsts')} hint={t('hstsHint')}>
          <TextField
            label={t('hstsFor', { host })}
            field="hstsMaxAgeSeconds"
            value={site.hstsMaxAgeSeconds}
            parse={optional(integer(0, 63072000))}
            placeholder={t('hstsOff')}
            onCommit={(v) => update(t('hstsFor', { host }), (s) => setOptional(s, 'hstsMaxAgeSeconds', v))}
            size="small"
          />
        </Row>
      </div>
    </div>
  );
}
