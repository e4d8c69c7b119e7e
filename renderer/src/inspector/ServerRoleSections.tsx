import { FilePlus, Globe, Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ServerDevice, WebPage, WebSite } from '../../../shared/model/schema';
import { Section, useDeviceEdit, useInspector } from './context';
import { defaultCacheRole, defaultDhcp, defaultWebRole, newPage, newSite } from './defaults';
import { setOptional } from './draft-edits';
import { DhcpForm } from './DhcpForm';
import { AddButton, CheckField, IconButton, Row, TextField } from './fields';
import { Card } from './Table';
import { SiteHttps } from './TlsSections';
import {
  integer,
  maxLength,
  nonEmpty,
  optional,
  parseDnsName,
  parseHttpStatus,
  parseIpv4,
  parseMaxAge,
  parsePort,
  parseRedirectLocation,
  parseWebPath,
  unique,
} from './validation';

type RoleName = 'web' | 'dns' | 'dhcp' | 'cache';

/** The header checkbox that adds a role with sensible defaults or removes it. */
export function RoleToggle({
  device,
  role,
  make,
}: {
  device: ServerDevice;
  role: RoleName;
  make(): NonNullable<ServerDevice['roles'][RoleName]>;
}) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const label = t('aria.roleEnabled', { role: t(`role.${role}`) });
  return (
    <CheckField
      label={label}
      text={t('field.enabled')}
      checked={device.roles[role] !== undefined}
      onChange={(on) =>
        edit(t(on ? 'undo.enableRole' : 'undo.disableRole', { device: device.name, role: t(`role.${role}`) }), (d) => {
          if (on) (d.roles as Record<RoleName, unknown>)[role] = make();
          else delete d.roles[role];
        })
      }
    />
  );
}

export function WebRoleSection({ device }: { device: ServerDevice }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const web = device.roles.web;
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  const setSite = (i: number, field: string, recipe: (s: WebSite) => void) =>
    edit(undo(field), (d) => d.roles.web && recipe(d.roles.web.sites[i]));
  return (
    <Section id="web" title={t('role.web')} extra={<RoleToggle device={device} role="web" make={defaultWebRole} />}>
      {!web ? null : (
        <div data-pj-path="roles.web">
          <Row label={t('field.port')}>
            <TextField
              label={t('aria.webPort')}
              field="port"
              value={web.port}
              parse={parsePort}
              onCommit={(v) => edit(undo(t('aria.webPort')), (d) => d.roles.web && void (d.roles.web.port = v))}
              size="small"
            />
          </Row>
          <div data-pj-path="roles.web.keepaliveTimeoutSeconds">
            <Row label={t('field.keepaliveTimeout')} hint={t('hint.keepaliveTimeout')}>
              <TextField
                label={t('aria.webKeepaliveTimeout')}
                field="keepaliveTimeoutSeconds"
                value={web.keepaliveTimeoutSeconds}
                parse={optional(integer(0, 3600))}
                onCommit={(v) =>
                  edit(
                    undo(t('aria.webKeepaliveTimeout')),
                    (d) => d.roles.web && setOptional(d.roles.web, 'keepaliveTimeoutSeconds', v),
                  )
                }
                placeholder="75"
                size="small"
              />
            </Row>
          </div>
          {web.sites.length === 0 && <div className="pj-insp-empty">{t('empty.sites')}</div>}
          {web.sites.map((site, i) => {
            const siteLabel = t('aria.site', { host: site.hostname });
            return (
              <Card key={i} path={['roles', 'web', 'sites', i]} className="pj-insp-site">
                <div className="pj-insp-card-head">
                  <Globe size={14} aria-hidden="true" className="pj-insp-muted-icon" />
                  <TextField
                    label={t('aria.siteHostname', { host: site.hostname })}
                    field="hostname"
                    value={site.hostname}
                    parse={unique(parseDnsName, (h) => web.sites.some((o, j) => j !== i && o.hostname === h))}
                    onCommit={(v) =>
                      setSite(i, t('aria.siteHostname', { host: site.hostname }), (s) => void (s.hostname = v))
                    }
                    className="pj-insp-grow"
                    monospace
                  />
                  <IconButton
                    label={t('action.removeSite', { host: site.hostname })}
                    icon={Trash2}
                    tone="danger"
                    onClick={() =>
                      edit(
                        t('undo.remove', { device: device.name, what: siteLabel }),
                        (d) => void d.roles.web?.sites.splice(i, 1),
                      )
                    }
                  />
                </div>
                <SiteHttps device={device} index={i} />
                {site.pages.map((page, p) => (
                  <PageEditor
                    key={p}
                    page={page}
                    host={site.hostname}
                    path={['roles', 'web', 'sites', i, 'pages', p]}
                    taken={(path) => site.pages.some((o, j) => j !== p && o.path === path)}
                    update={(field, recipe) => setSite(i, field, (s) => recipe(s.pages[p]))}
                    remove={() =>
                      setSite(
                        i,
                        t('action.removePage', { host: site.hostname, path: page.path }),
                        (s) => void s.pages.splice(p, 1),
                      )
                    }
                  />
                ))}
                <AddButton
                  icon={FilePlus}
                  label={t('action.addPage')}
                  onClick={() => setSite(i, t('action.addPage'), (s) => void s.pages.push(newPage(s.pages)))}
                />
              </Card>
            );
          })}
          <AddButton
            icon={Plus}
            label={t('action.addSite')}
            onClick={() => edit(t('action.addSite'), (d) => void d.roles.web?.sites.push(newSite(d.roles.web.sites)))}
          />
        </div>
      )}
    </Section>
  );
}

function PageEditor({
  page,
  host,
  path,
  taken,
  update,
  remove,
}: {
  page: WebPage;
  host: string;
  path: (string | number)[];
  taken(path: string): boolean;
  update(field: string, recipe: (p: WebPage) => void): void;
  remove(): void;
}) {
  const { t } = useTranslation('inspector');
  const aria = (field: string) => t('aria.page', { host, path: page.path, field: t(`aria.${field}`) });
  return (
    <Card path={path} className="pj-insp-page">
      <div className="pj-insp-card-grid">
        <span className="pj-insp-label">{t('field.path')}</span>
        <div className="pj-insp-card-head">
          <TextField
            label={aria('path')}
            field="path"
            value={page.path}
            parse={unique(parseWebPath, taken)}
            onCommit={(v) => update(aria('path'), (p) => void (p.path = v))}
            className="pj-insp-grow"
            monospace
          />
          <IconButton
            label={t('action.removePage', { host, path: page.path })}
            icon={Trash2}
            tone="danger"
            onClick={remove}
          />
        </div>
        <span className="pj-insp-label">{t('field.status')}</span>
        <TextField
          label={aria('status')}
          field="status"
          value={page.status}
          parse={parseHttpStatus}
          onCommit={(v) => update(aria('status'), (p) => void (p.status = v))}
          size="small"
        />
        <span className="pj-insp-label">{t('field.contentType')}</span>
        <TextField
          label={aria('contentType')}
          field="contentType"
          value={page.contentType}
          parse={nonEmpty(100)}
          onCommit={(v) => update(aria('contentType'), (p) => void (p.contentType = v))}
          monospace
        />
        <span className="pj-insp-label">{t('field.location')}</span>
        <div className="pj-insp-value">
          <TextField
            label={aria('location')}
            field="location"
            value={page.location}
            parse={optional(parseRedirectLocation)}
            onCommit={(v) => update(aria('location'), (p) => setOptional(p, 'location', v))}
            monospace
          />
          {/* What the field does matters where it does something: a redirect status. */}
          {page.status >= 300 && page.status < 400 && <div className="pj-insp-hint">{t('hint.location')}</div>}
        </div>
      </div>
      <span className="pj-insp-label">{t('field.body')}</span>
      <TextField
        label={aria('body')}
        field="body"
        value={page.body}
        parse={maxLength(65536)}
        onCommit={(v) => update(aria('body'), (p) => void (p.body = v))}
        multiline
        rows={5}
        monospace
      />
    </Card>
  );
}

export function ServerDhcpSection({ device }: { device: ServerDevice }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  const dhcp = device.roles.dhcp;
  return (
    <Section
      id="dhcp"
      title={t('role.dhcp')}
      extra={<RoleToggle device={device} role="dhcp" make={() => defaultDhcp(device)} />}
    >
      {dhcp ? (
        <div data-pj-path="roles.dhcp">
          <DhcpForm
            config={dhcp}
            interfaces={device.interfaces.map((i) => i.name)}
            update={(field, recipe) => edit(undo(field), (d) => d.roles.dhcp && recipe(d.roles.dhcp))}
          />
        </div>
      ) : null}
    </Section>
  );
}

export function CacheRoleSection({ device }: { device: ServerDevice }) {
  const { t } = useTranslation('inspector');
  const { topology } = useInspector();
  const edit = useDeviceEdit(device);
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  const cache = device.roles.cache;
  return (
    <Section
      id="cache"
      title={t('role.cache')}
      extra={<RoleToggle device={device} role="cache" make={() => defaultCacheRole(topology)} />}
    >
      {cache ? (
        <div data-pj-path="roles.cache">
          <Row label={t('field.port')}>
            <TextField
              label={t('aria.cachePort')}
              field="port"
              value={cache.port}
              parse={parsePort}
              onCommit={(v) => edit(undo(t('aria.cachePort')), (d) => d.roles.cache && void (d.roles.cache.port = v))}
              size="small"
            />
          </Row>
          <Row label={t('field.origin')} hint={t('hint.origin')}>
            <TextField
              label={t('aria.cacheOrigin')}
              field="origin"
              value={cache.origin}
              parse={parseIpv4}
              onCommit={(v) =>
                edit(undo(t('aria.cacheOrigin')), (d) => d.roles.cache && void (d.roles.cache.origin = v))
              }
              monospace
            />
          </Row>
          <Row label={t('field.originPort')}>
            <TextField
              label={t('aria.cacheOriginPort')}
              field="originPort"
              value={cache.originPort}
              parse={parsePort}
              onCommit={(v) =>
                edit(undo(t('aria.cacheOriginPort')), (d) => d.roles.cache && void (d.roles.cache.originPort = v))
              }
              size="small"
            />
          </Row>
          <Row label={t('field.maxAge')} hint={t('hint.maxAge')}>
            <TextField
              label={t('aria.cacheMaxAge')}
              field="maxAgeSeconds"
              value={cache.maxAgeSeconds}
              parse={parseMaxAge}
              onCommit={(v) =>
                edit(undo(t('aria.cacheMaxAge')), (d) => d.roles.cache && void (d.roles.cache.maxAgeSeconds = v))
              }
              size="small"
            />
          </Row>
        </div>
      ) : null}
    </Section>
  );
}
